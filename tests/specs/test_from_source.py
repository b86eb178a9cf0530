"""psbridge.specs.from_source: param blocks compile to CmdletSpecs as PowerShell compiles them.

The rules are PowerShell's Compiler.GetParameterMetaData / GetRuntimeDefinedParameter
(engine/parser/Compiler.cs): automatic positions only when no parameter names a Position or a
set and PositionalBinding is on; the first type constraint is the type; a parameter without
[Parameter()] is in every set.
"""

from __future__ import annotations

import pytest

import psbridge
from psbridge.language import parse
from psbridge.language.ast import FunctionDefinitionAst
from psbridge.specs import ALL_SETS, CmdletSpec
from psbridge.specs.from_source import spec_from_function, spec_from_param_block
from tests.conftest import SHARED

PUBLIC = SHARED / "psopenai-source" / "Public"


def compile_function(text: str) -> CmdletSpec:
    tree = parse(text)
    functions = [s for s in tree.end_block.statements if isinstance(s, FunctionDefinitionAst)]
    assert len(functions) == 1
    return spec_from_function(functions[0])


def where(spec: CmdletSpec, name: str, set_name: str = ALL_SETS):
    return spec.parameters[name].sets[set_name]


def test_automatic_positions_in_declaration_order_skipping_switches():
    spec = compile_function(
        "function New-Thing { [CmdletBinding()] param([string]$Name, [switch]$Force, [int]$Count, $Rest) }"
    )
    assert spec.automatic_positions
    assert [where(spec, n).position for n in ("Name", "Force", "Count", "Rest")] == [0, None, 1, 2]


def test_no_automatic_positions_when_any_parameter_names_a_position_or_a_set():
    explicit = compile_function(
        "function A { [CmdletBinding()] param([Parameter(Position = 1)][string]$B, [string]$C) }"
    )
    assert (where(explicit, "B").position, where(explicit, "C").position) == (1, None)
    assert not explicit.automatic_positions
    in_set = compile_function("function A { param([Parameter(ParameterSetName = 'S')]$B, $C) }")
    assert where(in_set, "B", "S").position is None and where(in_set, "C").position is None


def test_positional_binding_off_and_simple_functions():
    off = compile_function("function A { [CmdletBinding(PositionalBinding = $false)] param($B, $C) }")
    assert where(off, "B").position is None and not off.automatic_positions
    simple = compile_function("function A($B, [switch]$S, $C) { }")
    assert (where(simple, "B").position, where(simple, "C").position) == (0, 1)
    assert simple.parameters["S"].type == "SwitchParameter"


def test_sets_mandatory_pipeline_and_default_set():
    spec = compile_function(
        """
        function Get-Thing {
            [CmdletBinding(DefaultParameterSetName = 'List')]
            [OutputType([pscustomobject])]
            param(
                [Parameter(ParameterSetName = 'Get', Mandatory, Position = 0, ValueFromPipeline)]
                [Parameter(ParameterSetName = 'Other', Mandatory = $false, ValueFromPipelineByPropertyName)]
                [string]$Id,
                [Parameter(ParameterSetName = 'List')][switch]$All,
                [Parameter(ValueFromRemainingArguments = $true)][object[]]$Rest
            )
        }
        """
    )
    assert spec.parameter_sets == ("Get", "Other", "List")
    assert spec.default_parameter_set == "List"
    assert spec.outputs == ("pscustomobject",)
    get, other = where(spec, "Id", "Get"), where(spec, "Id", "Other")
    assert (get.mandatory, get.position, get.value_from_pipeline) == (True, 0, True)
    assert (other.mandatory, other.value_from_pipeline_by_property_name) == (False, True)
    assert set(spec.parameters["All"].sets) == {"List"}
    assert where(spec, "Rest").value_from_remaining_arguments


def test_a_default_set_no_parameter_names_is_still_a_set():
    spec = compile_function(
        "function A { [CmdletBinding(DefaultParameterSetName = 'None')] param([Parameter(ParameterSetName = 'X')]$B) }"
    )
    assert spec.parameter_sets == ("X", "None")


def test_validation_attributes_and_what_only_source_says():
    spec = compile_function(
        r"""
        function A {
            [CmdletBinding()]
            param(
                [Parameter(DontShow)][ValidateSet('a', 'b')][Alias('x', 'y')][string[]]$Set,
                [ValidateRange(-2.0, 2.0)][double]$Range,
                [ValidateCount(1, 4)][ValidateLength(0, 256)][string[]]$Count,
                [ValidatePattern('^[a-z]+$')][ValidateNotNullOrEmpty()][string]$Pattern,
                [ValidateScript({ $_ -gt 1 })][ValidateNotNull()][int]$Script,
                [AllowNull()][AllowEmptyString()][AllowEmptyCollection()][SupportsWildcards()][string]$Allow,
                [PSTypeName('PSOpenAI.Thread.Run')]$Run,
                [Completions('none', 'low')][string]$Effort = 'low',
                [System.Management.Automation.AliasAttribute('z')][securestring][SecureStringTransformation()]$Key,
                [string][int]$First = @('queued', 'in_progress')
            )
        }
        """
    )
    p = spec.parameters
    assert (p["Set"].accepted_values, p["Set"].aliases, p["Set"].hidden) == (("a", "b"), ("x", "y"), True)
    assert p["Range"].validate_range == (-2.0, 2.0)
    assert (p["Count"].validate_count, p["Count"].validate_length) == ((1, 4), (0, 256))
    assert (p["Pattern"].validate_pattern, p["Pattern"].validate_not_null_or_empty) == ("^[a-z]+$", True)
    assert (p["Script"].validate_script, p["Script"].validate_not_null) == ("{ $_ -gt 1 }", True)
    allow = p["Allow"]
    assert (allow.allow_null, allow.allow_empty_string, allow.allow_empty_collection, allow.wildcards) == (
        True,
        True,
        True,
        True,
    )
    assert (p["Run"].type, p["Run"].ps_type_name) == ("Object", "PSOpenAI.Thread.Run")
    assert (p["Effort"].suggested_values, p["Effort"].accepted_values, p["Effort"].default) == (
        ("none", "low"),
        (),
        "'low'",
    )
    assert (p["Key"].aliases, p["Key"].type, p["Key"].transforms) == (("z",), "SecureString", ("secure_string",))
    assert (p["First"].type, p["First"].default) == ("String", "@('queued', 'in_progress')")  # the first constraint


def test_a_script_param_block():
    tree = parse("[CmdletBinding()] param([Parameter(Mandatory)][string]$Path)")
    spec = spec_from_param_block("script", tree.param_block)
    assert where(spec, "Path").mandatory and where(spec, "Path").position == 0


def test_a_source_spec_binds_with_the_binder():
    # New-Thread's source gets automatic positions (reference 3.1, 5.7 item 5): a bare argument
    # binds the hidden -ThreadId, so `New-Thread thread_abc` modifies that thread.
    spec = compile_function((PUBLIC / "Threads" / "New-Thread.ps1").read_text(encoding="utf-8-sig"))
    result = psbridge.bind(spec, "thread_abc")
    assert result.bound_parameters == {"ThreadId": "thread_abc"}
    wait = compile_function((PUBLIC / "Runs" / "Wait-ThreadRun.ps1").read_text(encoding="utf-8-sig"))
    bound = psbridge.bind(wait, "run_1", "thread_1")
    assert (bound.parameter_set_name, bound.bound_parameters) == ("Id", {"RunId": "run_1", "ThreadId": "thread_1"})


@pytest.mark.parametrize("path", sorted(PUBLIC.rglob("*.ps1")), ids=lambda p: p.name)
def test_every_psopenai_function_compiles(path):
    tree = parse(path.read_text(encoding="utf-8-sig"))
    functions = [s for s in tree.end_block.statements if isinstance(s, FunctionDefinitionAst)]
    assert functions
    for function in functions:
        spec = spec_from_function(function)
        assert spec.name == function.name
        for parameter in spec.parameters.values():
            assert parameter.sets and parameter.type


def test_odd_param_blocks_compile_without_raising():
    # The evaluator compiles every function through this: whatever parses must compile.
    spec = compile_function(
        r"""
        function A {
          [CmdletBinding(PositionalBinding = 0, DefaultParameterSetName = $null)]
          param(
            [Parameter(Position = $x)][ValidateRange('Positive')][ValidateSet()][Alias()]$a,
            [Parameter(Mandatory = 1, ParameterSetName = $null)][ValidateCount(1)][int[]][string]$b,
            [ValidateScript()][System.Collections.Generic.List[string]]$c = (1, 2),
            [ValidateLength('a', 'b')][ValidatePattern()]$d = @{a = 1},
            [Parameter(HelpMessage = "x$y")][PSDefaultValue(Help = 'h')][ArgumentCompleter({ 'a' })]$e,
            [ValidateRange(1, [int]::MaxValue)][Nullable[int]]$f = -1,
            [ValidateSet('a', 'b', IgnoreCase = $false)][UnknownAttr(1, Foo = 2)][switch]$g = $true
          )
        }
        """
    )
    p = spec.parameters
    assert not spec.automatic_positions  # PositionalBinding = 0 is false
    assert (p["b"].type, where(spec, "b").mandatory) == ("Int32[]", True)
    assert p["c"].type == "List[String]" and p["c"].default == "(1, 2)"
    assert p["a"].validate_range is None  # a ValidateRangeKind is not a range the spec can hold
    assert p["f"].validate_range == (1, 2147483647)  # [int]::MaxValue
    assert (p["g"].accepted_values, p["g"].default) == (("a", "b"), "$true")


def test_a_fractional_position_rounds_as_powershell_converts_it():
    spec = compile_function("function A { param([Parameter(Position = 1.5)]$B, [Parameter(Position = 2.5)]$C) }")
    assert (where(spec, "B").position, where(spec, "C").position) == (2, 2)
