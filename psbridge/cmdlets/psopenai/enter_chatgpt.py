"""Enter-ChatGPT: a conversation with the model on the console, one streamed answer per question.

As PSOpenAI's function does (Public/Enter-ChatGPT.ps1): a header (unless -NoHeader), then turn
after turn a ``User:>>>`` line, the question read from the host line by line until an empty line
follows an empty line (Enter twice), an ``Assistant:>>>`` line and the answer written to the
host piece by piece as the stream delivers it, then a blank line.  Each question and its answer
join the history the next turn is sent with.  Lines starting with ``#`` are commands (the rest of
the line trimmed, any case): ``#end`` and ``#exit`` end the session, ``#send`` sends what was
typed so far, ``#model <name>`` switches the model of the turns that follow.  Everything goes to
the host (Write-Host's information records); nothing is written to the output.

The lines come from the host as Read-Host reads them: typed at a terminal, or from a pipe or a
file (echoed, as pwsh echoes redirected input).  Without a host (psbridge's Python API) the first
read is Read-Host's HostFunctionNotImplemented error.  A failed turn (a wrong key, a 5xx after
-MaxRetryCount retries) is its error record; the session goes on with the next question.

Where psbridge departs from PSOpenAI (its bugs, not copied):

* the end of input ends the session (what was typed before it is sent first); PSOpenAI reads
  ``$null`` lines forever, calling methods on them and sending empty questions;
* -SystemMessage is the first message of every request; PSOpenAI sends it after the history
  (Request-ChatGPT's order: history, system message, question), so from the second turn on the
  model sees it in the middle of the conversation;
* a failed turn is not kept in the history (PSOpenAI keeps the question with an empty answer,
  which every later request then carries);
* a question that is empty (Enter twice, or ``#send``, before any text) is not sent: reading
  goes on (PSOpenAI sends it, which fails Request-ChatGPT's validation on every such turn);
* ``#model <name>`` takes the word after ``model`` (PSOpenAI takes the line's second
  space-separated word: ``# model x`` switches to ``model``, ``#model  x`` to nothing);
* the labels are plain text and the answer ends with newlines only: psbridge's host is not a
  virtual terminal (pwsh's plain-text rendering drops ``$PSStyle``'s sequences the same way), and
  PSOpenAI's ``"`r`n"`` is a Windows line end.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...errors import PSError, halted
from ...objects import OrderedDictionary, to_ps_string
from ...runtime import register_cmdlet
from ..utility.write_host import write_host
from ._base import ApiCmdlet
from ._bodies import plain
from ._chat import json_ready, text_messages
from ._streaming import stream_events

__all__ = ["EnterChatGPT", "UserPrompt"]

#: The header's lettering ("ChatGPT"), between two rules of slashes.
_BANNER = r"""   ________          __  __________ ______
  / ____/ /_  ____ _/ /_/ ____/ __ /_  __/
 / /   / __ \/ __ `/ __/ / __/ /_/ // /
/ /___/ / / / /_/ / /_/ /_/ / ____// /
\____/_/ /_/\__,_/\__/\____/_/    /_/
"""
#: The parameters sent with every turn (Request-ChatGPT's fields, in its order).
_FIELDS = (
    ("Temperature", "temperature"),
    ("TopP", "top_p"),
    ("StopSequence", "stop"),
    ("MaxCompletionTokens", "max_completion_tokens"),
    ("PresencePenalty", "presence_penalty"),
    ("FrequencyPenalty", "frequency_penalty"),
)
_END_COMMANDS = ("end", "exit")


class UserPrompt:
    """The user's side of the session: questions read line by line, and the ``#`` commands.

    ``read_line`` gives one line, None at the end of input; ``say`` writes a line to the host.
    """

    def __init__(self, read_line: Callable[[], str | None], say: Callable[[str], None], model: str) -> None:
        self.read_line = read_line
        self.say = say
        self.model = model
        #: Set by ``#end``/``#exit`` or the end of input: no question follows.
        self.ended = False

    def next_question(self) -> str | None:
        """The next question to send (its lines joined, trimmed), or None when the session ends."""
        lines: list[str] = []
        after_empty = False
        while True:
            line = self.read_line()
            if line is None:  # the end of input: what was typed is the last question
                self.ended = True
                break
            if after_empty and not line:
                if "".join(lines).strip():
                    break
                lines.clear()  # Enter twice before any text: nothing to send, go on reading
                continue
            after_empty = not line
            if line.startswith("#"):
                command = line[1:].strip()
                word = command.casefold()
                if word in _END_COMMANDS:
                    self.ended = True
                    return None
                if word == "send":
                    if "".join(lines).strip():
                        break
                    continue
                if word.startswith("model ") and command[5:].split():
                    self.model = command[5:].split()[0]
                    self.say(f">AI model is switched to {self.model}")
                    continue
            lines.append(line)
        question = "\n".join(lines).strip()
        return question or None


@register_cmdlet
class EnterChatGPT(ApiCmdlet):
    name = "Enter-ChatGPT"

    def process(self) -> None:
        p = self.params
        if not p.NoHeader:
            self._header()
        system = text_messages("system", [p.SystemMessage])
        history: list[OrderedDictionary] = []
        # A blank -Model is Request-ChatGPT's default, as the source's IsNullOrWhiteSpace test leaves it.
        model = to_ps_string(p.Model).strip() or self.command.by_name["model"].default_value
        prompt = UserPrompt(self._read_line, self._say, model)
        while not prompt.ended:
            self._say("User:>>>")
            question = prompt.next_question()
            if question is None:
                return
            self._say("Assistant:>>>")
            turn = [*history, OrderedDictionary(role="user", content=question)]
            answer = self._ask(prompt.model, [*system, *turn])
            self._say("\n")
            if answer is not None:
                history = [*turn, OrderedDictionary(role="assistant", content=answer)]

    # -- the host ------------------------------------------------------------------------
    def _say(self, text: str, *, no_newline: bool = False) -> None:
        write_host(self, text, no_newline=no_newline)

    def _header(self) -> None:
        """Two rules of slashes (46 wide, narrower on a narrow console) around the lettering."""
        width = max(0, min(46, getattr(self.runspace.host, "width", 120) - 4))
        rule = "/" * width
        self._say(rule)
        self._say(_BANNER)
        self._say(rule)
        self._say("")

    def _read_line(self) -> str | None:
        """One line as Read-Host reads it; without a host, Read-Host's own error ends the session."""
        host = self.runspace.host
        if host is None:
            from ...binding import compile_command
            from ..utility.read_host import ReadHost

            error = ReadHost.not_interactive(False)
            error.error_record.command_name = compile_command(ReadHost.name).qualifier
            self.throw_terminating_error(error)
            return None
        return host.read_line(None)

    # -- the request ---------------------------------------------------------------------
    def _ask(self, model: str, messages: list[OrderedDictionary]) -> str | None:
        """Stream one answer to the host; the answer's text, or None when the turn failed (its
        error record written, -ErrorAction honoured)."""
        from .request_chat_completion import chat_segments

        p = self.params
        body: dict[str, Any] = {}
        if not self.settings.is_azure:
            body["model"] = model
        for parameter, field in _FIELDS:
            if p.is_bound(parameter):
                body[field] = plain(p.get(parameter))
        body["stream"] = True
        body["messages"] = json_ready(messages)
        pieces: list[str] = []
        try:
            for _, event in stream_events(self, "POST", chat_segments(self, model), body=body):
                choices = event.get("choices") if isinstance(event, dict) else None
                if not choices or not isinstance(choices[0], dict):
                    continue
                content = (choices[0].get("delta") or {}).get("content")
                if isinstance(content, str):
                    pieces.append(content)
                    self._say(content, no_newline=True)
        except PSError as error:
            if halted(error) or getattr(error, "_psbridge_terminating", False):
                raise
            self.write_error(error)
            return None
        except Exception as failure:  # an answer we cannot digest: the turn's InvalidResponseError
            converted = self.unexpected_error(failure)
            if converted is None:
                raise
            self.write_error(converted)
            return None
        return "".join(pieces)
