"""``psbridge specs check``: run every documented example and say whether PowerShell would accept it.

Docs' examples are written against someone's account: they name ids
(``'thread_abc123'``) and variables (``$Thread``) that exist nowhere.  To run
them as written, each example gets a fresh in-process emulator and real
objects made for it, created through the cmdlets themselves:

* every id-looking literal is mapped to a real object of its kind, and the
  literal is *substituted* in the code with the real id (the emulator's ids are
  random, so substitution keeps the emulator's own creation paths in play
  instead of hand-built objects carrying made-up ids);
* every variable read before it is assigned (``$Thread``, ``$Run`` ...) is bound
  to the typed object the matching Get- cmdlet returns for those objects, so
  what is piped is exactly what a user's session would hold.

A thread made for an example holds a user message and one completed run
(with its reply message and run step), so listings have something to list;
a run literal (or ``$Run``) gets a second run that stays ``queued`` until
the example looks at it, so Stop-ThreadRun has something to cancel.  Runs move
in ``polls`` mode, three GETs per step: the one GET that binds ``$Run``
cannot push the run out of reach of a cancel, while a waiting cmdlet still
sees it finish after a few immediate polls (``poll_after_ms=0``).

Classification follows what PowerShell itself would do with the text: a
ParseError or a parameter-binding error is a defect of the doc (PowerShell
rejects the example before or while binding); any other error is a failure
of psbridge or of the emulator and is reported as such.
"""

from __future__ import annotations

import re
import secrets
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ..binding import CommandArgument, ParameterBindingError
from ..cmdlets.psopenai._tokens import count_for_model
from ..emulator import Emulator, Lifecycle
from ..errors import ErrorRecord, PSError
from ..language import ParseError, TokenKind, parse, tokenize
from ..language.engine.run import run_tree
from ..language.tokens import StringExpandableToken, UnscannedSubExprToken, VariableToken
from ..objects import Hashtable, PSObject, dotnet_type_name
from ..runtime import NO_INPUT, CommandCall, Runspace, registered_cmdlets, run_pipeline
from ..specs.markdown import parse_markdown
from ..specs.model import Example
from .check_chat import CHAT_KINDS, ChatFixtures, console_for, map_endpoints
from .check_files import FILE_KINDS, FILE_VARIABLES, FIXTURE_TEXT, FileFixtures, map_windows_paths
from .check_paths import Ground, lay_out_relative
from .check_prompts import commands_of, prompt_location

__all__ = [
    "CheckReport",
    "ExampleResult",
    "FixtureError",
    "Status",
    "VariableUse",
    "check_docs",
    "check_example",
    "default_docs_dir",
    "find_id_literals",
    "scan_variables",
    "unassigned_variables",
]

Status = Literal["ok", "doc-defect", "failed"]

#: ``thread_abc123``, ``asst_Xy9...``: a kind prefix and an id that has a digit or capital letter
#: somewhere, which tells ids from snake_case names (``thread_id``, ``-run_id``, ``$x.step_details``).
_ID_LITERAL = re.compile(
    r"(?<![\w$.-])(?:(asst|thread|run|msg|step|vsfb|vs|resp|conv|item|batch|cont|file|video)_|(file|chatcmpl|chatcompl)-)"
    r"(?=[a-z]*[A-Z0-9])[A-Za-z0-9]+\b"
)

#: Automatic variables: PowerShell provides them, an example that reads them needs nothing from us.
_AUTOMATIC = frozenset(
    name.casefold()
    for name in ("true", "false", "null", "_", "PSItem", "args", "input", "Error", "ErrorActionPreference")
)

_KINDS = ("asst", "thread", "run", "msg", "step", *FILE_KINDS, *CHAT_KINDS)
_THREAD_KINDS = ("thread", "run", "msg", "step")

#: Three GETs per step: the GET that binds ``$Run`` leaves the run queued, so a cancel still finds it active.
_POLLS_PER_STEP = 3

_MODEL = "gpt-4o"
_USER_TEXT = "How many people live in the world?"
_METADATA = {"purpose": "psbridge specs check"}


def default_docs_dir() -> Path:
    """``../shared/cmdlet-docs`` beside the repository that holds this package."""
    repository = Path(__file__).resolve().parents[2]
    return repository.parent / "shared" / "cmdlet-docs"


# ---------------------------------------------------------------------------------------- results


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


@dataclass
class ExampleResult:
    """What one example did.  ``error_id`` is PowerShell's FullyQualifiedErrorId."""

    doc: str
    title: str
    line: int
    status: Status
    code: str
    path: str = ""
    output: str = ""
    error_id: str | None = None
    message: str | None = None
    requests: int = 0
    warnings: list[str] = field(default_factory=list)
    mapping: dict[str, str] = field(default_factory=dict)

    @property
    def detail(self) -> str:
        """One line for the table: the error for a defect or failure, else what came back."""
        notes = f"; {_plural(len(self.warnings), 'warning')}" if self.warnings else ""
        if self.status == "ok":
            return f"{self.output}; {_plural(self.requests, 'request')}{notes}"
        lines = (self.message or "").strip().splitlines()  # a parse error's sentence is its last line
        return f"{self.error_id}: {lines[-1] if lines else ''}{notes}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "path": self.path,
            "title": self.title,
            "line": self.line,
            "status": self.status,
            "error_id": self.error_id,
            "message": self.message,
            "output": self.output,
            "requests": self.requests,
            "warnings": list(self.warnings),
            "mapping": dict(self.mapping),
            "code": self.code,
        }


@dataclass
class CheckReport:
    results: list[ExampleResult]
    #: The cmdlet docs that were checked (each may have no example).
    docs: list[str] = field(default_factory=list)
    #: Docs in the folder that were not checked, with the reason (not a cmdlet doc, not implemented).
    skipped: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def failed(self) -> list[ExampleResult]:
        return [r for r in self.results if r.status == "failed"]

    @property
    def defects(self) -> list[ExampleResult]:
        return [r for r in self.results if r.status == "doc-defect"]

    def summary(self) -> str:
        counts = Counter(r.status for r in self.results)
        text = (
            f"{_plural(len(self.results), 'example')} in {_plural(len(self.docs), 'doc')}: {counts['ok']} ok, "
            f"{counts['doc-defect']} doc-defect, {counts['failed']} failed ({self.seconds:.1f}s)"
        )
        if self.skipped:
            reasons = Counter("not implemented" if "implemented" in why else why for why in self.skipped.values())
            shown = ", ".join(f"{why}: {n}" for why, n in reasons.items())
            text += f"; skipped {_plural(len(self.skipped), 'doc')} ({shown})"
        return text


# ---------------------------------------------------------------------------------------- scanning


def find_id_literals(code: str) -> dict[str, list[str]]:
    """Distinct id literals by kind (``asst``, ``thread``, ``run``, ``msg``, ``step``), in order of appearance."""
    found: dict[str, list[str]] = {kind: [] for kind in _KINDS}
    for match in _ID_LITERAL.finditer(code):
        kind = match.group(1) or match.group(2)
        if match.group(0) not in found[kind]:
            found[kind].append(match.group(0))
    return found


@dataclass
class VariableUse:
    """Which variables an example reads before assigning them, and which it assigns (scopes stripped)."""

    unassigned: list[str] = field(default_factory=list)
    assigned: list[str] = field(default_factory=list)


def scan_variables(code: str) -> VariableUse:
    """Variables read and assigned, in order of appearance.

    Code that does not tokenize has none: it fails to parse anyway, and that
    failure is the finding.
    """
    use = VariableUse()
    try:
        tokens = tokenize(code)
    except ParseError:
        return use
    done: set[str] = set()  # assigned by a statement that has ended
    pending: list[str] = []  # '$x = <value>' assigns $x only after <value> has run

    def read(name: str) -> None:
        if name.casefold().startswith("env:"):
            return
        bare = name.split(":", 1)[-1]
        folded = bare.casefold()
        if folded not in _AUTOMATIC and folded not in done and bare not in use.unassigned:
            use.unassigned.append(bare)

    significant = [t for t in tokens if t.kind not in (TokenKind.Comment, TokenKind.LineContinuation)]
    for index, token in enumerate(significant):
        if isinstance(token, VariableToken):
            name = token.name
            following = significant[index + 1] if index + 1 < len(significant) else None
            if token.kind == TokenKind.Variable and following is not None and following.kind == TokenKind.Equals:
                bare = name.split(":", 1)[-1]
                pending.append(bare.casefold())
                if bare.casefold() not in {n.casefold() for n in use.assigned}:
                    use.assigned.append(bare)
            else:
                read(name)
        elif token.kind in (TokenKind.NewLine, TokenKind.Semi, TokenKind.EndOfInput):
            done.update(pending)
            pending.clear()
        if isinstance(token, StringExpandableToken):
            for name in _string_variables(token):
                read(name)
    return use


def _string_variables(token: StringExpandableToken) -> list[str]:
    """The variables an expandable string reads, ``$(...)`` subexpressions included."""
    names: list[str] = []
    for nested in token.nested_tokens or ():
        if isinstance(nested, VariableToken):
            names.append(nested.name)
        elif isinstance(nested, UnscannedSubExprToken):
            try:
                inner = tokenize(nested.script[nested.start + 2 : nested.end - 1])
            except ParseError:
                continue
            for inner_token in inner:
                if isinstance(inner_token, VariableToken):
                    names.append(inner_token.name)
                elif isinstance(inner_token, StringExpandableToken):
                    names.extend(_string_variables(inner_token))
    return names


def unassigned_variables(code: str) -> list[str]:
    """Variables the code reads before (or without) assigning them: the ones a fixture must provide."""
    return scan_variables(code).unassigned


# ---------------------------------------------------------------------------------------- fixtures


class FixtureError(Exception):
    """Making the objects an example needs failed: psbridge or the emulator is broken, not the doc."""


@dataclass
class _MadeThread:
    """A thread made for an example: a user message, finished runs (reply + step each), maybe an active run."""

    id: str
    message_ids: list[str] = field(default_factory=list)
    completed_run_ids: list[str] = field(default_factory=list)
    active_run_id: str | None = None


#: Variables a fixture knows how to fill, by kind of object (case-insensitive names).
_THREAD_VARIABLES = frozenset({"thread", "threadid", "run", "runid", "message", "messageid", "step", "stepid"})


class _Fixtures:
    """Makes the objects one example mentions, through the cmdlets, in its runspace and emulator."""

    def __init__(self, runspace: Runspace, emulator: Emulator) -> None:
        self.runspace = runspace
        self.emulator = emulator
        self.mapping: dict[str, str] = {}
        self.assistant_ids: list[str] = []
        self.files = FileFixtures(self.one, self.call)
        self.chat = ChatFixtures(self.one, self.call)
        self.threads: list[_MadeThread] = []

    # -- running cmdlets --------------------------------------------------------------------------
    def call(self, command: str, **params: Any) -> list[Any]:
        """One cmdlet with named parameters; any error record is a FixtureError."""
        arguments = [CommandArgument.named(name, value) for name, value in params.items()]
        try:
            output = run_pipeline(self.runspace, [CommandCall(command, arguments)], NO_INPUT)
        except PSError as error:
            raise FixtureError(f"{command}: {error.error_record.fully_qualified_error_id}: {error}") from error
        if self.runspace.streams.error:
            record = self.runspace.streams.error[0]
            raise FixtureError(f"{command}: {record.fully_qualified_error_id}: {record.message}")
        return output

    def one(self, command: str, **params: Any) -> PSObject:
        output = self.call(command, **params)
        if len(output) != 1 or not isinstance(output[0], PSObject):
            raise FixtureError(f"{command} returned {len(output)} objects where one was expected")
        return output[0]

    # -- objects ------------------------------------------------------------------------------------
    def assistant(self, index: int = 0) -> str:
        while len(self.assistant_ids) <= index:
            number = len(self.assistant_ids) + 1
            made = self.one("New-Assistant", Model=_MODEL, Name=f"psbridge check {number}", Instructions="Be brief.")
            self.assistant_ids.append(str(made["id"]))
        return self.assistant_ids[index]

    def thread(self, index: int = 0) -> _MadeThread:
        while len(self.threads) <= index:
            made = _MadeThread(str(self.one("New-Thread")["id"]))
            self.call("Add-ThreadMessage", ThreadId=made.id, Message=_USER_TEXT)
            self.threads.append(made)
            self.completed_run(made)
        return self.threads[index]

    def completed_run(self, thread: _MadeThread) -> str:
        """Start a run and finish it at once, reply message and run step included."""
        if thread.active_run_id is not None:
            raise FixtureError("cannot finish another run while the thread has an active one")
        run_id = str(self.one("Start-ThreadRun", ThreadId=thread.id, Assistant=self.assistant())["id"])
        try:
            self.emulator.advance(run_id, to="completed")
        except (KeyError, ValueError) as error:
            raise FixtureError(f"the emulator could not complete run {run_id}: {error}") from error
        thread.completed_run_ids.append(run_id)
        thread.message_ids = [m["id"] for m in self.emulator.store.thread_messages(thread.id)]
        return run_id

    def active_run(self, thread: _MadeThread) -> str:
        """A run left ``queued``: it moves only when the example polls it."""
        if thread.active_run_id is None:
            run = self.one("Start-ThreadRun", ThreadId=thread.id, Assistant=self.assistant())
            thread.active_run_id = str(run["id"])
        return thread.active_run_id

    def message(self, thread: _MadeThread, index: int) -> str:
        while len(thread.message_ids) <= index:
            self.call("Add-ThreadMessage", ThreadId=thread.id, Message=f"{_USER_TEXT} ({index + 1})")
            thread.message_ids = [m["id"] for m in self.emulator.store.thread_messages(thread.id)]
        return thread.message_ids[index]

    def step(self, thread: _MadeThread, index: int) -> str:
        while len(thread.completed_run_ids) <= index:
            self.completed_run(thread)
        steps = self.emulator.store.run_steps(thread.completed_run_ids[index])
        if not steps:
            raise FixtureError("a completed run has no run step")
        return str(steps[0]["id"])

    # -- one example's plan ------------------------------------------------------------------------
    def map_literals(self, literals: dict[str, list[str]], variables: Iterable[str]) -> None:
        """Real ids for the literals.

        Every example gets an assistant (runs need one).  Messages, runs and
        steps belong to the first thread.  The first run literal names the
        queued run -- unless a step literal is there too: then it names the
        finished run, the one that has steps.  Finished runs are made before
        the queued one, since a thread with an active run takes no new run.
        """
        wanted = {v.casefold() for v in variables}
        self.assistant()
        for index, literal in enumerate(literals["asst"]):
            self.mapping[literal] = self.assistant(index)
        for index, literal in enumerate(literals["thread"]):
            self.mapping[literal] = self.thread(index).id
        self.files.map_literals(literals, self.mapping)
        self.chat.map_literals(literals, self.mapping)
        if not any(literals[kind] for kind in _THREAD_KINDS) and not wanted & _THREAD_VARIABLES:
            return
        thread = self.thread()
        run_literals = list(literals["run"])
        queued_literal = run_literals.pop(0) if run_literals and not literals["step"] else None
        for index, literal in enumerate(literals["step"]):
            self.mapping[literal] = self.step(thread, index)
        for index, literal in enumerate(run_literals):
            while len(thread.completed_run_ids) <= index:
                self.completed_run(thread)
            self.mapping[literal] = thread.completed_run_ids[index]
        for index, literal in enumerate(literals["msg"]):
            self.mapping[literal] = self.message(thread, index)
        if queued_literal is not None:
            self.mapping[queued_literal] = self.active_run(thread)
        if wanted & {"run", "runid"}:
            self.active_run(thread)

    def variable_value(self, name: str) -> Any:
        """What a user's session would hold in ``$name``; None when the name means nothing here."""
        folded = name.casefold()
        if folded in ("metadata", "meta"):
            return Hashtable(_METADATA)
        if folded in FILE_VARIABLES:
            return self.files.variable_value(folded)
        if folded in ("assistant", "assistantid"):
            assistant_id = self.assistant()
            return assistant_id if folded.endswith("id") else self.one("Get-Assistant", AssistantId=assistant_id)
        if folded not in _THREAD_VARIABLES:
            return None
        thread = self.thread()
        if folded.startswith("thread"):
            return thread.id if folded.endswith("id") else self.one("Get-Thread", ThreadId=thread.id)
        if folded.startswith("run"):
            run_id = self.active_run(thread)
            return run_id if folded.endswith("id") else self.one("Get-ThreadRun", ThreadId=thread.id, RunId=run_id)
        if folded.startswith("message"):
            message_id = self.message(thread, 0)
            if folded.endswith("id"):
                return message_id
            return self.one("Get-ThreadMessage", ThreadId=thread.id, MessageId=message_id)
        step_id = self.step(thread, 0)
        if folded.endswith("id"):
            return step_id
        run_id = thread.completed_run_ids[0]
        return self.one("Get-ThreadRunStep", ThreadId=thread.id, RunId=run_id, StepId=step_id)

    def bind_variables(self, names: Iterable[str]) -> list[str]:
        """Set each variable in the runspace; return warnings for names left unset."""
        warnings = []
        for name in names:
            value = self.variable_value(name)
            if value is None:
                warnings.append(f"${name} is read but never assigned; left unset (no fixture for it)")
                continue
            self.runspace.set_variable(name, value)
            self.mapping[f"${name}"] = _describe(value)
        return warnings


def _substitute(code: str, mapping: dict[str, str]) -> str:
    return _ID_LITERAL.sub(lambda match: mapping.get(match.group(0), match.group(0)), code)


def _describe(value: Any) -> str:
    if isinstance(value, str):
        return value
    name = dotnet_type_name(value)
    if isinstance(value, PSObject) and "id" in value:
        return f"{name} {value['id']}"
    return name


def _output_note(output: list[Any], assigned: dict[str, Any]) -> str:
    """``2 PSOpenAI.Thread.Message`` or ``no output``, plus what the example assigned."""
    counts = Counter(dotnet_type_name(value) for value in output)
    parts = [", ".join(f"{n} {name}" for name, n in counts.items())] if counts else ["no output"]
    for name, value in assigned.items():
        parts.append(f"${name} = {'$null' if value is None else dotnet_type_name(value)}")
    return "; ".join(parts)


# ---------------------------------------------------------------------------------------- running


def written_on_purpose(record: ErrorRecord, doc: str) -> bool:
    """An error Write-Error's own examples write: writing it is what they demonstrate (its
    CategoryInfo's activity is Write-Error), not something psbridge failed at."""
    return doc.casefold() == "write-error" and getattr(record, "activity", None) == "Write-Error"


_FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)


def shown_in_doc(record: ErrorRecord, text: str) -> bool:
    """Whether the example's documented output shows this error: the docs demonstrate some errors.

    The output must show an error line as pwsh or Windows PowerShell prints it -- prefixed with
    the command (``Rename-Item : ...``, ``Rename-Item: ...``), or, where pwsh's concise view
    has no command to name, with ``Exception`` or the category -- and name the record's error
    id, its category or the start of its message.  An error in another version's wording that
    agrees on none of them is still a finding.
    """
    prefixes = [name for name in (record.display_activity, "Exception", record.category) if name]
    shown = "\n".join(_FENCE.findall(text))
    alternatives = "|".join(re.escape(name) for name in prefixes)
    if not re.search(rf"^\s*(?:{alternatives})\s?:", shown, re.MULTILINE | re.IGNORECASE):
        return False
    message = record.message.strip().splitlines()[0][:40] if record.message.strip() else None
    clues = [record.error_id, f"{record.category}:", message]
    return any(clue and clue.casefold() in shown.casefold() for clue in clues)


def _classify(records: list[ErrorRecord], documented: str = "") -> tuple[Status, ErrorRecord | None]:
    """Binding errors are PowerShell rejecting the doc; anything else is a failure of ours and wins.

    An error the documented output shows is what the example demonstrates, not a finding.
    """
    records = [r for r in records if not shown_in_doc(r, documented)]
    others = [r for r in records if not isinstance(r.exception, ParameterBindingError)]
    if others:
        return "failed", others[0]
    if records:
        return "doc-defect", records[0]
    return "ok", None


def _internal_error(error: Exception) -> tuple[str, str]:
    """An exception that is not an error record is a bug: name it and say where it was raised."""
    frame = traceback.extract_tb(error.__traceback__)[-1]
    where = f"{Path(frame.filename).name}:{frame.lineno}"
    return f"InternalError,{type(error).__name__}", f"{type(error).__name__}: {error} (at {where})"


def _run_in(emulator: Emulator, key: str, example: Example, result: ExampleResult, folder: Path) -> None:
    runspace = Runspace({"OPENAI_API_KEY": key, "OPENAI_API_BASE": emulator.base_url})
    runspace.native_commands = False  # an example's programs (curl, git ...) are not run
    runspace.host = console_for(example.code)
    fixtures = _Fixtures(runspace, emulator)
    code_folded = example.code.casefold()
    fixtures.files.batch_files = "start-batch" in code_folded  # its files are batch input
    fixtures.files.container_files = any(
        name in code_folded for name in ("get-containerfile", "remove-containerfile")
    )  # Get-ContainerFileContent too
    variables = scan_variables(example.code)
    ground = Ground()
    try:
        fixtures.map_literals(find_id_literals(example.code), variables.unassigned)
        result.warnings.extend(fixtures.bind_variables(variables.unassigned))
        code = map_windows_paths(_substitute(example.code, fixtures.mapping), folder, fixtures.mapping, ground)
        code = map_endpoints(code, emulator.base_url, key, fixtures.mapping)
    except FixtureError as error:
        result.status, result.error_id, result.message = "failed", "FixtureSetupFailed", str(error)
    except Exception as error:
        result.status = "failed"
        result.error_id, result.message = _internal_error(error)
    result.mapping = dict(fixtures.mapping)
    if result.status == "failed":
        return
    start = _start_location(example.code, folder)
    lay_out_relative(code, start, FIXTURE_TEXT.encode("utf-8"), ground)
    runspace.location.path = str(start)
    runspace.streams.clear()
    runspace.error_list.clear()
    before = emulator.request_count
    output: list[Any] = []
    try:
        output = run_tree(runspace, parse(code, prompts=True))
    except PSError as error:  # statement errors are reported, not raised, unless $ErrorActionPreference is Stop
        runspace.streams.add_error(error.error_record)
    except Exception as error:
        result.status = "failed"
        result.error_id, result.message = _internal_error(error)
    result.requests = emulator.request_count - before
    result.warnings.extend(runspace.streams.warning)
    result.output = _output_note(output, {name: runspace.get_variable(name)[1] for name in variables.assigned})
    if result.status != "failed":
        errors = [r for r in runspace.streams.error if not written_on_purpose(r, result.doc)]
        result.warnings.extend(
            f"failed as the doc shows: {r.fully_qualified_error_id}" for r in errors if shown_in_doc(r, example.text)
        )
        result.status, record = _classify(errors, example.text)
        if record is not None:
            result.error_id, result.message = record.fully_qualified_error_id, record.message


def _start_location(code: str, folder: Path) -> Path:
    """Where the example starts: its first prompt's folder (``PS C:\\temp>``), else ``C:\\``, both under
    ``folder``, so relative paths land where the Windows paths do and never beside the checker."""
    start = folder / "C"
    place = prompt_location(code)
    if place is not None:
        prompt = folder.joinpath(place[0].upper(), *[part for part in place[2:].split("\\") if part])
        start = prompt if not prompt.exists() or prompt.is_dir() else start
    start.mkdir(parents=True, exist_ok=True)
    return start


def check_example(doc: str, example: Example, *, path: str = "") -> ExampleResult:
    """Run one example against its own fresh emulator and classify what happened.

    The emulator insists on a generated key, and the runspace's
    ``$global:OPENAI_API_KEY`` / ``OPENAI_API_BASE`` carry it, so nothing reads
    or changes the process environment and nothing can reach a real API.
    """
    result = ExampleResult(doc=doc, title=example.title, line=example.line, status="ok", code=example.code, path=path)
    example = Example(example.title, commands_of(example.code), example.text, example.line)
    try:
        parse(example.code, prompts=True)
    except ParseError as error:
        result.status, result.error_id, result.message = "doc-defect", error.fully_qualified_error_id, str(error)
        return result
    key = "sk-psbridge-check-" + secrets.token_hex(12)
    lifecycle = Lifecycle(mode="polls", polls_per_step=_POLLS_PER_STEP)
    with (
        tempfile.TemporaryDirectory(prefix="psbridge-check-") as folder,
        Emulator(api_key=key, lifecycle=lifecycle, poll_after_ms=0, count_tokens=count_for_model) as emulator,
    ):
        _run_in(emulator, key, example, result, Path(folder))
    return result


def check_docs(docs_dir: str | Path | None = None) -> CheckReport:
    """Check every example of every doc in the folder whose cmdlet psbridge implements.

    Subfolders are not searched: ``cmdlet-docs/all`` holds the whole module's
    docs, most of them for cmdlets psbridge does not have.
    """
    folder = Path(docs_dir) if docs_dir is not None else default_docs_dir()
    if not folder.is_dir():
        raise FileNotFoundError(f"no such docs folder: {folder}")
    started = time.monotonic()
    implemented = {name.casefold() for name in registered_cmdlets()}
    report = CheckReport(results=[])
    for path in sorted(folder.glob("*.md")):
        parsed = parse_markdown(path.read_text(encoding="utf-8"), path=path.name)
        if not parsed.name or not parsed.syntax:
            report.skipped[path.name] = "not a cmdlet doc"
            continue
        if parsed.name.casefold() not in implemented:
            report.skipped[path.name] = f"{parsed.name} is not implemented"
            continue
        report.docs.append(parsed.name)
        for example in parsed.examples:
            report.results.append(check_example(parsed.name, example, path=str(path)))
    report.seconds = time.monotonic() - started
    return report
