"""Types and members psbridge does not implement, resolved through a real .NET runtime (Mono)."""

from __future__ import annotations

from typing import Any

import pytest

from psbridge.conversion import MethodInvocationError, MethodNotFoundError, TypeNotFoundError, resolve_type
from psbridge.conversion.methods import invoke_method
from psbridge.conversion.statics import get_static, invoke_static


def test_unknown_type_resolves_in_loaded_assemblies(clr: Any) -> None:
    utility = resolve_type("System.Web.HttpUtility")
    assert utility.full_name == "System.Web.HttpUtility"
    assert invoke_static(utility, "UrlEncode", ["a b&c"]) == "a+b%26c"
    assert resolve_type("UriBuilder").full_name == "System.UriBuilder"  # under System., as PowerShell looks
    with pytest.raises(TypeNotFoundError, match=r"Unable to find type \[No.Such.Type\]"):
        resolve_type("No.Such.Type")


def test_constructor_cast_and_instance_members(clr: Any) -> None:
    builder_type = resolve_type("System.UriBuilder")
    builder = invoke_static(builder_type, "new", ["https://example.test/path"])
    assert builder_type.is_instance(builder) and builder.Host == "example.test"
    assert invoke_method(builder, "tostring", []) == builder.ToString()  # found case-insensitively, as PowerShell
    with pytest.raises(MethodNotFoundError, match=r"does not contain a method named 'Frob'"):
        invoke_method(builder, "Frob", [])
    cast = builder_type.convert("https://other.test/")
    assert cast.Host == "other.test"


def test_missing_statics_of_known_types_fall_back_to_dotnet(clr: Any) -> None:
    assert invoke_static(resolve_type("math"), "BigMul", [2**31 - 1, 2**31 - 1]) == (2**31 - 1) ** 2
    assert invoke_static(resolve_type("math"), "IEEERemainder", [10.0, 3.0]) == pytest.approx(1.0)
    assert get_static(resolve_type("System.Net.HttpVersion"), "Version20") is not None
    with pytest.raises(MethodInvocationError, match=r'Exception calling "OpenRead" with "1" argument\(s\)'):
        invoke_static(resolve_type("System.IO.File"), "OpenRead", ["/no/such/file"])
    with pytest.raises(MethodNotFoundError, match=r"\[System.Math\] does not contain a method named 'Nope'"):
        invoke_static(resolve_type("math"), "Nope", [])


def test_missing_instance_method_of_a_string_goes_to_system_string(clr: Any) -> None:
    assert invoke_method("abc", "GetTypeCode", []) is not None
    with pytest.raises(MethodNotFoundError, match=r"\[System.String\] does not contain a method named 'Frob'"):
        invoke_method("abc", "Frob", [])


def test_a_dotnet_enum_takes_a_member_name_or_a_number(clr: Any) -> None:
    # LanguagePrimitives: a string names an enum member in any case, a number is its value; the
    # binder relies on it for a spec's .NET enum parameter (Set-Item -Type is RegistryValueKind)
    kind = resolve_type("Microsoft.Win32.RegistryValueKind")
    assert str(kind.convert("string")) == "String"
    assert str(kind.convert(4)) == "DWord"
    with pytest.raises(Exception, match=r'Cannot convert the "nope" value'):
        kind.convert("nope")
