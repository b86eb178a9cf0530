# ruff: noqa: E501 - the scripts are PowerShell lines as the Pester tests have them
"""Scripting/ParameterBinding.Tests.ps1:301-428, run as scripts: the conversions the binder applies to
a function's typed parameters and their defaults (the one conversion engine, called by the binder)."""

from __future__ import annotations

from tests.conversion.pester_scripts import error_of, one, run

FLAGS = "System.Text.RegularExpressions.RegexOptions"


def test_pipeline_by_property_name_after_a_failed_conversion() -> None:
    # ParameterBinding.Tests.ps1:313-320 'abc' cannot bind [int] $Parameter1 by value, but its Length binds $Length by property name
    script = "function get-foo { param([Parameter(ValueFromPipeline = $true)] [int] $Parameter1 = 10, [Parameter(ValueFromPipelineByPropertyName = $true)] [int] $Length = 100) process { $Length } }; 'abc' | get-foo"
    assert one(script) == 3


def test_string_array_to_bool_array() -> None:
    # ParameterBinding.Tests.ps1:324-331: an advanced function refuses (a string is not a bool there)
    error_id, _message = error_of("function get-foo { [cmdletbinding()] param ([bool[]] $Parameter) $Parameter }; get-foo 'a','b'")
    assert error_id == "ParameterArgumentTransformationError,get-foo"


def test_default_values_convert_to_the_parameter_type() -> None:
    # ParameterBinding.Tests.ps1:348-365 (a flags enum psbridge models stands in for System.Reflection.MemberTypes)
    for binding in ("", "[CmdletBinding()]"):
        script = f'function get-fooa {{ {binding} param( [{FLAGS}] $memberTypes = $([Enum]::GetNames("{FLAGS}") -join ",") ) $memberTypes -is [{FLAGS}] }}; get-fooa'
        assert one(script) is True, binding
    # :369-385: no default: $null, no error
    assert one(f"function get-fooc {{ param( [Parameter()] [{FLAGS}] $memberTypes ) $null -eq $memberTypes }}; get-fooc") is True
    assert one(f"function get-food {{ param( [{FLAGS}] $memberTypes ) $null -eq $memberTypes }}; get-food") is True


def test_validation_does_not_run_on_defaults() -> None:
    # ParameterBinding.Tests.ps1:389-427
    assert one("function get-fooe { param([ValidateRange(1,42)] $p = 55) $p }; get-fooe") == 55
    assert one("function get-foof { [CmdletBinding()] param([ValidateRange(1,42)] $p = 55) $p }; get-foof") == 55
    assert run("function get-foog { param([ValidateRange(1,42)] $p) $p }; get-foog") == [None]
    assert run("function get-fooh { [CmdletBinding()] param([ValidateRange(1,42)] $p) $p }; get-fooh") == [None]
