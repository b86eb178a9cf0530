"""Add-Member, from PowerShell's Pester tests
(test/powershell/Modules/Microsoft.PowerShell.Utility/Add-Member.Tests.ps1), run as PowerShell
text, plus the forms PSOpenAI's source uses (NoteProperty -Force on response objects,
ScriptProperty on output objects)."""

from __future__ import annotations

import pytest

import psbridge
from psbridge.objects import PSObject


def run(text: str, **variables):
    return psbridge.run(text, variables=variables or None)


def error_id(text: str) -> str:
    with pytest.raises(psbridge.PSError) as error:
        run(text)
    errors = getattr(error.value, "errors", None)
    record = errors[0] if errors else error.value.error_record
    return str(record.fully_qualified_error_id)


COMMAND = "Microsoft.PowerShell.Commands.AddMemberCommand"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Add-Member -Name "" -InputObject a', "ParameterArgumentValidationErrorEmptyStringNotAllowed"),
        ("Add-Member -InputObject $null -TypeName x", "ParameterArgumentValidationErrorNullNotAllowed"),
    ],
)
def test_mandatory_parameters_are_not_null_or_empty(text, expected) -> None:
    # Add-Member.Tests.ps1:5-19 (-Name $null, -MemberType $null and "" are the binder's null handling, left out)
    assert error_id(text) == f"{expected},{COMMAND}"


@pytest.mark.parametrize("kind", ["CodeMethod", "MemberSet", "PropertySet", "ScriptMethod", "NoteProperty"])
def test_second_value_is_refused_where_it_means_nothing(kind) -> None:
    # Add-Member.Tests.ps1:22-30
    text = f"Add-Member -InputObject a -MemberType {kind} -Name Name -Value something -SecondValue somethingElse"
    assert error_id(text) == f"Value2ShouldNotBeSpecified,{COMMAND}"


@pytest.mark.parametrize("kind", ["Method", "Property", "ParameterizedProperty"])
def test_cannot_add_a_ps_property_or_method(kind) -> None:
    # Add-Member.Tests.ps1:32-41
    assert error_id(f"Add-Member -InputObject a -MemberType {kind} -Name Name") == f"CannotAddMemberType,{COMMAND}"


def test_an_unknown_member_type_fails_binding() -> None:
    # Add-Member.Tests.ps1:40
    assert error_id("Add-Member -InputObject a -MemberType AnythingElse -Name Name") == (
        f"CannotConvertArgumentNoMessage,{COMMAND}"
    )


@pytest.mark.parametrize("kind", ["CodeProperty", "ScriptProperty"])
def test_value_and_second_value_not_both_null(kind) -> None:
    # Add-Member.Tests.ps1:44-52
    text = f"Add-Member -MemberType {kind} -Name PropertyName -Value $null -SecondValue $null -InputObject a"
    assert error_id(text) == f"Value1AndValue2AreNotBothNull,{COMMAND}"


def test_alias_to_an_unknown_type() -> None:
    # Add-Member.Tests.ps1:54-57
    text = "Add-Member -InputObject a -MemberType AliasProperty -Name Name -Value something -SecondValue unexistingType"
    assert error_id(text) == f"InvalidCastFromStringToType,{COMMAND}"


def test_alias_property_with_and_without_a_type() -> None:
    # Add-Member.Tests.ps1:59-69
    text = (
        "$r = Add-Member -InputObject a -MemberType AliasProperty -Name Cnt -Value Length {} -PassThru; "
        "$r.Cnt; $r.Cnt.GetType().Name"
    )
    assert run(text.format("")) == [1, "Int32"]
    assert run(text.format("-SecondValue String")) == ["1", "String"]


@pytest.mark.parametrize("kind", ["ScriptMethod", "ScriptProperty"])
def test_script_members_need_script_blocks(kind) -> None:
    # Add-Member.Tests.ps1:91-94 and 102-105
    text = f"Add-Member -InputObject a -MemberType {kind} -Name Name -Value something"
    assert error_id(text) == f"ConvertToFinalInvalidCastException,{COMMAND}"


def test_script_method() -> None:
    # Add-Member.Tests.ps1:96-100: the result is still the string, with a method
    text = "$r = Add-Member -InputObject 'abc' -MemberType ScriptMethod -Name Name -Value {$this.length} -PassThru"
    assert run(text + "; $r -ceq 'abc'; $r.Name()") == [True, 3]


def test_script_property_with_getter_and_setter() -> None:
    # Add-Member.Tests.ps1:107-115 (on a custom object: psbridge's aliases are Get-Alias's business)
    text = (
        "$al = [pscustomobject]@{Description='MyDescription'}; "
        "$al | Add-Member -MemberType ScriptProperty -Name NewDescription -Value {$this.Description} "
        "-SecondValue {$this.Description=$args[0]}; "
        "$al.NewDescription; $al.NewDescription = 'some description'; $al.NewDescription; $al.Description"
    )
    assert run(text) == ["MyDescription", "some description", "some description"]


def test_type_name() -> None:
    # Add-Member.Tests.ps1:117-125
    text = "$a = 'string' | Add-Member -MemberType NoteProperty -Name TestNote -Value Any -TypeName MyType -PassThru"
    assert run(text + "; $a.PSTypeNames[0]; $a.TestNote") == ["MyType", "Any"]
    assert run("$a = 'string' | Add-Member -TypeName System.Object -PassThru; $a.PSTypeNames[0]") == ["System.Object"]
    assert run("$a = [pscustomobject]@{} | Add-Member -TypeName int -PassThru; $a.PSTypeNames[0]") == ["System.Int32"]


def test_note_on_an_array() -> None:
    # Add-Member.Tests.ps1:127-131
    text = "$a = 1,2,3; $a = Add-Member -InputObject $a -MemberType NoteProperty -Name Name -Value Value -PassThru"
    assert run(text + "; $a.Name; $a.Count; $a[2]") == ["Value", 3, 3]


def test_several_notes_from_a_hashtable() -> None:
    # Add-Member.Tests.ps1:133-148
    text = "$obj = [pscustomobject]@{}; Add-Member -InputObject $obj ([ordered]@{Name='Name';TestInt=1;TestNull=$null})"
    assert run(text + "; $obj.Name; $obj.TestInt; $null -eq $obj.TestNull") == ["Name", 1, True]
    text = "$obj = [pscustomobject]@{}; $obj = Add-Member -InputObject $obj @{Name='Name'} -TypeName MyType -PassThru"
    assert run(text + "; $obj.PSTypeNames[0]") == ["MyType"]


def test_force_replaces_a_member() -> None:
    # Add-Member.Tests.ps1:150-156
    text = (
        "$obj = [pscustomobject]@{}; $obj | Add-Member -MemberType NoteProperty -Name TestNote -Value 1; "
        "$obj | Add-Member @{TestNote='hello'} -Force; $obj.TestNote"
    )
    assert run(text) == ["hello"]


def test_simplified_note_property_forms() -> None:
    # Add-Member.Tests.ps1:158-173 (the numeric names, `23 Any` and `8 np Any`, are left out: see the report)
    assert run("$r = Add-Member -InputObject a property Any -PassThru; $r.property") == ["Any"]
    assert run("$r = Add-Member -InputObject a Method Any -PassThru; $r.Method") == ["Any"]
    assert run("$r = Add-Member -InputObject a -MemberType 16 -Name sp -Value {1+1} -PassThru; $r.sp") == [2]


def test_an_existing_member_is_a_non_terminating_invalid_operation() -> None:
    # Add-Member.Tests.ps1:175-182
    text = (
        "$object = @(1,2); $object = Add-Member -InputObject $object 'ABC' 'Value1' -PassThru; "
        "Add-Member -InputObject $object 'ABC' 'Value2' -ErrorVariable errorVar -ErrorAction SilentlyContinue; "
        "$errorVar[0].FullyQualifiedErrorId; $errorVar[0].Exception.Message; $object.ABC"
    )
    result = run(text)
    assert result[0] == f"MemberAlreadyExists,{COMMAND}"
    assert result[1].startswith('Cannot add a member with the name "ABC" because a member with that name already')
    assert result[2] == "Value1"


def test_added_members_are_seen() -> None:
    # Add-Member.Tests.ps1:185-203
    text = (
        "$o = [pscustomobject]@{}; Add-Member -InputObject $o -MemberType NoteProperty -Name proppy -Value superVal; "
        "Add-Member -InputObject $o -MemberType NoteProperty -Name AnotherMember -Value AnotherValue; "
        "$o.proppy; $o.AnotherMember"
    )
    assert run(text) == ["superVal", "AnotherValue"]


def test_psopenai_forms() -> None:
    # PSOpenAI's Public/*.ps1: `$InputObject | Add-Member -MemberType NoteProperty -Name X -Value v -Force`, and
    # `Add-Member -MemberType ScriptProperty -Name output_text -Value { ... }` on a response object
    response = PSObject({"id": "resp_1", "created_at": 1700000000, "output": [PSObject({"text": "hi"})]})
    text = (
        "$r | Add-Member -MemberType NoteProperty -Name 'created_at' -Value 'converted' -Force; "
        "$r | Add-Member -MemberType ScriptProperty -Name 'output_text' -Value { $this.output.text -join '' }; "
        "$r.created_at; $r.output_text; ($r | ConvertTo-Json -Compress -Depth 3)"
    )
    assert run(text, r=response) == [
        "converted",
        "hi",
        # -Force removes the note and adds it again: it moves to the end, as PSMemberInfoCollection does
        '{"id":"resp_1","output":[{"text":"hi"}],"created_at":"converted","output_text":"hi"}',
    ]
    assert response.output_text == "hi"  # Python callers read a script property like a note


def test_without_force_a_note_stays() -> None:
    result = run(
        "$o = [pscustomobject]@{a=1}; $o | Add-Member -NotePropertyName a -NotePropertyValue 2 -ErrorAction "
        "SilentlyContinue; $o.a"
    )
    assert result == [1]
