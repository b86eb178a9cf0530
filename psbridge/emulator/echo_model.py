"""The emulator's model: deterministic answers that tests and ported scripts can predict.

Chat completions, responses and legacy completions all answer through
:func:`answer`, so the same conversation gets the same reply on every
endpoint.  The rules, as users of the emulator rely on them:

* **Text.**  The reply is ``Echo: <text of the last user message>``; when tool
  results follow that message, one line per result is appended:
  ``Tool output (<function name>): <output>``.
* **Function calls.**  When the request offers function tools, ``tool_choice``
  is not ``none`` and the conversation does not already end with tool
  results, the model calls exactly one function instead of answering: the one
  ``tool_choice`` names, else the first whose name appears in the last user
  message (case-insensitive), else the first offered.  Its arguments are the
  first JSON object written in the last user message (``{"city": "Paris"}``),
  else values made from the function's parameter schema (see
  :func:`instance`): every required property, and every property when the
  schema is strict.
* **Structured output.**  A ``json_schema`` format makes the reply a JSON
  instance of the schema (strings carry the echo text); ``json_object`` makes
  it ``{"echo": "<text>"}``.
* **Limits.**  The reply is cut to the token limit (max_tokens,
  max_completion_tokens, max_output_tokens); tokens are the word-sized
  pieces that streams deliver; a cut reply ends with ``length``.
* **Markers** in the last user message: ``[refuse]`` makes the model refuse
  (a refusal instead of content).

Token counts in ``usage`` are word counts (the emulator ships no tokenizer).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Generator, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from .sse import text_chunks

JSON = dict[str, Any]

REFUSE_MARKER = "[refuse]"
REFUSAL_TEXT = "I'm sorry, but I can't help with that request."
STRING_PLACEHOLDER = "echo"


@dataclass(frozen=True)
class ToolCall:
    """One function call of the model: ``id`` is the model's own (a backend's), or None for
    the endpoint to make one."""

    id: str | None
    name: str
    arguments: str  # JSON text


@dataclass(frozen=True)
class Turn:
    """One entry of a conversation as the model sees it.

    ``role`` ``tool`` is a tool result: ``tool_name`` names the function,
    ``call_id`` the call it answers (when the conversation says).  An
    ``assistant`` turn carries the function ``calls`` it made, so a model
    behind ``--backend`` sees each result beside the call it answers.
    """

    role: str
    text: str
    tool_name: str | None = None
    calls: tuple[ToolCall, ...] = ()
    call_id: str | None = None


@dataclass(frozen=True)
class Function:
    name: str
    parameters: JSON = field(default_factory=dict)
    strict: bool = False


@dataclass
class Answer:
    """What the model produced: text (or a refusal), and/or function calls.

    The echo model makes one call and no text with it; a backend's answer
    keeps every call it made (parallel function calling) and any text beside them.
    """

    text: str | None = None
    refusal: str | None = None
    calls: list[ToolCall] = field(default_factory=list)
    finish_reason: str = "stop"
    prompt_tokens: int = 0
    completion_tokens: int = 0

    @property
    def tokens(self) -> list[str]:
        return text_chunks(self.text) if self.text else []


class ModelAnswer(Protocol):
    """What chat completions, responses and completions ask for an answer: :func:`answer`, or
    the model behind ``--backend`` (:class:`.backend_model.BackendModel`)."""

    def __call__(
        self,
        turns: list[Turn],
        *,
        functions: Iterable[Function] = (),
        tool_choice: Any = None,
        output_format: OutputFormat = ...,
        max_tokens: int | None = None,
        model: str | None = None,
    ) -> Answer: ...


ModelStream = Callable[..., Generator[JSON, None, None]]
"""A model that streams (the backend's; the echo model's streams are made from its
:class:`Answer`), called as a :class:`ModelAnswer` is: ``chat.completion.chunk`` dicts as
they arrive.  A failure is an :class:`.errors.ApiError`: before the first chunk, the
endpoint's error; after it, the end of the stream."""


def count_tokens(text: str) -> int:
    return len(text.split())


def last_user_text(turns: list[Turn]) -> str:
    return next((turn.text for turn in reversed(turns) if turn.role == "user"), "")


def _tool_results(turns: list[Turn]) -> list[Turn]:
    """Tool results after the last user message."""
    results: list[Turn] = []
    for turn in reversed(turns):
        if turn.role == "user":
            break
        if turn.role == "tool":
            results.append(turn)
    return list(reversed(results))


def _choose_function(functions: list[Function], tool_choice: Any, prompt: str) -> Function | None:
    if not functions or tool_choice == "none":
        return None
    if isinstance(tool_choice, dict):
        wanted = tool_choice.get("name") or (tool_choice.get("function") or {}).get("name")
        if wanted:
            return next((f for f in functions if f.name == wanted), Function(str(wanted)))
    lowered = prompt.casefold()
    return next((f for f in functions if f.name.casefold() in lowered), functions[0])


_JSON_OBJECT = re.compile(r"\{.*\}", re.DOTALL)


def _written_arguments(prompt: str) -> JSON | None:
    match = _JSON_OBJECT.search(prompt)
    if match is None:
        return None
    try:
        value = json.loads(match.group(0))
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _first_type(schema: JSON) -> str | None:
    kind = schema.get("type")
    if isinstance(kind, list):
        return next((k for k in kind if k != "null"), None)
    if isinstance(kind, str):
        return kind
    for key in ("anyOf", "oneOf"):
        for option in schema.get(key) or []:
            if isinstance(option, dict) and _first_type(option) not in (None, "null"):
                return _first_type(option)
    if "properties" in schema:
        return "object"
    return None


_FORMATS = {
    "date-time": "2024-01-01T00:00:00Z",
    "date": "2024-01-01",
    "uri": "https://example.com/",
    "uuid": "00000000-0000-0000-0000-000000000000",
}


def instance(
    schema: Any, text: str = STRING_PLACEHOLDER, *, everything: bool = False, depth: int = 0, root: Any = None
) -> Any:
    """A value that satisfies a JSON schema, made the same way every time.

    enum -> its first value; string -> ``text`` (or a fixed value for a known
    format, or the example its description gives: ``For example, "2018-11-13T08:20:39"``);
    integer/number -> the minimum, else 1; boolean -> true; array -> one item (or
    ``minItems`` items); object -> its required properties (all of them with
    ``everything``, as strict schemas require); ``$ref`` -> the definition it names
    (``#/definitions/X``, ``#/$defs/X``); ``anyOf``/``oneOf`` -> the first option that is
    not null.
    """
    if root is None:
        root = schema
    if not isinstance(schema, dict) or depth > 16:
        return text
    reference = schema.get("$ref")
    if isinstance(reference, str):
        return instance(_resolve(root, reference), text, everything=everything, depth=depth + 1, root=root)
    if "const" in schema:
        return schema["const"]
    if schema.get("enum"):
        return schema["enum"][0]
    if "type" not in schema:
        for key in ("anyOf", "oneOf"):
            choices = [o for o in schema.get(key) or [] if isinstance(o, dict)]
            options = [o for o in choices if o.get("type") != "null"]
            if depth > 8 and len(options) < len(choices):
                return None  # a type that contains itself ends in null, not at the depth limit
            if options:
                return instance(options[0], text, everything=everything, depth=depth + 1, root=root)
    kind = _first_type(schema)
    if kind == "string":
        example = _EXAMPLE.search(str(schema.get("description") or ""))
        if example is not None:
            return example.group(1)
        return _FORMATS.get(str(schema.get("format")), text)
    if kind in ("integer", "number"):
        low = schema.get("minimum")
        value = low if isinstance(low, int | float) else 1
        return int(value) if kind == "integer" else float(value)
    if kind == "boolean":
        return True
    if kind == "array":
        count = max(1, int(schema.get("minItems") or 1))
        item = schema.get("items")
        return [instance(item, text, everything=everything, depth=depth + 1, root=root) for _ in range(count)]
    if kind == "object":
        properties = schema.get("properties") or {}
        wanted = list(properties) if everything else list(schema.get("required") or [])
        return {
            name: instance(properties.get(name, {}), text, everything=everything, depth=depth + 1, root=root)
            for name in wanted
        }
    if kind == "null":
        return None
    return text


_EXAMPLE = re.compile(r'For example, "([^"]+)"')


def _resolve(root: Any, reference: str) -> Any:
    """A local JSON pointer (``#/definitions/Step``) into the schema; {} when it names nothing."""
    if not reference.startswith("#"):
        return {}
    node = root
    for part in reference[1:].split("/"):
        if not part:
            continue
        part = part.replace("~1", "/").replace("~0", "~")
        if not isinstance(node, dict) or part not in node:
            return {}
        node = node[part]
    return node


def _cut(text: str, limit: int | None) -> tuple[str, bool]:
    if limit is None or limit < 0:
        return text, False
    tokens = text_chunks(text)
    if len(tokens) <= limit:
        return text, False
    return "".join(tokens[:limit]), True


@dataclass(frozen=True)
class OutputFormat:
    """The requested shape of the reply: ``text``, ``json_object`` or ``json_schema`` (with its schema)."""

    kind: str = "text"
    schema: JSON | None = None

    def apply(self, reply: str) -> str:
        if self.kind == "json_object":
            return json.dumps({"echo": reply})
        if self.kind == "json_schema":
            return json.dumps(instance(self.schema or {}, reply, everything=True))
        return reply


def answer(
    turns: list[Turn],
    *,
    functions: Iterable[Function] = (),
    tool_choice: Any = None,
    output_format: OutputFormat = OutputFormat(),
    max_tokens: int | None = None,
    model: str | None = None,
) -> Answer:
    """The model's answer to a conversation (see the module docstring for the rules).

    ``model`` (the name the client asked for) means nothing to the echo model; the
    model behind ``--backend`` (:mod:`.backend_model`) takes the same arguments.
    """
    prompt = last_user_text(turns)
    prompt_tokens = sum(count_tokens(turn.text) for turn in turns)
    results = _tool_results(turns)
    if REFUSE_MARKER in prompt:
        return Answer(refusal=REFUSAL_TEXT, prompt_tokens=prompt_tokens, completion_tokens=count_tokens(REFUSAL_TEXT))
    function = None if results else _choose_function(list(functions), tool_choice, prompt)
    if function is not None:
        arguments = _written_arguments(prompt)
        if arguments is None:
            arguments = instance(function.parameters or {"type": "object"}, everything=function.strict)
        text = json.dumps(arguments)
        return Answer(
            calls=[ToolCall(None, function.name, text)],
            finish_reason="tool_calls",
            prompt_tokens=prompt_tokens,
            completion_tokens=count_tokens(text),
        )
    reply = f"Echo: {prompt}" if prompt else "Echo:"
    for result in results:
        reply += f"\nTool output ({result.tool_name}): {result.text}"
    reply = output_format.apply(reply)
    reply, cut = _cut(reply, max_tokens)
    return Answer(
        text=reply,
        finish_reason="length" if cut else "stop",
        prompt_tokens=prompt_tokens,
        completion_tokens=count_tokens(reply),
    )
