"""Behaviour the about_* topics show (PowerShell 7.6's ``Microsoft.PowerShell.Core/About``), found by
``tools/try_about.py``: each test cites the topic and section whose example it runs."""

from __future__ import annotations

import io
import sys

import pytest

import psbridge
from psbridge.cli import main as cli_main


@pytest.fixture
def console(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """What the console prints for a paste (``psbridge -Command``, in-process): stdout, stderr."""

    def paste(text: str) -> tuple[str, str]:
        capsys.readouterr()
        monkeypatch.setattr(sys, "stdin", io.StringIO(""))
        cli_main(["-Command", text])
        captured = capsys.readouterr()
        return captured.out, captured.err

    return paste


def test_a_double_prints_fifteen_significant_digits(console) -> None:
    # about_Arithmetic_Operators, "Division and rounding" (`1 / 1.9` shows 0.526315789473684) and
    # about_Trap ("1 / 3 = 0.333333333333333"): PSObject.ToString's G15 (engine/MshObject.cs).
    out, _ = console("1 / 1.9; 0.1 + 0.2; [pscustomobject]@{ Ratio = 1 / 3 } | Format-List")
    assert out.split("\n")[:2] == ["0.526315789473684", "0.3"]
    assert "Ratio : 0.333333333333333" in out


def test_a_compound_assignment_reads_the_current_scope_only() -> None:
    # about_Assignment_Operators, "Using compound assignment operators": `$x = 1; & { $x += 1; $x }`
    # shows 1 -- the child scope's $x starts from $null; plain assignment and dot-sourcing still see $x.
    assert psbridge.run("$x = 1; & { $x += 1; $x }; $x") == [1, 1]
    assert psbridge.run("$x = 1; & { $x = $x + 1; $x }") == [2]
    assert psbridge.run("$x = 1; . { $x += 1 }; $x") == [2]
    assert psbridge.run("$s = 'a'; function f { $s += 'b'; $s }; f; $s") == ["b", "a"]


def test_switch_compares_as_strings() -> None:
    # about_Switch, "Impact of string conversion": the enum item is its name, so the integer 4 and
    # the string '4' do not match Thursday while 'Thursday' and the script block do.
    script = """switch ( ([datetime]'1 Jan 1970').DayOfWeek ) {
        4            { 'The integer value matches a Thursday.' }
        "4"          { 'The numeric string matches a Thursday.' }
        "Thursday"   { 'The string value matches a Thursday.' }
        { 4 -eq $_ } { 'The expression matches a Thursday.' }
    }"""
    assert psbridge.run(script) == ["The string value matches a Thursday.", "The expression matches a Thursday."]
    assert psbridge.run("switch (1.0) { 1 { 'one' } }; switch ('ABC') { 'abc' { 'any case' } }") == ["one", "any case"]
    assert psbridge.run("switch -CaseSensitive ('ABC') { 'abc' { 'x' } default { 'none' } }") == ["none"]


def test_minus_and_divide_make_numbers_of_two_strings() -> None:
    # about_Type_Conversion, "Implicit type conversion in arithmetic": '10' - '2' is 8, '10' / '2' is 5
    # (Binders.cs BinarySubDivOrRem: a string on the left is converted, then the right).
    assert psbridge.run("'10' - '2'; '10' / '2'; '10' % '3'; '0x10' - 1; $a = '10'; $a - 2") == [8, 5, 1, 15, 8]


def test_booleans_do_not_multiply() -> None:
    # about_Type_Conversion: `$false * $true` is "The operation '[System.Boolean] * [System.Boolean]'
    # is not defined." (InvalidOperation); other arithmetic treats them as 0 and 1.
    assert psbridge.run("$false - $true; $true + 1") == [-1, 2]
    out = psbridge.run("try { $false * $true } catch { $_.Exception.Message; [string]$_.CategoryInfo.Category }")
    assert out == ["The operation '[System.Boolean] * [System.Boolean]' is not defined.", "InvalidOperation"]


def test_psobject_cast_keeps_a_hashtable() -> None:
    # about_PSCustomObject, "Differences between [psobject] and [pscustomobject]": casting a hashtable
    # to [psobject] leaves a Hashtable; [pscustomobject] makes the object.
    script = (
        "([psobject]@{Property = 'Value'}).GetType().FullName; ([pscustomobject]123).GetType().Name; "
        "([pscustomobject]@{Property = 'Value'}).GetType().FullName"
    )
    assert psbridge.run(script) == [
        "System.Collections.Hashtable",
        "Int32",
        "System.Management.Automation.PSCustomObject",
    ]


def test_a_variable_constrained_to_an_enum_takes_its_first_value() -> None:
    # about_Enum, "Example 3 - Enumeration as flags": [FileAttributes]$file1 = [FileAttributes]::Archive
    # (the constraint was first applied to $null, which no enum accepts).
    script = """[Flags()] enum FileAttributes {
        Archive    = 1
        Compressed = 2
        Device     = 4
        Directory  = 8
        Encrypted  = 16
    }
    [FileAttributes]$file1 =  [FileAttributes]::Archive
    [FileAttributes]$file1 += [FileAttributes]::Compressed
    [FileAttributes]$file1 += [FileAttributes]::Device
    "file1 attributes are: $file1"
    [FileAttributes]$file2 = [FileAttributes]28
    "file2 attributes are: $file2"
    ($file2 -band [FileAttributes]::Device) -eq [FileAttributes]::Device
    [System.DayOfWeek]$day = 'Monday'; "$day"
    """
    assert psbridge.run(script) == [
        "file1 attributes are: Archive, Compressed, Device",
        "file2 attributes are: Device, Directory, Encrypted",
        True,
        "Monday",
    ]


def test_enum_values_include_each_label() -> None:
    # about_Enum, "Example 2": GetEnumValues lists a value once per label (ogg, oga and mogg are all
    # 15, shown as ogg), in value order; GetEnumValuesAsUnderlyingType and GetEnumName as .NET has them.
    script = """enum MediaTypes { unknown; music = 10; mp3; aac; ogg = 15; oga = 15; mogg = 15; picture = 20 }
    ([MediaTypes].GetEnumValues() | ForEach-Object { "$_" }) -join ','
    ([enum]::GetValues([MediaTypes]) | ForEach-Object { "$_" }) -join ','
    [MediaTypes].GetEnumValuesAsUnderlyingType() -join ','
    [MediaTypes].GetEnumName(10)
    """
    assert psbridge.run(script) == [
        "unknown,music,mp3,aac,ogg,ogg,ogg,picture",
        "unknown,music,mp3,aac,ogg,ogg,ogg,picture",
        "0,10,11,12,15,15,15,20",
        "music",
    ]


def test_a_method_the_collection_lacks_is_called_on_each_item() -> None:
    # about_Member-Access_Enumeration, "Access members that exist on all items in a collection but
    # not itself", "... don't exist on collection or its items", "... only on some items" and
    # "Access members of a nested collection".
    script = """[System.Collections.Generic.List[string]]$Collection = @('a', 'b', 'c')
    $Collection.ToUpper()
    try { $Collection.DoesNotExist() } catch { $_.Exception.Message }
    try { @('a', 1, 'c').ToUpper() } catch { $_.Exception.Message }
    $a = @(, ('bar', 'baz'), 'foo')
    $a.ToUpper()
    class Class1 { [Object] Foo() { return 'Bar' } }
    ([Class1]::new(), [Class1]::new()).Foo()
    """
    assert psbridge.run(script) == [
        "A", "B", "C",
        "Method invocation failed because [System.String] does not contain a method named 'DoesNotExist'.",
        "Method invocation failed because [System.Int32] does not contain a method named 'ToUpper'.",
        "BAR", "BAZ", "FOO",
        "Bar", "Bar",
    ]  # fmt: skip
    assert psbridge.run("@(1, 2).Count; @('ab', 'cd').Substring(1)") == [2, "b", "d"]  # the array's own members first


def test_boolean_parse() -> None:
    # about_Booleans, "Converting from strings": [bool]::Parse reads 'True'/'False' in any case.
    assert psbridge.run("[bool]::Parse('true'); [bool]::Parse(' False '); [bool]::TrueString") == [True, False, "True"]
    assert psbridge.run("$r = $null; [bool]::TryParse('x', [ref]$r); $r") == [False, False]
    out = psbridge.run("try { [bool]::Parse('yes') } catch { $_.Exception.Message }")
    assert out == [
        "Exception calling \"Parse\" with \"1\" argument(s): \"String 'yes' was not recognized as a valid Boolean.\""
    ]


def test_validation_attributes_on_a_variable_check_every_assignment() -> None:
    # about_Variables, "Variable validation attributes" / about_Classes_Methods (ExampleCube4's
    # [ValidateScript({$_ -gt 0 })]$Width): the type converts, then the attribute checks; a refused
    # value is the ValidateSetFailure MetadataError and leaves the variable as it was.
    script = """[ValidateRange(0, 16)][int]$size = '5'
    $size
    try { $size = 20 } catch { $_.Exception.Message; $_.FullyQualifiedErrorId; [string]$_.CategoryInfo.Category }
    $size
    try { [ValidateScript({ $_ -gt 0 })]$width = 0 } catch { $_.Exception.Message }
    try { [ValidateSet('a', 'b')][string]$v = 'c' } catch { $_.Exception.Message }
    [ValidatePattern('^\\d+$')]$digits = '123'; $digits
    """
    assert psbridge.run(script) == [
        5,
        "The variable cannot be validated because the value 20 is not a valid value for the size variable.",
        "ValidateSetFailure",
        "MetadataError",
        5,
        "The variable cannot be validated because the value 0 is not a valid value for the width variable.",
        "The variable cannot be validated because the value c is not a valid value for the v variable.",
        "123",
    ]


def test_validation_attributes_on_a_class_property() -> None:
    # about_Classes_Properties, "Example 3 - Class properties with validation attributes": an
    # assignment outside [ValidateRange(0, 16)] is 'Exception setting "Size": "<the attribute's
    # message>"' (SetValueInvocationException) and the property keeps its value.
    script = """class ExampleProject {
        [string]$Name
        [ValidateRange(0, 16)] [int]$Size
    }
    $project = [ExampleProject]::new()
    $project.Size = 8
    try { $project.Size = 32 } catch { $_.Exception.Message; $_.Exception.GetType().Name }
    $project.Size
    """
    assert psbridge.run(script) == [
        'Exception setting "Size": "The 32 argument is greater than the maximum allowed range of 16. Supply an '
        'argument that is less than or equal to 16 and then try the command again."',
        "SetValueInvocationException",
        8,
    ]


def test_a_derived_class_lists_its_own_properties_first() -> None:
    # about_Classes_Inheritance, "Defining a derived class without overrides": an [Album] shows
    # Genres, then the base class's Name, Artist and Category (reflection's order).
    script = """class PublishedWork { [string] $Name; [string] $Artist; [string] $Category }
    class Album : PublishedWork { [string[]] $Genres = @() }
    ([Album]@{ Name = 'The Wall'; Artist = 'Pink Floyd'; Genres = 'Art rock' }).psobject.Properties.Name
    """
    assert psbridge.run(script) == ["Genres", "Name", "Artist", "Category"]


def test_hashtable_member_and_ordered_dictionary_index() -> None:
    # about_Hash_Tables, "Accessing values": $hash.1 is the value of the key 1; an ordered
    # dictionary's integer index is a position (Item(int index)), any other index a key.
    script = """$hash = @{1 = 'one'; 2 = 'two'; three = 3}
    $dictionary = [ordered]@{1 = 'one'; 2 = 'two'; three = 3}
    $hash.1; $dictionary.2; $hash[2]; $dictionary[1]; $dictionary['three']
    """
    assert psbridge.run(script) == ["one", "two", "two", "two", 3]


def test_ordered_only_on_a_hash_literal() -> None:
    # about_Hash_Tables, "Creating ordered dictionaries": [ordered]$orderedHash = @{} is the parse
    # error OrderedAttributeOnlyOnHashLiteralNode (SemanticChecks.VisitConvertExpression).
    with pytest.raises(psbridge.PSError) as raised:
        psbridge.run("[ordered]$orderedHash = @{}")
    record = raised.value.error_record
    assert record.fully_qualified_error_id == "OrderedAttributeOnlyOnHashLiteralNode"
    assert "The ordered attribute can be specified only on a hash literal node." in str(raised.value)


def test_a_switch_clause_that_changes_psitem_changes_what_later_clauses_test() -> None:
    # about_PSItem, "Changing the value of $PSItem": Alice's clause sets $PSItem to 'Bob', so the
    # Bob clause runs next and its break ends the switch before 'Charlie'.
    script = """$names = 'Alice', 'Charlie'
    switch ($names) {
        Alice   { "$PSItem says 'Hello!'"; $PSItem = 'Bob' }
        Bob     { "$PSItem says 'Goodbye.'"; $PSItem = 'Charlie'; break }
        Charlie { "$PSItem says 'How are you?'" }
    }"""
    assert psbridge.run(script) == ["Alice says 'Hello!'", "Bob says 'Goodbye.'"]


def test_write_information_with_continue_is_shown(console) -> None:
    # about_Return, "Return values and the Pipeline": Write-Information ... -InformationAction
    # Continue prints the message on the console; it is not output, so $a holds only 87.
    out, _ = console(
        "function Calculation { param ($Value) "
        "Write-Information 'Please wait. Working on calculation...' -InformationAction Continue; "
        "$Value += 73; return $Value }; $a = Calculation 14; $a; Write-Information 'not shown'"
    )
    assert out == "Please wait. Working on calculation...\n87\n"


def test_validate_range_compares_as_the_bounds_type() -> None:
    # about_Functions_Advanced_Parameters, "ValidateRange validation attribute": with integer
    # bounds 10.5 is 10 (valid) and 10.6 is 11 (not); with [double] bounds 10.5 is refused.
    script = """[ValidateRange(0,10)] [double]$number = 10.5
    $number
    try { [ValidateRange(0,10)] [double]$number = 10.6 } catch { $_.Exception.Message }
    try { [ValidateRange([double]0,[double]10)] [double]$number = 10.5 } catch { $_.Exception.Message }
    [ValidateRange('Positive')] [int]$count = 1
    try { $count = 0 } catch { $_.FullyQualifiedErrorId }
    """
    assert psbridge.run(script) == [
        10.5,
        "The variable cannot be validated because the value 10.6 is not a valid value for the number variable.",
        "The variable cannot be validated because the value 10.5 is not a valid value for the number variable.",
        "ValidateSetFailure",
    ]


def test_a_parameter_keeps_its_validation_for_assignments_in_the_body() -> None:
    # about_Functions_Advanced_Parameters, "ValidateSet attribute": "The validation occurs whenever
    # that variable is assigned even within the script" ($Message = "bye" fails).
    script = """function Test-Message {
        param([ValidateSet('hello', 'world')] [string]$Message)
        try { $Message = 'bye' } catch { $_.Exception.Message }
        $Message
    }
    Test-Message -Message hello
    """
    assert psbridge.run(script) == [
        "The variable cannot be validated because the value bye is not a valid value for the Message variable.",
        "hello",
    ]


def test_a_typed_variable_refusing_a_value_is_a_metadata_error() -> None:
    # about_Assignment_Operators, "Assignment operators and variable types": [int]$a = 3;
    # $a = "string" shows "MetadataError:" (the variable's ArgumentTransformationMetadataException).
    out = psbridge.run(
        '[int]$a = 3; try { $a = "string" } catch { [string]$_.CategoryInfo.Category; $_.Exception.Message }; $a'
    )
    assert out == [
        "MetadataError",
        'Cannot convert value "string" to type "System.Int32". Error: "The input string \'string\' was not in a '
        'correct format."',
        3,
    ]


def test_a_hyphen_after_a_class_shorthand_in_a_set_is_literal() -> None:
    # about_Comparison_Operators, "-match and -notmatch": '^(?<DomainName>[\w-.]+)\\(?<Username>[\w-.]+)$'
    # is a valid .NET pattern ('-' after \w is a literal hyphen).
    script = r"""'CONTOSO\jsmith' -match '^(?<DomainName>[\w-.]+)\\(?<Username>[\w-.]+)$'
    $Matches.DomainName; $Matches.Username
    'a-b' -match '^[\d-z]+$'"""
    assert psbridge.run(script) == [True, "CONTOSO", "jsmith", False]


def test_a_thrown_dotnet_exception_has_its_default_message() -> None:
    # about_Throw, "Syntax": throw (New-Object System.FormatException) shows "OperationStopped: One of
    # the identified items was in an invalid format." (.NET's default message for the type).
    script = """$formatError = New-Object System.FormatException
    try { throw $formatError } catch { $_.Exception.Message; [string]$_.CategoryInfo.Category }
    [System.InvalidOperationException]::new().Message"""
    assert psbridge.run(script) == [
        "One of the identified items was in an invalid format.",
        "OperationStopped",
        "Operation is not valid due to the current state of the object.",
    ]


def test_regex_options_by_name() -> None:
    # about_Comparison_Operators, "-match and -notmatch" (ReDoS): [regex]::new($pattern, 'None', $timeout)
    script = """$regex = [regex]::new('^(a+)+$', 'None', [timespan]::FromSeconds(2))
    $regex.IsMatch('aaa'); [regex]::new('A', 'ignorecase').IsMatch('a')"""
    assert psbridge.run(script) == [True, True]


def test_a_list_enumerates_length_and_tostring_names_its_type() -> None:
    # about_Member-Access_Enumeration, "Access members that exist on all items in a collection but
    # not itself" ($Collection.Length is 1 1 1) and "... exist on the collection and its items"
    # ($Collection.ToString() is the list's type name).
    script = """[System.Collections.Generic.List[string]]$Collection = @('a', 'b', 'c')
    $Collection.Length
    $Collection.Count
    $Collection.ToString()
    @(1, 2).ToString(); @(1, 2).Length; "$(1, 2)"
    """
    assert psbridge.run(script) == [
        1, 1, 1, 3, "System.Collections.Generic.List`1[System.String]", "System.Object[]", 2, "1 2",
    ]  # fmt: skip
