"""Select-String: the lines of piped text or of files that match a pattern, as MatchInfo objects.

As SelectStringCommand: patterns are .NET regular expressions (case-insensitive unless
-CaseSensitive) or, with -SimpleMatch, plain text; -NotMatch selects the lines that match
none; -AllMatches keeps every match of a line; -Context n[,m] records the lines around each
match; -Raw writes the matching lines as strings, -Quiet a boolean (True at the first match;
for files False when none matched), -List only each file's first match.  Piped objects become
text by the language's conversion, numbered by their position in the input; a MatchInfo
piped in is filtered on its line and keeps its numbering.  Files are read with -Encoding
(UTF-8 by default, a byte-order mark wins); -Path takes wildcards, -LiteralPath does not.
Nothing is written anywhere.
"""

from __future__ import annotations

import os
from collections import deque
from typing import Any

from ...conversion.netenums import RegexOptions
from ...conversion.regex import Regex, RegexParseError
from ...errors import ErrorCategory, PSError
from ...objects.encoding import DEFAULT_ENCODING
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from ..common.errors import CmdletError
from ..common.files import read_text
from ..common.paths import resolve_existing
from ..common.semantics import to_string, wildcard_regex
from .match_info import INPUT_STREAM, MatchInfo, MatchInfoContext

__all__ = ["SelectString"]


class _ContextTracker:
    """Holds matches until their after-context is read (or the input ends), then releases them
    with their context: the lines around each (PreContext/PostContext) and the ones its text
    shows (DisplayPreContext/DisplayPostContext: no line shown twice, a later match ends them)."""

    def __init__(self, before: int, after: int) -> None:
        self.before, self.after = before, after
        self.recent: deque[list[Any]] = deque(maxlen=max(before, 1))  # [line, already shown]
        self.pending: list[tuple[MatchInfo, list[bool]]] = []  # (match, [display still open])
        self.ready: list[MatchInfo] = []

    def track_match(self, match: MatchInfo) -> None:
        self._follow(match.Line, is_match=True)
        if self.before or self.after:
            window = list(self.recent)[-self.before :] if self.before else []
            match.Context = MatchInfoContext(
                PreContext=[line for line, _shown in window],
                DisplayPreContext=[line for line, shown in window if not shown],
            )
        self.recent.append([match.Line, True])
        self.pending.append((match, [True]))
        self._release()

    def track_line(self, line: str) -> None:
        entry = [line, self._follow(line, is_match=False)]
        self.recent.append(entry)
        self._release()

    def _follow(self, line: str, *, is_match: bool) -> bool:
        """The line as after-context of the matches waiting for it; whether one shows it."""
        shown = False
        for match, display_open in self.pending:
            context = match.Context
            if context is None:
                continue
            context.PostContext.append(line)
            if is_match:
                display_open[0] = False
            elif display_open[0]:
                context.DisplayPostContext.append(line)
                shown = True
        return shown

    def _release(self) -> None:
        while self.pending:
            match = self.pending[0][0]
            if match.Context is not None and len(match.Context.PostContext) < self.after:
                break
            self.ready.append(self.pending.pop(0)[0])

    def end(self) -> None:
        self.ready.extend(match for match, _open in self.pending)
        self.pending = []

    def take(self) -> list[MatchInfo]:
        ready, self.ready = self.ready, []
        return ready


@register_cmdlet
class SelectString(Cmdlet):
    name = "Select-String"

    def begin(self) -> None:
        params = self.params
        if params.is_bound("Culture") and not params.SimpleMatch:
            self.throw_terminating_error(CmdletError(
                "You must specify -Culture parameter only with -SimpleMatch parameter.",
                error_id="CannotSpecifyCultureWithoutSimpleMatch", category=ErrorCategory.InvalidData,
                exception_type="System.InvalidOperationException",
            ))  # fmt: skip
        self.patterns = [to_string(p) for p in params.Pattern]
        self.case_sensitive = bool(params.CaseSensitive)
        self.regexes: list[Regex] = []
        if not params.SimpleMatch:
            options = 0 if self.case_sensitive else int(RegexOptions.IgnoreCase)
            for pattern in self.patterns:
                try:
                    self.regexes.append(Regex(pattern, options))
                except RegexParseError as error:
                    self.throw_terminating_error(CmdletError(
                        f"The string {pattern} is not a valid regular expression: {error}",
                        error_id="InvalidRegex", category=ErrorCategory.InvalidArgument,
                        exception_type="System.ArgumentException", target_object=pattern,
                    ))  # fmt: skip
        context = list(params.Context) if params.is_bound("Context") and params.Context else [0]
        self.before = int(context[0])
        self.after = int(context[1]) if len(context) > 1 else self.before
        if params.Raw:
            self.before = self.after = 0
        self.tracker = _ContextTracker(self.before, self.after)
        self.record = 0
        self.done = False
        self.location = self.runspace.location.path
        self.includes = [wildcard_regex(p) for p in params.Include or []] if params.is_bound("Include") else []
        self.excludes = [wildcard_regex(p) for p in params.Exclude or []] if params.is_bound("Exclude") else []

    # -- matching --------------------------------------------------------------------------------------
    def _match(self, line: str, path: str, number: int) -> MatchInfo | None:
        params = self.params
        found: list[Any] = []
        pattern = self.patterns[0]
        if params.SimpleMatch:
            folded = line if self.case_sensitive else line.casefold()
            for candidate in self.patterns:
                if (candidate if self.case_sensitive else candidate.casefold()) in folded:
                    pattern, found = candidate, [candidate]
                    break
        else:
            for candidate, regex in zip(self.patterns, self.regexes, strict=True):
                matches = regex.matches(line) if params.AllMatches else [regex.match(line)]
                matches = [m for m in matches if m.Success]
                if matches:
                    pattern, found = candidate, matches
                    break
        if bool(found) == bool(params.NotMatch):
            return None
        return MatchInfo(
            IgnoreCase=not self.case_sensitive, LineNumber=number, Line=line,
            Filename=os.path.basename(path) if path != INPUT_STREAM else INPUT_STREAM, Path=path,
            Pattern=pattern, Context=None, Matches=[] if params.NotMatch else found, _directory=self.location,
        )  # fmt: skip

    # -- input ---------------------------------------------------------------------------------------------
    def process(self) -> None:
        if self.done:
            return
        params = self.params
        if params.parameter_set_name in ("Object", "ObjectRaw"):
            self._process_object(params.InputObject)
            return
        literal = params.parameter_set_name.startswith("Literal")
        paths = params.LiteralPath if literal else params.Path
        for given in paths or []:
            try:
                resolved = resolve_existing(self.runspace, to_string(given), literal)
            except PSError as error:
                self.write_error(error)
                continue
            for path in resolved:
                if os.path.isdir(path) or not self._included(path):
                    continue
                if self._process_file(path) and params.Quiet:
                    return
        if params.Quiet:
            self.write_output(None if params.List else False)

    def _included(self, path: str) -> bool:
        name = os.path.basename(path)
        if self.includes and not any(p.match(name) for p in self.includes):
            return False
        return not any(p.match(name) for p in self.excludes)

    def _process_object(self, value: Any) -> None:
        self.record += 1
        if isinstance(value, MatchInfo):
            line, number, path = value.Line, value.LineNumber, value.Path
        else:
            line, number, path = to_string(value), self.record, INPUT_STREAM
        result = self._match(line, path, number)
        if result is None:
            self.tracker.track_line(line)
        else:
            self.tracker.track_match(result)
        if self._flush(self.tracker) and self.params.Quiet:
            self.done = True

    def _process_file(self, path: str) -> bool:
        params = self.params
        try:
            text = read_text(path, params.Encoding or DEFAULT_ENCODING)
        except OSError as error:
            self.write_error(CmdletError(
                f"The file {path} cannot be read: {error.strerror}", error_id="ProcessingFile",
                category=ErrorCategory.ReadError, exception_type="System.IO.IOException", target_object=path,
            ))  # fmt: skip
            return False
        tracker = _ContextTracker(self.before, self.after)
        found = False
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        for number, line in enumerate(lines, start=1):
            line = line.removesuffix("\r")
            result = self._match(line, path, number)
            if result is None:
                tracker.track_line(line)
            else:
                tracker.track_match(result)
            if tracker.ready or (tracker.pending and (params.Quiet or params.List)):
                found = True
                if params.Quiet or params.List:
                    break
                self._flush(tracker)
        tracker.end()
        return self._flush(tracker) or found

    def _flush(self, tracker: _ContextTracker) -> bool:
        ready = tracker.take()
        if not ready:
            return False
        params = self.params
        if params.Raw:
            for match in ready:
                self.write_output(match.Line)
        elif params.Quiet and not params.List:
            self.write_output(True)
        elif params.List:
            self.write_output(ready[0])
        else:
            for match in ready:
                self.write_output(match)
        return True

    def end(self) -> None:
        self.tracker.end()
        if not self.done:
            self._flush(self.tracker)
