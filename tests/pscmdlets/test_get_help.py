"""Get-Help and ``help``, from PowerShell's Pester tests (test/powershell/engine/Help/HelpSystem.Tests.ps1,
test/powershell/Language/Scripting/ScriptHelp.Tests.ps1) and the layout of Help.format.ps1xml.

As in pwsh 7, help content is installed, not shipped: this module installs the help of the shared
docs (``Update-Help -SourcePath ../shared/...``) into a temporary help store once, and checks what
Get-Help prints of it against the docs' own words.  ``test_update_help.py`` covers Update-Help and
the partial help shown without installed help.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import psbridge
from psbridge.cli.formatting import format_output
from tests.conftest import DOCS, POWERSHELL_DOCS, REPO


@pytest.fixture(scope="module", autouse=True)
def installed_help(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A help store holding the shared docs' help, as ``Update-Help -SourcePath`` installs it."""
    store = tmp_path_factory.mktemp("help-store")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PSBRIDGE_HELP_HOME", str(store))
        psbridge.run(f"Update-Help -SourcePath '{DOCS}', '{POWERSHELL_DOCS}' -ErrorAction Stop")
        yield store


def run(script: str) -> list:
    return psbridge.run(script)


def text(script: str) -> str:
    return format_output(run(script))


def lines(script: str) -> list[str]:
    return text(script).split("\n")


def caught(script: str) -> str:
    return run(f"try {{ {script} ; 'no error' }} catch {{ $_.FullyQualifiedErrorId }}")[0]


# -- PSOpenAI's cmdlets -------------------------------------------------------------------------------------
def test_default_view_of_a_psopenai_cmdlet() -> None:
    # Help.format.ps1xml DefaultCommandHelp: NAME, SYNOPSIS, SYNTAX, DESCRIPTION, RELATED LINKS, REMARKS
    out = lines("Get-Help Get-Thread")
    assert out[:6] == ["", "NAME", "    Get-Thread", "", "SYNOPSIS", "    Retrieves a thread."]
    assert out[8] == "SYNTAX"
    assert out[9].startswith("    Get-Thread [-ThreadId] <String> [-TimeoutSec <Int32>] [-MaxRetryCount <Int32>]")
    headings = [line for line in out if line and not line.startswith(" ")]
    assert headings == ["NAME", "SYNOPSIS", "SYNTAX", "DESCRIPTION", "RELATED LINKS", "REMARKS"]
    links = out.index("RELATED LINKS")
    assert out[links + 1] == "    Online Version: https://github.com/mkht/PSOpenAI/blob/main/Docs/Get-Thread.md"
    remarks = out.index("REMARKS")
    assert out[remarks + 1 : remarks + 5] == [
        '    To see the examples, type: "Get-Help Get-Thread -Examples"',
        '    For more information, type: "Get-Help Get-Thread -Detailed"',
        '    For technical information, type: "Get-Help Get-Thread -Full"',
        '    For online help, type: "Get-Help Get-Thread -Online"',
    ]


def test_full_view_of_get_thread_has_every_parameter_with_its_attribute_lines() -> None:
    out = lines("Get-Help Get-Thread -Full")
    headings = [line for line in out if line and not line.startswith(" ")]
    assert headings == [
        "NAME", "SYNOPSIS", "SYNTAX", "DESCRIPTION", "PARAMETERS", "INPUTS", "OUTPUTS", "RELATED LINKS",
    ]  # fmt: skip
    start = out.index("    -ThreadId <String>")
    # Get-Thread.md: "### -ThreadId / Specifies the ID of thread." and its yaml block
    assert out[start : start + 10] == [
        "    -ThreadId <String>",
        "        Specifies the ID of thread.",
        "",
        "        Required?                    true",
        "        Position?                    0",
        "        Default value                None",
        "        Accept pipeline input?       True (ByPropertyName, ByValue)",
        "        Aliases                      thread_id",
        "        Accept wildcard characters?  false",
        "",
    ]
    timeout = out.index("    -TimeoutSec <Int32>")
    # the doc's hard line break ("...times out.  ") stays a line break
    assert out[timeout + 1 : timeout + 3] == [
        "        Specifies how long the request can be pending before it times out.",
        "        The default value is `0` (infinite).",
    ]
    assert "        Default value                0" in out[timeout:]
    assert "    <CommonParameters>" in out
    assert out[out.index("OUTPUTS") + 1] == "    PSCustomObject"
    example = next(i for i, line in enumerate(out) if " Example 1 " in line)
    assert out[example].strip().startswith("---") and out[example].strip().endswith("---")
    assert out[example + 2] == "    PS C:\\> $Thread = Get-Thread -ThreadId 'thread_abc123'"
    assert out[example + 4] == "    Retrieves a Thread object that has the ID with `thread_abc123`"


def test_help_objects_are_objects() -> None:
    assert run("(Get-Help Get-Thread).Synopsis") == ["Retrieves a thread."]
    assert run("(Get-Help Get-Thread).Name") == ["Get-Thread"]
    assert run("(Get-Help Get-Thread).Category") == ["Function"]  # PSOpenAI's commands are functions in pwsh
    assert run("(Get-Help Get-Thread).ModuleName") == ["PSOpenAI"]
    names = run("(Get-Help Get-Thread).parameters.parameter | ForEach-Object name")
    assert names[:2] == ["ThreadId", "TimeoutSec"] and "Organization" in names
    assert run("(Get-Help Select-Object).Category") == ["Cmdlet"]
    assert run("(Get-Help Get-Thread -Full).pstypenames[0]") == ["MamlCommandHelpInfo#FullView"]


def test_detailed_view_has_the_parameters_prose_without_the_attribute_lines() -> None:
    out = lines("Get-Help Get-Thread -Detailed")
    assert "PARAMETERS" in out and "REMARKS" in out
    assert "    -ThreadId <String>" in out
    assert not any("Required?" in line for line in out)
    assert any(" Example 1 " in line for line in out)


def test_examples_view() -> None:
    out = lines("Get-Help Get-Thread -Examples")
    headings = [line for line in out if line and not line.startswith(" ")]
    assert headings == ["NAME", "SYNOPSIS"]
    assert any(" Example 1 " in line for line in out)
    assert "    PS C:\\> $Thread = Get-Thread -ThreadId 'thread_abc123'" in out


# -- PowerShell's cmdlets ------------------------------------------------------------------------------------
def test_parameter_of_select_object() -> None:
    out = lines("Get-Help Select-Object -Parameter Property")
    assert out[1] == "-Property <System.Object[]>"
    # Select-Object.md's prose: paragraphs joined from its wrapped lines, list items kept as lines
    assert out[2].startswith("    Specifies the properties to select. These properties are added as **NoteProperty**")
    assert "    - Name (or Label) - `<string>`" in out
    assert "    - Expression - `<string>` or `<scriptblock>`" in out
    attributes = out[out.index("    Required?                    false") :]
    assert attributes[:6] == [
        "    Required?                    false",
        "    Position?                    0",
        "    Default value                None",
        "    Accept pipeline input?       False",
        "    Aliases                      none",
        "    Accept wildcard characters?  true",
    ]


def test_parameter_takes_wildcards_and_several_names() -> None:
    # HelpSystem.Tests.ps1:557-562
    assert run("Get-Help -Name Get-Command -Parameter Verb, Noun | ForEach-Object Name") == ["Verb", "Noun"]
    assert run("Get-Help Select-Object -Parameter Skip* | ForEach-Object name") == ["Skip", "SkipIndex", "SkipLast"]
    assert caught("Get-Help Get-Thread -Parameter Nope -ErrorAction Stop") == (
        "NoParmsFound,Microsoft.PowerShell.Commands.GetHelpCommand"
    )


def test_aliases_line_of_a_parameter() -> None:
    # HelpSystem.Tests.ps1:116-123 (Import-Module -NoClobber's alias NoOverwrite)
    out = text("Get-Help Import-Module -Parameter NoClobber")
    assert __import__("re").search(
        r"Accept pipeline input\?.*\n\s+Aliases\s+NoOverwrite.*\n\s+Accept wildcard characters\?.*", out
    )


def test_full_view_of_a_powershell_cmdlet_has_inputs_outputs_notes() -> None:
    out = lines("Get-Help Select-Object -Full")
    assert out[out.index("INPUTS") + 1] == "    System.Management.Automation.PSObject"
    assert out[out.index("INPUTS") + 2] == "        You can pipe objects to this cmdlet."
    assert out[out.index("OUTPUTS") + 1] == "    System.Management.Automation.PSObject"
    notes = out.index("NOTES")
    assert "        PowerShell includes the following aliases for `Select-Object`:" in out[notes : notes + 5]
    links = out.index("RELATED LINKS")
    assert out[links + 1].startswith("    Online Version: https://learn.microsoft.com/powershell/module/")
    assert "    Group-Object" in out[links:]
    assert "SYNTAX" in out
    syntax = out[out.index("SYNTAX") + 1]
    assert syntax.startswith("    Select-Object [[-Property] <System.Object[]>]")


def test_description_and_examples_name_the_cmdlet() -> None:
    # HelpSystem.Tests.ps1:109-114 / 484-489
    for name in ("Get-Command", "Where-Object", "Get-ChildItem"):
        assert name in format_output(run(f"(Get-Help -Name {name}).Description"))
        assert name in format_output(run(f"(Get-Help -Name {name} -Full).examples"))


# -- finding topics ---------------------------------------------------------------------------------------------
def test_alias_finds_its_command_and_wildcards_find_the_alias() -> None:
    # HelpSystem.Tests.ps1:395-409
    assert run("(Get-Help where).Name") == ["Where-Object"]
    assert run("$h = Get-Help wher?; $h.Category; $h.Synopsis") == ["Alias", "Where-Object"]
    assert run(
        "Set-Alias -Name testAlias1 -Value Where-Object; $h = Get-Help testAlias1*; $h.Category; $h.Synopsis"
    ) == [
        "Alias",
        "Where-Object",
    ]


def test_help_and_get_help_find_the_same_aliases() -> None:
    # HelpSystem.Tests.ps1:411-415
    out = run(
        "Set-Alias -Name testAlias1 -Value Where-Object; $a = Get-Help testAlias*; $b = help testAlias*; "
        "Compare-Object $a.Name $b.Name; $a.Name"
    )
    assert out == ["testAlias1"]


def test_several_topics_are_a_table() -> None:
    out = lines("Get-Help Get-Thread*")
    assert out[1] == "Name                              Category  Module                    Synopsis"
    assert (
        out[3].rstrip() == "Get-Thread                        Function  PSOpenAI                  Retrieves a thread."
    )
    names = run("Get-Help Get-Thread* | ForEach-Object Name")
    assert names == ["Get-Thread", "Get-ThreadMessage", "Get-ThreadRun", "Get-ThreadRunStep"]
    assert run("(Get-Help Get-Thread*)[0].pstypenames[0]") == ["HelpInfoShort"]
    assert run("Get-Help Get-Thr* -Category Cmdlet") == []  # PSOpenAI's are functions
    assert run("Get-Help Sort-Obj* -Category Cmdlet | ForEach-Object Name") == ["Sort-Object"]


def test_unknown_topic_is_help_not_found() -> None:
    # HelpSystem.Tests.ps1:604-615
    for command in ("help", "Get-Help"):
        assert caught(f"{command} 3f6bd3c1e6bd4a0c -ErrorAction Stop") == (
            "HelpNotFound,Microsoft.PowerShell.Commands.GetHelpCommand"
        )
    message = run("try { Get-Help Nope-Nothing -ErrorAction Stop } catch { $_.Exception.Message }")[0]
    assert message.startswith("Get-Help could not find Nope-Nothing in a help file in this session.")
    assert run("Get-Help Nope-Nothing*") == []  # a wildcard that finds nothing is no error


def test_module_qualified_name() -> None:
    assert run("(Get-Help Microsoft.PowerShell.Utility\\Select-Object).Name") == ["Select-Object"]


def test_show_window_does_not_exist_on_linux() -> None:
    assert caught("Get-Help Get-Thread -ShowWindow") == (
        "NamedParameterNotFound,Microsoft.PowerShell.Commands.GetHelpCommand"
    )


# -- help and -? ------------------------------------------------------------------------------------------------
def test_help_writes_the_full_view_as_lines() -> None:
    # HelpSystem.Tests.ps1:418-444 (Get-Process there; psbridge has Get-ChildItem)
    out = run("help Microsoft.PowerShell.Management\\Get-ChildItem")
    assert all(isinstance(line, str) for line in out)
    assert [line for line in out if line.startswith("PARAMETERS")] == ["PARAMETERS"]
    assert [line for line in run("help Get-ChildItem -Full") if line.startswith("PARAMETERS")] == ["PARAMETERS"]
    assert [line for line in run("help Get-ChildItem -Parameter Path") if line.startswith("PARAMETERS")] == []
    assert "-Path <System.String[]>" in run("help Get-ChildItem -Parameter Path")


def test_get_command_shows_help_as_a_function() -> None:
    out = format_output(run("Get-Command help")).strip("\n").split("\n")
    assert out[2].split() == ["Function", "help"]
    assert run("(Get-Command help).CommandType") == ["Function"]
    assert run("(Get-Help help).Name") == ["Get-Help"]  # pwsh's help forwards its help to Get-Help


def test_question_mark_shows_the_commands_help() -> None:
    assert run("(Get-Thread -?).Name") == ["Get-Thread"]
    assert run("(Select-Object -Property x -?).Name") == ["Select-Object"]
    out = lines("function g { param($a) }; g -?")
    assert out[1:3] == ["NAME", "    g"]


# -- functions ----------------------------------------------------------------------------------------------------
def test_a_function_without_help_gets_its_syntax() -> None:
    out = lines("function f1 { param([string]$Name, [int]$Count = 3) }; Get-Help f1")
    assert out[:5] == ["", "NAME", "    f1", "", "SYNTAX"]
    assert out[5] == "    f1 [[-Name] <String>] [[-Count] <Int32>]"
    assert out[out.index("ALIASES") + 1] == "    None"
    assert out[out.index("REMARKS") + 1] == "    None"
    out = lines("function f2 { [CmdletBinding()] param([Parameter(Mandatory)][string]$Name) }; Get-Help f2")
    assert out[5] == "    f2 [-Name] <String> [<CommonParameters>]"


def test_input_types_of_a_function() -> None:
    # HelpSystem.Tests.ps1:699-715
    out = run(
        "function invoke-inputtypetest { [CmdletBinding()] param ("
        "[Parameter(Position=0,Mandatory=$true,ValueFromPipeline=$true)][string]$a,"
        '[Parameter(Position=1,ValueFromRemainingArguments=$true)][object[]]$c) Process { "$a $c" } }\n'
        '(Get-Help -full invoke-inputtypetest).inputtypes.inputtype.type.name.trim().split("`n")'
    )
    assert out == ["System.String"]


def test_function_parameter_help_is_consistent() -> None:
    # HelpSystem.Tests.ps1:565-602
    out = run(
        "function test1 { param ($First) }; function test2 { param ($First, $Second) }\n"
        "$a = (Get-Help test1 -Parameter First).PSTypeNames; $b = (Get-Help test2 -Parameter First).PSTypeNames\n"
        "($a -join ',') -eq ($b -join ',')"
    )
    assert out == [True]


COMMENT_HELP = """
function Add-Thing {
<#
.SYNOPSIS
Adds things.
.DESCRIPTION
Adds the things
it is given.
.PARAMETER Name
The name to add.
.EXAMPLE
Add-Thing -Name x

Adds x.
.NOTES
Made for a test.
#>
[CmdletBinding()]
param([Parameter(Mandatory, ValueFromPipeline)][string]$Name, [int]$Count = 2)
}
"""


def test_comment_based_help() -> None:
    # ScriptHelp.Tests.ps1: the sections a function's comment gives
    assert run(COMMENT_HELP + "(Get-Help Add-Thing).Synopsis") == ["Adds things."]
    out = lines(COMMENT_HELP + "Get-Help Add-Thing -Full")
    # a comment's section is one paragraph with the author's line breaks (HelpCommentsParser)
    description = out.index("DESCRIPTION")
    assert out[description + 1 : description + 3] == ["    Adds the things", "    it is given."]
    name = out.index("    -Name <String>")
    assert out[name : name + 9] == [
        "    -Name <String>",
        "        The name to add.",
        "",
        "        Required?                    true",
        "        Position?                    1",  # HelpCommentsParser counts positions from 1
        "        Default value",
        "        Accept pipeline input?       true (ByValue)",
        "        Aliases",
        "        Accept wildcard characters?  false",
    ]
    count = out.index("    -Count <Int32>")
    assert out[count + 1 : count + 5] == [
        "",  # no .PARAMETER Count: no prose
        "        Required?                    false",
        "        Position?                    2",
        "        Default value                2",  # the default's text, from the param block
    ]
    example = out.index("    -------------------------- EXAMPLE 1 --------------------------")
    assert out[example + 2] == "    PS > Add-Thing -Name x"
    assert out[example + 4] == "    Adds x."
    assert "        Made for a test." in out


def test_comment_help_before_the_function_keyword() -> None:
    script = "# .SYNOPSIS\n# Says hi.\nfunction Say-Hi { 'hi' }\n(Get-Help Say-Hi).Synopsis"
    assert run(script) == ["Says hi."]


# -- where the text lives -------------------------------------------------------------------------------------------
def test_help_is_read_from_the_store_and_only_when_asked(installed_help: Path) -> None:
    stored = installed_help / "PSOpenAI" / "en-US" / "Get-Thread.help.json"
    assert stored.is_file() and '"Retrieves a thread."' in stored.read_text(encoding="utf-8")
    probe = (
        "import sys, psbridge\n"
        "psbridge.run(\"Get-Command Get-Thread | Out-Null; 'x' | Select-Object Length | Out-Null\")\n"
        "print(sorted(m for m in sys.modules if 'help' in m.rsplit('.', 1)[-1]))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO, check=True)
    assert result.stdout.strip() == "[]"


def test_full_view_of_a_function_without_help() -> None:
    # HelpV3.format.ps1xml ReducedFullCommandHelp; DefaultCommandHelpObjectBuilder's attribute texts
    script = (
        "function t { [CmdletBinding()] param([Parameter(Position=0,Mandatory,ValueFromPipeline)][string]$a,"
        "[Alias('sw')][switch]$Flag) }\n"
    )
    out = lines(script + "Get-Help t -Full")
    headings = [line for line in out if line and not line.startswith(" ")]
    assert headings == ["NAME", "SYNTAX", "PARAMETERS", "INPUTS", "OUTPUTS", "ALIASES", "REMARKS"]
    a = out.index("    -a <String>")
    assert out[a : a + 9] == [
        "    -a <String>",
        "",
        "        Required?                    true",
        "        Position?                    0",
        "        Accept pipeline input?       true (ByValue)",
        "        Parameter set name           (All)",
        "        Aliases                      None",
        "        Dynamic?                     false",
        "        Accept wildcard characters?  false",
    ]
    flag = out.index("    -Flag [<SwitchParameter>]")
    assert out[flag + 3] == "        Position?                    Named"
    assert out[flag + 6] == "        Aliases                      sw"
    assert out[out.index("INPUTS") + 1] == "    System.String"
    detailed = lines(script + "Get-Help t -Detailed")
    assert "PARAMETERS" in detailed and not any("Required?" in line for line in detailed)
    assert run(script + "(Get-Help t -Parameter a).pstypenames[0]") == ["ExtendedCmdletHelpInfo#parameter"]


def test_prose_wraps_to_the_width() -> None:
    out = run("Get-Help Get-Thread -Parameter MaxRetryCount | Out-String -Width 60")[0].split("\n")
    assert max(len(line) for line in out) <= 60
    assert "    Specifies the maximum number of retries if the request" in out
    wide = format_output(run("Get-Help Get-Thread -Parameter MaxRetryCount"), width=200).split("\n")
    assert "    Specifies the maximum number of retries if the request fails." in wide


def test_without_a_name_the_default_topic() -> None:
    # HelpSystem.Tests.ps1:60-66
    assert run("$h = Get-Help; $h.Name; $h.Category") == ["default", "HelpFile"]
    assert "SHORT DESCRIPTION" in run("(Get-Help).Synopsis")[0]
    assert lines("Get-Help")[1] == "TOPIC"


def test_every_category_is_a_string_and_help_runs_in_strict_mode() -> None:
    # HelpSystem.Tests.ps1:50-55 and 69-85
    types = run("Get-Help * | ForEach-Object { $_.Category.GetType().FullName } | Select-Object -Unique")
    assert types == ["System.String"]
    assert run("Set-StrictMode -Version Latest; (help Get-Help | Measure-Object).Count")[0] > 20


def test_comment_based_help_of_a_script_file(tmp_path) -> None:
    script = tmp_path / "greet.ps1"
    script.write_text(
        "<#\n.SYNOPSIS\nGreets someone.\n.PARAMETER Who\nWhom to greet.\n#>\nparam([string]$Who = 'world')\n",
        encoding="utf-8",
    )
    path = str(script)
    assert run(f"$h = Get-Help '{path}'; $h.Synopsis; $h.Category") == ["Greets someone.", "ExternalScript"]
    out = lines(f"Get-Help '{path}' -Parameter Who")
    assert out[1:4] == ["-Who <String>", "    Whom to greet.", ""]
    assert "    Default value                world" in out
    assert caught(f"Get-Help '{tmp_path / 'missing.ps1'}' -ErrorAction Stop") == (
        "HelpNotFound,Microsoft.PowerShell.Commands.GetHelpCommand"
    )


HELP_FUNC1 = """
function helpFunc1 {
    # .SYNOPSIS
    #
    #    A relatively useless function.
    #
    # .DESCRIPTION
    #
    #    A description
    #
    #        with indented text and a blank line.
    #
    # .NOTES
    #
    #    This function is mostly harmless.
    #
    # .LINK
    #
    #    https://blogs.msdn.com/powershell
    #
    # .LINK
    #
    #    other commands
    #
    # .EXAMPLE
    #
    #    If you need an example, you're hopeless.
    #
    # .INPUTS
    #
    #    Anything you like.
    #
    # .OUTPUTS
    #
    #    Nothing.
    #
    # .COMPONENT
    #
    #    Something
    #
    # .ROLE
    #
    #    CrazyUser
    #
    # .FUNCTIONALITY
    #
    #    Useless
    #
}
$x = Get-Help helpFunc1
"""


def test_script_help_sections() -> None:
    # ScriptHelp.Tests.ps1:22-33
    probes = [
        "$x.Synopsis",
        "$x.Description[0].Text",
        "$x.alertSet.alert[0].Text",
        "$x.relatedLinks.navigationLink[0].uri",
        "$x.relatedLinks.navigationLink[1].linkText",
        "$x.examples.example.code",
        "$x.inputTypes.inputType.type.name",
        "$x.returnValues.returnValue.type.name",
        "$x.Component",
        "$x.Role",
        "$x.Functionality",
    ]
    assert run(HELP_FUNC1 + "\n".join(probes)) == [
        "A relatively useless function.",
        "A description\n\n    with indented text and a blank line.",
        "This function is mostly harmless.",
        "https://blogs.msdn.com/powershell",
        "other commands",
        "If you need an example, you're hopeless.",
        "Anything you like.",
        "Nothing.",
        "Something",
        "CrazyUser",
        "Useless",
    ]


def test_which_comment_is_a_functions_help() -> None:
    # ScriptHelp.Tests.ps1:255-283: two blank lines part a comment from the function; one does not
    far = "<#\n.SYNOPSIS\nNot this one.\n#>\n\n\nfunction missingHelp { param($abc) }\n"
    far += "(Get-Help missingHelp).Synopsis.Trim()"
    assert run(far) == ["missingHelp [[-abc] <Object>]"]
    near = "<#\n.SYNOPSIS\n    This help block goes on helpFunc2\n#>\n\nfunction helpFunc2 { param($abc) }\n"
    assert run(near + "(Get-Help helpFunc2).Synopsis.Trim()") == ["This help block goes on helpFunc2"]
    # ScriptHelp.Tests.ps1:286-307: the script's help first, then the function's
    both = (
        "<#\n.SYNOPSIS\n    This is script help\n#>\n\n<#\n.SYNOPSIS\n    This is function help for helpFunc2\n#>\n"
        "function helpFunc2 {}\n(Get-Help helpFunc2).Synopsis"
    )
    assert run(both) == ["This is function help for helpFunc2"]


def test_comment_help_syntax_keeps_the_declared_order() -> None:
    # ScriptHelp.Tests.ps1:561-589 (helpFunc12; its [CommandTypes] enum's values are not listed here)
    script = """
function helpFunc12 {
    Param ([Parameter(Mandatory=$true)][String]$Name,
           [string]$Extension = "txt",
           $NoType,
           [switch]$ASwitch)
    <#
    .SYNOPSIS
    Adds a file name extension to a supplied name.
    .EXAMPLE
        PS>helpFunc12 -Name foo

        Adds .txt to foo
    #>
}
$x = Get-Help helpFunc12
"""
    text = run(script + "$x.syntax | Out-String -Width 250")[0]
    expected = "helpFunc12 [-Name] <String> [[-Extension] <String>] [[-NoType] <Object>] [-ASwitch] "
    expected += "[<CommonParameters>]"
    assert expected in text
    assert run(script + "$x.syntax.syntaxItem.parameter[3].position") == ["named"]
    assert run(script + "$null -eq $x.syntax.syntaxItem.parameter[3].parameterValue") == [True]
    assert run(script + "$x.parameters.parameter[3].parameterValue") == ["SwitchParameter"]
    assert run(script + "$x.examples.example[0].introduction[0].Text + $x.examples.example[0].code") == [
        "PS>helpFunc12 -Name foo"
    ]


def test_aliases_that_name_each_other_end() -> None:
    assert caught("Set-Alias a1 a2; Set-Alias a2 a1; Get-Help a1 -ErrorAction Stop") == (
        "HelpNotFound,Microsoft.PowerShell.Commands.GetHelpCommand"
    )
    assert run("function Get-Mine { }; Get-Help Get-Mi* | ForEach-Object { $_.Name + ':' + $_.Category }") == [
        "Get-Mine:Function"
    ]


def test_a_category_alone_lists_its_topics() -> None:
    names = run("Get-Help -Category Alias | ForEach-Object Name")
    assert "where" in names and "gci" in names
    assert set(run("Get-Help -Category Alias | ForEach-Object Category")) == {"Alias"}
    assert "Request-ChatCompletion" in run("Get-Help -Category Function | ForEach-Object Name")


def test_parameter_descriptions_written_in_the_param_block() -> None:
    # about_Comment_Based_Help.md, "Parameter Descriptions in Function Syntax"
    script = """
function Add-Extension
{
param
(
[string]
#Specifies the file name.
$Name,

# Specifies the file name extension. "Txt" is the default.
[string]$Extension = "txt",
$Other # the third one
)
$Name + "." + $Extension
<#
.SYNOPSIS
Adds a file name extension to a supplied name.
.PARAMETER Other
Written in the help block.
#>
}
"""
    names = "(Get-Help Add-Extension).parameters.parameter | ForEach-Object { $_.description[0].Text }"
    assert run(script + names) == [
        "Specifies the file name.",
        'Specifies the file name extension. "Txt" is the default.',
        "Written in the help block.",
    ]
    out = lines(script + "Get-Help Add-Extension -Parameter Name")
    assert out[1:3] == ["-Name <String>", "    Specifies the file name."]


def test_a_comment_after_a_comma_belongs_to_the_next_parameter() -> None:
    # HelpCommentsParser.GetParameterComments: the comments before a parameter's first token and right
    # after its last one (a comma ends that)
    script = "function f { param([string]$a, # first\n$b # second\n) <# .SYNOPSIS\nx #> }\n"
    out = run(script + "(Get-Help f).parameters.parameter | ForEach-Object { $_.name + '=' + $_.description.Text }")
    assert out == ["a=", "b=first\nsecond"]
