
"""Parser/TypeAccelerator.Tests.ps1:456-459, run as scripts: each built-in accelerator names its .NET type.

The cases are those of the file's test table (its line numbers) for the types psbridge models; the
others (CIM, DSC, WMI, runspaces, X509, PSCredential ...) are not part of psbridge and resolve only
through a loaded .NET runtime, if at all.
"""

from __future__ import annotations

import pytest

from tests.conversion.pester_scripts import one


@pytest.mark.parametrize(
    ("line", "accelerator", "full_name"),
    [
        (14, "Alias", "System.Management.Automation.AliasAttribute"),
        (18, "AllowEmptyCollection", "System.Management.Automation.AllowEmptyCollectionAttribute"),
        (22, "AllowEmptyString", "System.Management.Automation.AllowEmptyStringAttribute"),
        (26, "AllowNull", "System.Management.Automation.AllowNullAttribute"),
        (30, "ArgumentCompleter", "System.Management.Automation.ArgumentCompleterAttribute"),
        (34, "ArgumentCompletions", "System.Management.Automation.ArgumentCompletionsAttribute"),
        (38, "array", "System.Array"),
        (42, "bool", "System.Boolean"),
        (46, "byte", "System.Byte"),
        (50, "char", "System.Char"),
        (54, "CmdletBinding", "System.Management.Automation.CmdletBindingAttribute"),
        (58, "datetime", "System.DateTime"),
        (62, "decimal", "System.Decimal"),
        (66, "double", "System.Double"),
        (86, "float", "System.Single"),
        (90, "single", "System.Single"),
        (94, "guid", "System.Guid"),
        (98, "hashtable", "System.Collections.Hashtable"),
        (102, "int", "System.Int32"),
        (106, "int32", "System.Int32"),
        (110, "short", "System.Int16"),
        (114, "int16", "System.Int16"),
        (118, "long", "System.Int64"),
        (122, "int64", "System.Int64"),
        (146, "NullString", "System.Management.Automation.Language.NullString"),
        (150, "OutputType", "System.Management.Automation.OutputTypeAttribute"),
        (158, "Parameter", "System.Management.Automation.ParameterAttribute"),
        (170, "PSDefaultValue", "System.Management.Automation.PSDefaultValueAttribute"),
        (178, "psobject", "System.Management.Automation.PSObject"),
        (182, "pscustomobject", "System.Management.Automation.PSObject"),
        (194, "PSTypeNameAttribute", "System.Management.Automation.PSTypeNameAttribute"),
        (198, "regex", "System.Text.RegularExpressions.Regex"),
        (206, "sbyte", "System.SByte"),
        (210, "string", "System.String"),
        (214, "SupportsWildcards", "System.Management.Automation.SupportsWildcardsAttribute"),
        (218, "switch", "System.Management.Automation.SwitchParameter"),
        (222, "cultureinfo", "System.Globalization.CultureInfo"),
        (226, "bigint", "System.Numerics.BigInteger"),
        (230, "securestring", "System.Security.SecureString"),
        (234, "timespan", "System.TimeSpan"),
        (238, "ushort", "System.UInt16"),
        (242, "uint16", "System.UInt16"),
        (246, "uint", "System.UInt32"),
        (250, "uint32", "System.UInt32"),
        (254, "ulong", "System.Uint64"),
        (258, "uint64", "System.UInt64"),
        (262, "uri", "System.Uri"),
        (266, "ValidateCount", "System.Management.Automation.ValidateCountAttribute"),
        (270, "ValidateDrive", "System.Management.Automation.ValidateDriveAttribute"),
        (274, "ValidateLength", "System.Management.Automation.ValidateLengthAttribute"),
        (278, "ValidateNotNull", "System.Management.Automation.ValidateNotNullAttribute"),
        (282, "ValidateNotNullOrEmpty", "System.Management.Automation.ValidateNotNullOrEmptyAttribute"),
        (286, "ValidateNotNullOrWhiteSpace", "System.Management.Automation.ValidateNotNullOrWhiteSpaceAttribute"),
        (290, "ValidatePattern", "System.Management.Automation.ValidatePatternAttribute"),
        (294, "ValidateRange", "System.Management.Automation.ValidateRangeAttribute"),
        (298, "ValidateScript", "System.Management.Automation.ValidateScriptAttribute"),
        (302, "ValidateSet", "System.Management.Automation.ValidateSetAttribute"),
        (306, "ValidateUserDrive", "System.Management.Automation.ValidateUserDriveAttribute"),
        (310, "version", "System.Version"),
        (314, "void", "System.Void"),
        (354, "scriptblock", "System.Management.Automation.ScriptBlock"),
        (362, "type", "System.Type"),
        (410, "ordered", "System.Collections.Specialized.OrderedDictionary"),
    ],
)
def test_accelerator_names_its_type(line: int, accelerator: str, full_name: str) -> None:
    # `[ulong]` is listed as System.Uint64 (line 254): type names compare case-insensitively
    assert one(f"[{accelerator}].FullName").casefold() == full_name.casefold(), f"TypeAccelerator.Tests.ps1:{line}"
    assert one(f"[{accelerator}] -eq [{full_name}]") is True, f"TypeAccelerator.Tests.ps1:{line}"
