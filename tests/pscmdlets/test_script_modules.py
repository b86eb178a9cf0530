"""Script modules: Import-Module of .psm1/.psd1/folders and names in $env:PSModulePath, the module's
own session state, Export-ModuleMember, manifests, Get-Module, Remove-Module and New-Module.

Every module here is a real file in a temp folder and ``$env:PSModulePath`` is set for the test only.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import psbridge
from psbridge import PSError

GREET = """
$script:count = 0
$hidden = 'module-local'
function Get-Greeting { param($Name) $script:count++; "Hello $Name ($script:count) $hidden" }
function helper { 'helper' }
function Get-Count { $script:count }
Export-ModuleMember -Function Get-Greeting, Get-Count
"""


@pytest.fixture
def modules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A module folder on $env:PSModulePath holding Greet (a .psm1) and Mani 1.0.0/1.2.0 (manifests)."""
    root = tmp_path / "Modules"
    greet = root / "Greet"
    greet.mkdir(parents=True)
    (greet / "Greet.psm1").write_text(GREET)
    new = root / "Mani" / "1.2.0"
    new.mkdir(parents=True)
    (new / "Mani.psd1").write_text(
        "@{\n"
        "    RootModule = 'Mani.psm1'\n"
        "    ModuleVersion = '1.2.0'\n"
        "    GUID = '11111111-2222-3333-4444-555555555555'\n"
        "    Description = 'A test module'\n"
        "    NestedModules = @('Inner.psm1')\n"
        "    FunctionsToExport = @('Get-Mani*', 'Get-Inner')\n"
        "    VariablesToExport = 'ManiVar'\n"
        "    AliasesToExport = @('gm1')\n"
        "    PrivateData = @{ PSData = @{ Prerelease = 'beta1' } }\n"
        "}\n"
    )
    (new / "Mani.psm1").write_text(
        "$ManiVar = 42\n$Other = 1\n"
        'function Get-ManiThing { "thing from $PSScriptRoot; inner says $(Get-Inner)" }\n'
        "function Hidden-Thing { 'hidden' }\n"
        "function Get-ManiFail {\n    throw 'boom'\n}\n"
        "Set-Alias gm1 Get-ManiThing\n"
        "Export-ModuleMember -Function * -Variable * -Alias *\n"
    )
    (new / "Inner.psm1").write_text("function Get-Inner { 'inner' }\n")
    old = root / "Mani" / "1.0.0"
    old.mkdir(parents=True)
    (old / "Mani.psd1").write_text("@{ ModuleVersion = '1.0.0'; RootModule = 'Mani.psm1' }")
    (old / "Mani.psm1").write_text('function Get-ManiThing { "old" }')
    monkeypatch.setenv("PSModulePath", str(root))
    return root


def errors_of(script: str) -> tuple[list[object], list[str]]:
    try:
        return psbridge.run(script), []
    except psbridge.PipelineError as failed:
        return failed.output, [record.fully_qualified_error_id for record in failed.errors]


# -- Import-Module and the module's session state ----------------------------------------------------
def test_a_module_by_name_keeps_its_own_script_scope(modules: Path) -> None:
    out = psbridge.run(
        "$hidden = 'caller'; Import-Module Greet\n"
        "Get-Greeting -Name Bob; Get-Greeting Ann; Get-Count\n"
        '"[$script:count]"'
    )
    # the module's $script:count and $hidden, never the caller's; the caller has no $count
    assert out == ["Hello Bob (1) module-local", "Hello Ann (2) module-local", 2, "[]"]


def test_export_module_member_limits_what_is_exported(modules: Path) -> None:
    out, errors = errors_of("Import-Module Greet; helper; (Get-Module Greet).ExportedFunctions.Keys")
    assert out == ["Get-Count", "Get-Greeting"]  # sorted by name, as ModuleIntrinsics sorts them
    assert errors == ["CommandNotFoundException"]


def test_without_export_module_member_every_function_is_exported_and_no_variable(tmp_path: Path) -> None:
    path = tmp_path / "Plain.psm1"
    path.write_text("$v = 1\nfunction A { 'a' }\nfunction B { A }\nSet-Alias ali A\n")
    out, errors = errors_of(f"Import-Module '{path}'; A; B; \"[$v]\"; ali")
    assert out == ["a", "a", "[]"]
    assert errors == ["CommandNotFoundException"]


def test_the_module_scripts_output_is_dropped_and_args_bind_its_param_block(tmp_path: Path) -> None:
    # ModuleIntrinsics.CreateModuleImplementation runs the .psm1 into a list it never writes
    path = tmp_path / "Args.psm1"
    path.write_text(
        'param([int]$First, $Second)\n"ran"\n$script:seen = "$($First + 1) $Second $($args.Count)"\n'
        "function Get-First { $First; $script:seen }\nexit 3\n"
    )
    out = psbridge.run(f"Import-Module '{path}' -ArgumentList '41', two, three; Get-First; $LASTEXITCODE")
    assert out == [41, "42 two 1", 3]


def test_psscriptroot_and_pscommandpath_inside_the_module(tmp_path: Path) -> None:
    path = tmp_path / "Where.psm1"
    path.write_text(
        "$at = $PSScriptRoot\nfunction Get-Where { $at; $PSCommandPath; $MyInvocation.MyCommand.Module.Name }\n"
    )
    assert psbridge.run(f"Import-Module '{path}'; Get-Where") == [str(tmp_path), str(path), "Where"]


def test_an_error_in_a_module_function_keeps_its_position_in_the_psm1(modules: Path) -> None:
    out = psbridge.run(
        "Import-Module Mani\n"
        "try { Get-ManiFail } catch { $_.InvocationInfo.ScriptName; $_.InvocationInfo.ScriptLineNumber }"
    )
    assert out == [str(modules / "Mani" / "1.2.0" / "Mani.psm1"), 6]


def test_already_loaded_is_not_run_again_and_force_reloads(tmp_path: Path) -> None:
    # Import-Module.Tests.ps1:349 and :363
    path = tmp_path / "ipmofTestModule.psm1"
    out, errors = errors_of(
        f"$modulePath = '{path}'\n"
        "Set-Content -Path $modulePath -Value 'function Test-One { return 101 }'\n"
        "Import-Module $modulePath; Test-One\n"
        "$new = \"function Test-One { return 93 }`nfunction Test-Two { return 14 }\"\n"
        "Set-Content -Path $modulePath -Value $new -Force\n"
        "Import-Module $modulePath; Test-One; Test-Two\n"
        "Import-Module -Force $modulePath; Test-One; Test-Two"
    )
    assert out == [101, 101, 93, 14]
    assert errors == ["CommandNotFoundException"]


def test_a_folder_path_with_a_trailing_separator_loads_the_module_inside(modules: Path) -> None:
    # Import-Module.Tests.ps1:34
    out = psbridge.run(f"Import-Module -Name '{modules / 'Greet'}/' -ErrorAction Stop; (Get-Module -Name Greet).Name")
    assert out == ["Greet"]


def test_the_highest_version_folder_loads_unless_one_is_required(modules: Path) -> None:
    # Import-Module.Tests.ps1:55
    out = psbridge.run(
        "Import-Module Mani; (Get-Module Mani).Version.ToString(); Remove-Module Mani\n"
        "Import-Module Mani -RequiredVersion 1.0.0; (Get-Module Mani).Version.ToString(); Get-ManiThing"
    )
    assert out == ["1.2.0", "1.0.0", "old"]
    out, errors = errors_of("Import-Module Mani -RequiredVersion 9.9")
    assert errors == ["Modules_ModuleNotFound,Microsoft.PowerShell.Commands.ImportModuleCommand"]
    with pytest.raises(PSError, match=r"'Mani' with version '9\.9' was not loaded"):
        psbridge.run("Import-Module Mani -MinimumVersion 9.9 -ErrorAction Stop")


def test_a_manifest_exports_what_its_lists_name_with_nested_modules(modules: Path) -> None:
    out, errors = errors_of(
        "$m = Import-Module Mani -PassThru\n"
        "$m.ModuleType; $m.PreRelease; $m.Description; $m.Guid; $m.NestedModules.Name\n"
        'Get-ManiThing; gm1; $ManiVar; "[$Other]"; Get-Inner; Hidden-Thing'
    )
    folder = modules / "Mani" / "1.2.0"
    assert out == [
        "Script", "beta1", "A test module", "11111111-2222-3333-4444-555555555555", "Inner",
        f"thing from {folder}; inner says inner", f"thing from {folder}; inner says inner", 42, "[]", "inner",
    ]  # fmt: skip
    assert errors == ["CommandNotFoundException"]


def test_a_manifest_is_read_without_running_code(tmp_path: Path) -> None:
    folder = tmp_path / "Bad"
    folder.mkdir()
    (folder / "Bad.psd1").write_text("@{ ModuleVersion = '1.0'; Description = (Get-Date) }")
    with pytest.raises(PSError) as caught:
        psbridge.run(f"Import-Module '{folder}'")
    assert caught.value.error_record.fully_qualified_error_id.startswith("Modules_InvalidManifest")
    assert "Get-Date" in str(caught.value)


def test_a_manifest_without_module_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "NoVer.psd1"
    path.write_text("@{ RootModule = 'x.psm1' }")
    with pytest.raises(PSError, match="The member 'ModuleVersion' is not present in the module manifest"):
        psbridge.run(f"Import-Module '{path}'")


def test_required_modules_are_imported_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "Base").mkdir()
    (tmp_path / "Base" / "Base.psm1").write_text("function Get-Base { 'base' }")
    (tmp_path / "Top").mkdir()
    (tmp_path / "Top" / "Top.psd1").write_text(
        "@{ ModuleVersion = '2.0'; RootModule = 'Top.psm1'; RequiredModules = @('Base') }"
    )
    (tmp_path / "Top" / "Top.psm1").write_text('function Get-Top { "top+$(Get-Base)" }')
    monkeypatch.setenv("PSModulePath", str(tmp_path))
    assert psbridge.run("Import-Module Top; Get-Top; (Get-Module).Name") == ["top+base", "Base", "Top"]


def test_filters_prefix_and_local_scope(modules: Path) -> None:
    out, errors = errors_of(
        "Import-Module Greet -Function Get-Count -Prefix My; Get-MyCount; Get-Greeting\n"
        "(Get-Command Get-MyCount).Source"
    )
    assert out == [0, "Greet"]
    assert errors == ["CommandNotFoundException"]
    out, errors = errors_of("function f { Import-Module Greet -Scope Local; Get-Count }; f; Get-Count")
    assert out == [0]
    assert errors == ["CommandNotFoundException"]


def test_get_command_shows_a_module_functions_source(modules: Path) -> None:
    out = psbridge.run("Import-Module Greet; $c = Get-Command Get-Greeting; $c.Source; $c.ModuleName; $c.Module.Name")
    assert out == ["Greet", "Greet", "Greet"]
    text = psbridge.run("Import-Module Greet; Get-Command Get-Greeting | Out-String")[0]
    assert "Function        Get-Greeting" in text and text.rstrip().endswith("Greet")


def test_a_module_not_found_keeps_pwshs_error(modules: Path) -> None:
    out, errors = errors_of("Import-Module Nope; 'after'")
    assert out == ["after"]
    assert errors == ["Modules_ModuleNotFound,Microsoft.PowerShell.Commands.ImportModuleCommand"]


# -- Get-Module ------------------------------------------------------------------------------------------------
def test_get_module_lists_loaded_modules_by_name_as_pwshs_table(modules: Path) -> None:
    text = psbridge.run("Import-Module Mani, Greet; Get-Module | Out-String")[0]
    lines = [line.rstrip() for line in text.strip("\n").split("\n")]
    assert lines[0] == "ModuleType Version    PreRelease Name                                ExportedCommands"
    assert lines[2] == "Script     0.0                   Greet                               {Get-Count, Get-Greeting}"
    assert (
        lines[3]
        == "Script     1.2.0      beta1      Mani" + " " * 32 + "{Get-Inner, Get-ManiFail, Get-ManiThing, gm1}"
    )


def test_get_module_list_available_reads_the_module_path(modules: Path) -> None:
    # Get-Module.Tests.ps1:72 and :83: every version folder, -Name wildcards
    out = psbridge.run(
        "$all = Get-Module -ListAvailable | Sort-Object Name, Version\n"
        "($all.Name -join ','); $all[1].Version.ToString()\n"
        "(Get-Module M* -ListAvailable).Count; (Get-Module).Count"
    )
    assert out == ["Greet,Mani,Mani", "1.0.0", 2, 0]


def test_import_module_takes_a_module_info_from_list_available(modules: Path) -> None:
    # Import-Module.Tests.ps1:43
    out = psbridge.run(
        "$a = (Get-Module -ListAvailable Greet)[0]; Import-Module -ModuleInfo $a; (Get-Module Greet).Name"
    )
    assert out == ["Greet"]


# -- Remove-Module ---------------------------------------------------------------------------------------------
def test_remove_module_takes_its_commands_away_and_runs_on_remove(modules: Path) -> None:
    out, errors = errors_of(
        "$m = Import-Module Greet -PassThru; $m.OnRemove = { $global:removed = 'yes' }\n"
        "Remove-Module Greet; $removed; (Get-Module).Count; Get-Greeting"
    )
    assert out == ["yes", 0]
    assert errors == ["CommandNotFoundException"]


@pytest.mark.parametrize(
    ("patterns", "present"),
    [
        ("'Mani'", "Greet"),
        ("'Ma*'", "Greet"),
        ("'Mani', 'Mani', 'Greet'", ""),
        ("'Fo', 'Mani'", "Greet"),
        ("'FF*'", "Greet,Mani"),
    ],
)
def test_remove_module_by_name(modules: Path, patterns: str, present: str) -> None:
    # Remove-Module.Tests.ps1:116 (the name cases of :23-39)
    out = psbridge.run(f"Import-Module Greet, Mani; Remove-Module -Name {patterns}; (Get-Module).Name -join ','")
    assert out == [present]


def test_remove_module_of_nothing_is_no_modules_removed(modules: Path) -> None:
    # Remove-Module.Tests.ps1:132
    with pytest.raises(PSError) as caught:
        psbridge.run("Import-Module Greet; Remove-Module -Name 'Fo', 'Ba' -ErrorAction Stop")
    record = caught.value.error_record
    assert (
        record.fully_qualified_error_id == "Modules_NoModulesRemoved,Microsoft.PowerShell.Commands.RemoveModuleCommand"
    )
    assert psbridge.run("Get-Module Greet | Remove-Module; Get-Module Greet") == []


# -- New-Module and Export-ModuleMember ------------------------------------------------------------------------
def test_new_module_makes_a_dynamic_module(modules: Path) -> None:
    out = psbridge.run(
        "$m = New-Module -ScriptBlock { $x = 'inside'; function Hello { \"Hello $x\" } }\n"
        "Hello; $m.Name -like '__DynamicModule_*'; (Get-Module).Count\n"
        "New-Module -Name Named { param($a) function Two { $a * 2 } } -ArgumentList 21 | Import-Module; Two\n"
        "(Get-Module).Name"
    )
    assert out == ["Hello inside", True, 0, 42, "Named"]


def test_new_module_as_custom_object_and_return_result() -> None:
    out = psbridge.run(
        "$o = New-Module -AsCustomObject {\n"
        "    $n = 5; function Add([int]$a) { $a + $n }; Export-ModuleMember -Function Add -Variable n\n"
        "}\n"
        "$o.Add(2); $o.n\n"
        "New-Module -ReturnResult { 'result' }"
    )
    assert out == [7, 5, "result"]


def test_export_module_member_outside_a_module_is_pwshs_error() -> None:
    with pytest.raises(PSError) as caught:
        psbridge.run("Export-ModuleMember -Function x")
    record = caught.value.error_record
    assert record.fully_qualified_error_id == (
        "Modules_CanOnlyExecuteExportModuleMemberInsideAModule,Microsoft.PowerShell.Commands.ExportModuleMemberCommand"
    )
    assert record.category == "PermissionDenied"
    assert str(caught.value) == "The Export-ModuleMember cmdlet can only be called from inside a module."


def test_a_module_imports_another_into_its_own_session_state(tmp_path: Path) -> None:
    # Import-Module.md: from a module, the commands go into the calling module's session state; a
    # module without Export-ModuleMember exports its whole module scope's functions
    # (ModuleIntrinsics.ExportModuleMembers reads ModuleScope.FunctionTable), the imported ones too
    inner = tmp_path / "Lower.psm1"
    inner.write_text("function Get-Lower { 'lower' }")
    outer = tmp_path / "Upper.psm1"
    outer.write_text(f"Import-Module '{inner}'\nfunction Get-Upper {{ \"upper+$(Get-Lower)\" }}\n")
    assert psbridge.run(f"Import-Module '{outer}'; Get-Upper; Get-Lower; (Get-Module).Name") == [
        "upper+lower", "lower", "Lower", "Upper",
    ]  # fmt: skip
    outer.write_text(f"Import-Module '{inner}'\nfunction Get-Upper {{ Get-Lower }}\nExport-ModuleMember Get-Upper\n")
    out, errors = errors_of(f"Import-Module '{outer}'; Get-Upper; Get-Lower")
    assert out == ["lower"]
    assert errors == ["CommandNotFoundException"]


def test_no_clobber_keeps_the_commands_already_there(modules: Path) -> None:
    out = psbridge.run(
        "function Get-Count { 'mine' }; Import-Module Greet -NoClobber; Get-Count; Get-Greeting x\n"
        "Import-Module Greet -Force -NoClobber -Verbose 4>&1 | ForEach-Object { \"$_\" } | Select-String 'not imported'"
    )
    assert out[:2] == ["mine", "Hello x (1) module-local"]
    # -Force removed Greet's own Get-Greeting first, so only the script's Get-Count stays in the way
    assert [str(line) for line in out[2:]] == [
        "The function 'Get-Count' was not imported because there is a member with the same name in the current scope.",
    ]


def test_using_module_imports_before_the_script_runs(tmp_path: Path) -> None:
    (tmp_path / "Used.psm1").write_text('function Get-Used { "used from $PSScriptRoot" }\n')
    script = tmp_path / "main.ps1"
    script.write_text("using module ./Used.psm1\nGet-Used\n")
    assert psbridge.run(f"& '{script}'") == [f"used from {tmp_path}"]
    script.write_text("using module ./Missing.psm1\n'not reached'\n")
    with pytest.raises(PSError, match=r"Missing\.psm1' was not loaded"):
        psbridge.run(f"& '{script}'")


def test_execution_context_session_state_module_is_the_running_module() -> None:
    out = psbridge.run(
        "$ExecutionContext.SessionState.Module -eq $null\n"
        "New-Module -Name Dyn { function Who { $ExecutionContext.SessionState.Module.Name } } | Out-Null; Who"
    )
    assert out == [True, "Dyn"]


def test_a_dynamic_module_imported_and_removed_by_its_module_info() -> None:
    # UsingNamespace.Tests.ps1:107-115
    out, errors = errors_of(
        "$mod = New-Module -Name UsingNamespaceModule -ScriptBlock {\n"
        "    function Set-Thread([System.Threading.Thread]$t = $null) { 44 }\n"
        "}\n"
        "Import-Module $mod; Set-Thread; (Get-Module).Name; Remove-Module $mod; (Get-Module).Count"
    )
    assert out == [44, "UsingNamespaceModule", 0]
    assert errors == []


def test_a_parameter_of_an_enum_the_module_defines() -> None:
    # Scripting.Classes.BasicParsing.Tests.ps1:772-786
    out = psbridge.run(
        '$sb = [scriptblock]::Create("enum EE {one = 1}`nfunction test-it([EE]`$ee){`$ee}")\n'
        "$mod = New-Module $sb -Name MSFT_2081529 | Import-Module\n"
        "$result = test-it -ee one; $result -eq 1; Remove-Module -ErrorAction ignore MSFT_2081529"
    )
    assert out == [True]


def test_list_available_prints_pwshs_grouped_table(modules: Path) -> None:
    text = psbridge.run("Get-Module -ListAvailable | Out-String")[0]
    lines = [line.rstrip() for line in text.strip("\n").split("\n")]
    assert lines[0] == f"    Directory: {modules}"
    assert lines[2] == "ModuleType Version    PreRelease Name" + " " * 32 + "PSEdition ExportedCommands"
    assert lines[4] == "Script     0.0                   Greet" + " " * 31 + "Desk      {Get-Count, Get-Greeting}"


def test_on_remove_set_through_my_invocation(tmp_path: Path) -> None:
    # about_Classes.md:655's idiom: $MyInvocation.MyCommand.ScriptBlock.Module.OnRemove = {...}
    path = tmp_path / "Cleanup.psm1"
    path.write_text(
        "$MyInvocation.MyCommand.ScriptBlock.Module.OnRemove = { param($m) $global:gone = \"bye $($m.Name)\" }\n"
        "function Get-Clean { 'clean' }\n"
    )
    assert psbridge.run(f"Import-Module '{path}'; Get-Clean; Remove-Module Cleanup; $gone") == ["clean", "bye Cleanup"]


def test_remove_module_what_if_keeps_the_module(modules: Path) -> None:
    # RemoveModuleCommand: ShouldProcess("<name> (Path: '<path>')"), no error under -WhatIf
    out = psbridge.run("Import-Module Greet; Remove-Module Greet -WhatIf; (Get-Module).Name")
    assert out == ["Greet"]


def test_a_script_block_runs_in_the_session_state_it_was_written_in(tmp_path: Path) -> None:
    # about_Scopes.md:59-64 (module code runs in its own session state's scopes); a script block is
    # bound to the session state that made it (ScriptBlock.SessionStateInternal), so a caller's
    # block run by a module's function sees the caller's variables, and a module's block the module's
    module = tmp_path / "Callback.psm1"
    module.write_text(
        "$inner = 'module'\n"
        "function Invoke-Action { param([scriptblock]$Action) $inner = 'function'\n"
        "    & $Action; 1 | ForEach-Object $Action\n"
        '    1 | ForEach-Object { "module code sees $inner" } }\n'
        'function Get-Block { { "module block sees $inner" } }\n'
    )
    script = tmp_path / "main.ps1"
    script.write_text(
        f"Import-Module '{module}'\n"
        "$inner = 'caller'\n"
        'Invoke-Action { "block sees $inner" }\n'
        "$b = Get-Block; & $b; 1 | ForEach-Object $b\n"
        'function Use-It { $inner = \'use\'; Invoke-Action { "nested sees $inner" } }\n'
        "Use-It\n"
    )
    assert psbridge.run(f"& '{script}'") == [
        "block sees caller", "block sees caller", "module code sees function",
        "module block sees module", "module block sees module",
        "nested sees use", "nested sees use", "module code sees function",
    ]  # fmt: skip


@pytest.mark.parametrize("name", ["Mani", "mani"])
def test_get_module_by_module_specification(modules: Path, name: str) -> None:
    # Get-Module.Tests.ps1:146 (ModuleVersion is the lowest version that matches)
    out = psbridge.run(
        f"$spec = @{{ModuleName = '{name}'; ModuleVersion = '1.1'}}\n"
        "$modules = @(Get-Module -FullyQualifiedName $spec -ListAvailable)\n"
        "$modules.Count; $modules.Name; $modules.Version.ToString()"
    )
    assert out == [1, "Mani", "1.2.0"]


def test_using_module_brings_the_modules_classes_and_enums(tmp_path: Path) -> None:
    # about_Using.md:95-99: Import-Module brings no classes; `using module` imports the root module's
    (tmp_path / "Cls.psm1").write_text(
        "enum Color { Red = 1; Blue = 2 }\n"
        'class Greeter { [string] Hi([string]$n) { return "hi $n" } }\n'
        "function Get-Color { [Color]::Blue }\n"
    )
    script = tmp_path / "main.ps1"
    script.write_text('using module ./Cls.psm1\n[Greeter]::new().Hi("x"); [int][Color]::Red; "$(Get-Color)"\n')
    assert psbridge.run(f"& '{script}'") == ["hi x", 1, "Blue"]
    module = tmp_path / "Cls.psm1"
    script.write_text(f"Import-Module '{module}'\ntry {{ [Greeter]::new() }} catch {{ $_.FullyQualifiedErrorId }}\n")
    assert psbridge.run(f"& '{script}'") == ["TypeNotFound"]
