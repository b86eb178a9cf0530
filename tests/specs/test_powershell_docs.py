"""The generator and lint on PowerShell's own docs (Core, Utility, Management): every doc
becomes a bindable spec, and lint's findings there are real contradictions, not misreadings."""

from __future__ import annotations

import pytest

import psbridge
from psbridge.objects.encoding import TextEncoding
from psbridge.specs import ALL_SETS
from psbridge.specs.generate import collect_docs
from psbridge.specs.lint import lint_doc
from psbridge.specs.markdown import parse_markdown
from tests.conftest import MODULE_DOCS
from tests.specs.powershell_docs import POWERSHELL_MODULES, powershell_docs, powershell_specs


def spec(name: str):
    return powershell_specs()[name.casefold()]


def bind(text: str):
    return psbridge.bind_text(text, specs=[spec(text.split()[0])])


@pytest.fixture(scope="module")
def findings():
    found = []
    for module, path, _doc in powershell_docs():
        found.extend(lint_doc(path.read_text(encoding="utf-8-sig"), f"{module}/{path.name}"))
    return found


def test_module_pages_and_about_topics_are_not_cmdlet_docs():
    for module in POWERSHELL_MODULES:
        names = {path.name for path in collect_docs([MODULE_DOCS[module]])}
        assert f"{module}.md" not in names
        assert not any(name.startswith("about_") for name in names)
    assert len(powershell_docs()) > 230
    assert all(doc.syntax for _module, _path, doc in powershell_docs())


def test_provider_variants_of_a_set_are_one_set():
    # "### Path (Default) - FileSystem provider" / "- Certificate provider" / "- All providers"
    get_item = spec("Get-Item")
    assert get_item.parameter_sets == ("Path", "LiteralPath")
    assert get_item.default_parameter_set == "Path"
    assert bind("Get-Item .").parameter_set_name == "Path"
    assert bind("Get-Item -LiteralPath ./x -Stream s").parameter_set_name == "LiteralPath"


def test_a_providers_dynamic_parameter_is_never_mandatory():
    # New-Item's WSMan variant shows -ConnectionURI as mandatory; on a file-system path it does not exist.
    assert bind("New-Item -Path ./x -ItemType File").bound_parameters["ItemType"] == "File"
    assert not spec("New-Item").parameters["ConnectionURI"].sets["pathSet"].mandatory


def test_per_set_required_lists():
    # Required: True (VMId, VMName), False (ComputerName, Uri)
    credential = spec("New-PSSession").parameters["Credential"]
    assert credential.sets["VMId"].mandatory and not credential.sets["ComputerName"].mandatory
    assert bind("New-PSSession -ComputerName Server01").parameter_set_name == "ComputerName"
    # Required: True (None) False (Path, LiteralPath)
    relative = spec("Resolve-Path").parameters["Relative"]
    assert not any(info.mandatory for info in relative.sets.values())


def test_accepted_values_of_flags_enums_and_encodings_are_no_validate_set():
    listener = spec("Set-TraceSource").parameters["ListenerOption"]
    assert listener.accepted_values == () and "ProcessId" in listener.enum_values
    bound = bind('Set-TraceSource -Name x -ListenerOption "ProcessId,Timestamp"').bound_parameters
    assert bound["ListenerOption"] == "Timestamp, ProcessId"  # documented (declaration) order
    with pytest.raises(psbridge.ParameterBindingError) as error:
        bind("Set-TraceSource -Name x -ListenerOption ProcessId,Bogus")
    assert "Unable to match the identifier name Bogus" in str(error.value)

    encoding = bind("Out-File -FilePath ./x -Encoding 1251").bound_parameters["Encoding"]
    assert isinstance(encoding, TextEncoding) and encoding.code_page == 1251
    assert bind("Out-File ./x -Encoding utf8BOM").bound_parameters["Encoding"].preamble == b"\xef\xbb\xbf"
    assert bind("Out-File ./x -Encoding utf8").bound_parameters["Encoding"].preamble == b""
    with pytest.raises(psbridge.ParameterBindingError) as error:
        bind("Out-File ./x -Encoding nonsense")
    assert error.value.error_id == "ParameterArgumentTransformationError"
    assert "'nonsense' is not a supported encoding name" in str(error.value)


def test_a_plain_enum_stays_strict_and_a_string_validate_set_stays_a_validate_set():
    with pytest.raises(psbridge.ParameterBindingError) as error:
        bind("Write-Host hi -ForegroundColor Purple")
    assert "Specify one of the following enumerator names" in str(error.value)
    assert bind("Write-Host hi -ForegroundColor darkgreen").bound_parameters["ForegroundColor"] == "DarkGreen"
    with pytest.raises(psbridge.ParameterBindingError) as error:
        bind("Import-Module x -Scope Nowhere")
    assert "ValidateSet" in str(error.value)


def test_the_newer_platyps_format():
    # Write-Host.md: "PlatyPS schema version: 2024-05-01", Aliases: [], ParameterSets: [{IsRequired ...}]
    write_host = spec("Write-Host")
    assert write_host.parameters["Object"].aliases == ("Msg", "Message")
    assert write_host.parameters["Separator"].aliases == ()
    info = write_host.parameters["Object"].sets[ALL_SETS]
    assert (info.position, info.value_from_pipeline, info.value_from_remaining_arguments) == (0, True, True)
    assert bind("Write-Host a b c -NoNewline").bound_parameters["Object"] == ["a", "b", "c"]


def test_parameter_descriptions_are_read():
    doc = next(doc for _m, path, doc in powershell_docs() if path.name == "Get-ChildItem.md")
    file = next(p for p in doc.parameters if p.name == "File")
    assert "only available in the" in file.description and "```" not in file.description
    assert doc.description.startswith("The `Get-ChildItem` cmdlet gets the items")


def found(findings, doc, rule, text=""):
    return [f for f in findings if f.path.endswith("/" + doc) and f.rule == rule and text in f.message]


def test_lint_false_alarms_are_gone(findings):
    assert not [f for f in findings if f.rule in ("PSL013", "PSL017")]  # '[]' aliases, module pages
    # Type spellings (Guid vs System.Guid, Nullable`1[System.Int32] vs Int32) are warnings.
    assert {f.severity for f in found(findings, "Get-Runspace.md", "PSL005", "-InstanceId")} == {"warning"}
    assert not found(findings, "New-PSTransportOption.md", "PSL004")
    assert not found(findings, "Update-TypeData.md", "PSL004")  # SYNTAX prints <Nullable`1>
    # Mandatory switches name their set (Where-Object -EQ): legal, a warning only.
    assert {f.severity for f in found(findings, "Where-Object.md", "PSL009")} == {"warning"}
    # 'Examples' in YAML, 'EXAMPLES' in SYNTAX: the same set.
    (case,) = found(findings, "Get-Help.md", "PSL018", "-Examples")
    assert case.severity == "warning" and not found(findings, "Get-Help.md", "PSL011")
    # Provider-only parameters documented outside SYNTAX are dynamic parameters.
    assert {f.severity for f in found(findings, "Get-ChildItem.md", "PSL019")} == {"warning"}
    assert not found(findings, "Get-ChildItem.md", "PSL003")
    # Prose defaults ("All jobs") are not values.
    assert not found(findings, "Stop-Job.md", "PSL008")


def test_real_contradictions_stay_errors(findings):
    (ufmt,) = found(findings, "Get-Date.md", "PSL007", "-UFormat")
    assert ufmt.severity == "error"
    (value,) = found(findings, "Where-Object.md", "PSL004", "-Value")
    assert "PSObject" in value.message and value.severity == "error"
    assert found(findings, "Convert-Path.md", "PSL003", "-Force")
    assert found(findings, "Import-Module.md", "PSL011", "WinCompat")
    errors = [f for f in findings if f.severity == "error"]
    assert len(errors) < 80  # of ~240 docs; before the fixes there were over 550


def test_required_value_forms():
    from psbridge.specs.markdown import _required

    assert _required("True") == (True, None)
    assert _required("False") == (False, None)
    assert _required("True (VMId, VMName), False (ComputerName, Uri)") == (True, ["VMId", "VMName"])
    assert _required("True (None) False (Path, LiteralPath)") == (False, None)
    assert _required("True (when using 'Get' parameter set)") == (True, ["Get"])


def test_provider_suffix_and_default_marker_in_one_heading():
    text = (
        "# Get-X\n## SYNTAX\n### Path (Default) - FileSystem provider\n```\nGet-X [-Path] <String> [-Stream <String>]\n"
        "```\n### Path (Default) - All providers\n```\nGet-X [-Path] <String>\n```\n"
        "### LiteralPath - All providers\n```\nGet-X -LiteralPath <String>\n```\n"
    )
    doc = parse_markdown(text)
    assert [(b.set_name, b.is_default) for b in doc.syntax] == [("Path", True), ("LiteralPath", False)]
    assert [p.name for p in doc.syntax[0].parameters] == ["Path", "Stream"]
    assert doc.syntax[0].parameters[1].dynamic and not doc.syntax[0].parameters[0].dynamic
