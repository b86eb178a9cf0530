"""Get-Member, from PowerShell's Pester tests
(test/powershell/Modules/Microsoft.PowerShell.Utility/Get-Member.Tests.ps1), on psbridge's objects,
strings, numbers, hashtables, arrays and PSOpenAI's output objects, and as the command line prints it."""

from __future__ import annotations

import pytest

import psbridge
from psbridge.cli.formatting import format_output
from psbridge.objects import PSObject

GET_MEMBER = "Microsoft.PowerShell.Commands.GetMemberCommand"


def run(text: str, **variables):
    return psbridge.run(text, variables=variables or None)


def members(text: str, **variables) -> list[tuple[str, str, str, str]]:
    return [(m.TypeName, m.Name, m.MemberType, m.Definition) for m in run(text, **variables)]


@pytest.mark.parametrize("value", ["1", "1.3", "$false", "@(1, 3)", "'anoeduntodeu'"])
def test_any_value_has_members(value) -> None:
    # Get-Member.Tests.ps1:4-18
    result = run(f"Get-Member -InputObject {value}")
    assert result and all(m.pstypenames[0] == "Microsoft.PowerShell.Commands.MemberDefinition" for m in result)


def test_a_new_psobject_with_a_note() -> None:
    # Get-Member.Tests.ps1:36-42
    text = "$o = New-Object psobject; Add-Member -InputObject $o -MemberType NoteProperty -Name proppy -Value superVal"
    found = members(text + "; Get-Member -InputObject $o")
    assert ("System.Management.Automation.PSCustomObject", "proppy", "NoteProperty", "string proppy=superVal") in found


def test_an_incomplete_parameter_name() -> None:
    # Get-Member.Tests.ps1:53-56
    assert run("Get-Member -i 1 -Name ToString")[0].Definition == "string ToString()"


def test_no_input_is_an_error() -> None:
    # Get-Member.Tests.ps1:164-166
    with pytest.raises(psbridge.PSError) as error:
        run("Get-Member -MemberType All -ErrorAction Stop")
    assert error.value.error_record.fully_qualified_error_id == f"NoObjectInGetMember,{GET_MEMBER}"
    assert str(error.value) == "You must specify an object for the Get-Member cmdlet."


def test_one_listing_per_type_sorted_by_member_type_then_name() -> None:
    # Get-Member.Tests.ps1:168-195 (three objects of one type list their members once), GetMember.cs MemberComparer
    text = "$e = { [pscustomobject]@{FirstName=$args[0]; LastName='smith'; YearsInMS=5} }; (& $e john), (& $e mary)"
    found = members(text + " | Get-Member")
    assert [(name, kind) for _t, name, kind, _d in found] == [
        ("Equals", "Method"), ("GetHashCode", "Method"), ("GetType", "Method"), ("ToString", "Method"),
        ("FirstName", "NoteProperty"), ("LastName", "NoteProperty"), ("YearsInMS", "NoteProperty"),
    ]  # fmt: skip
    assert len(members(text + " | Get-Member -MemberType Method")) == 4


def test_note_definitions_name_the_value_type() -> None:
    # PSNoteProperty.ToString: accelerator or short type name, the value's ToString, "object ...=null"
    found = {name: d for _t, name, _k, d in members(
        "[pscustomobject]@{s='x'; i=1; d=1.5; b=$true; a=@(1,2); h=@{}; n=$null; o=[pscustomobject]@{z=1}} | "
        "Get-Member -MemberType NoteProperty"
    )}  # fmt: skip
    assert found == {
        "s": "string s=x", "i": "int i=1", "d": "double d=1.5", "b": "bool b=True", "a": "Object[] a=System.Object[]",
        "h": "hashtable h=System.Collections.Hashtable", "n": "object n=null",
        "o": "System.Management.Automation.PSCustomObject o=@{z=1}",
    }  # fmt: skip


def test_added_members_show_their_kinds() -> None:
    text = (
        "$o = [pscustomobject]@{a=1}; $o | Add-Member -MemberType ScriptProperty -Name Twice -Value {$this.a*2}; "
        "$o | Add-Member -MemberType ScriptMethod -Name M -Value {1}; "
        "$o | Add-Member -MemberType AliasProperty -Name b -Value a; $o | Get-Member -MemberType "
    )
    assert [(n, k, d) for _t, n, k, d in members(text + "AliasProperty, ScriptProperty, ScriptMethod")] == [
        ("b", "AliasProperty", "b = a"),
        ("M", "ScriptMethod", "System.Object M();"),
        ("Twice", "ScriptProperty", "System.Object Twice {get=$this.a*2;}"),
    ]


def test_strings_hashtables_and_arrays() -> None:
    length = members("'abc' | Get-Member -MemberType Property")
    assert length == [("System.String", "Length", "Property", "int Length {get;}")]
    names = [n for _t, n, _k, _d in members("@{a=1} | Get-Member -MemberType Property")]
    assert names == ["Count", "IsFixedSize", "IsReadOnly", "IsSynchronized", "Keys", "SyncRoot", "Values"]
    assert {t for t, *_ in members("Get-Member -InputObject @(1, 3)")} == {"System.Object[]"}
    assert {t for t, *_ in members("@(1, 'a', 2) | Get-Member")} == {"System.Int32", "System.String"}  # items


def test_name_filter_and_view() -> None:
    assert [n for _t, n, _k, _d in members("'a' | Get-Member -Name Get*")] == ["GetHashCode", "GetType"]
    assert [k for _t, _n, k, _d in members("[pscustomobject]@{a=1} | Get-Member -View Extended")] == ["NoteProperty"]
    assert "NoteProperty" not in [k for *_x, k, _d in members("[pscustomobject]@{a=1} | Get-Member -View Adapted")]


def test_psopenai_output_objects_show_their_type_name() -> None:
    run_object = PSObject({"id": "run_1", "status": "queued"}, type_names=["PSOpenAI.Thread.Run"])
    found = members("$r | Get-Member -MemberType NoteProperty", r=run_object)
    assert found == [
        ("PSOpenAI.Thread.Run", "id", "NoteProperty", "string id=run_1"),
        ("PSOpenAI.Thread.Run", "status", "NoteProperty", "string status=queued"),
    ]


def test_static_is_refused_naming_the_type() -> None:
    with pytest.raises(psbridge.PSError) as error:
        run("1 | Get-Member -Static")
    assert error.value.error_record.fully_qualified_error_id == f"StaticMembersNotListed,{GET_MEMBER}"


def test_printed_as_pwsh_prints_it() -> None:
    text = format_output(run("[pscustomobject]@{Name='Alice'; Age=25} | Get-Member"))
    assert text == (
        "\n   TypeName: System.Management.Automation.PSCustomObject\n\n"
        "Name        MemberType   Definition\n"
        "----        ----------   ----------\n"
        "Equals      Method       bool Equals(System.Object obj)\n"
        "GetHashCode Method       int GetHashCode()\n"
        "GetType     Method       type GetType()\n"
        "ToString    Method       string ToString()\n"
        "Age         NoteProperty int Age=25\n"
        "Name        NoteProperty string Name=Alice\n"
    )
