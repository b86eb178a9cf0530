"""The runtime: pipelines of cmdlets with PowerShell's streams and common parameters."""

from .cmdlet import Cmdlet, Parameters, SkipInput
from .commands import register_cmdlet, registered_cmdlets, resolve_cmdlet
from .errors import PipelineError
from .invocation import input_objects, invoke
from .pipeline import NO_INPUT, CommandCall, StopUpstreamCommands, run_pipeline
from .resources import SessionResources, shared_resources
from .runspace import Runspace
from .streams import InformationRecord, ProgressRecord, Streams

__all__ = [
    "NO_INPUT",
    "Cmdlet",
    "CommandCall",
    "InformationRecord",
    "Parameters",
    "PipelineError",
    "ProgressRecord",
    "Runspace",
    "SessionResources",
    "SkipInput",
    "StopUpstreamCommands",
    "Streams",
    "input_objects",
    "invoke",
    "register_cmdlet",
    "registered_cmdlets",
    "resolve_cmdlet",
    "run_pipeline",
    "shared_resources",
]
