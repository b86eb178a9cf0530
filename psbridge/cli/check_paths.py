"""``specs check``: what each path an example names must be before it runs.

A doc's example runs on its author's machine, where ``C:\\Windows`` is a folder,
``C:\\test.txt`` a file to move, and ``E:\\Temp\\tst.txt`` (the destination of
that move) not there yet.  :func:`path_roles` reads the example's tokens and
says, for each argument, which of these it is, so the checker lays out the same
ground in the example's own temporary folder:

* ``file``: a file the example reads (a fixture waits there);
* ``folder``: a folder it reads or moves into (made, empty);
* ``target``: something the example creates -- New-Item's paths, a
  ``-Destination``/``-NewName`` that names a file, what a writer (Set-Content,
  Out-File ...) writes: only its parent folder is made, since New-Item and
  friends refuse to overwrite;
* ``pattern``: a wildcard path: the folder up to the first wildcard is made.

The rules are the doc authors' conventions, not PowerShell's: a last part with
no extension names a folder, one with an extension a file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from ..language import TokenKind, parse_input
from ..language.tokens import ParameterToken, Token

__all__ = ["Ground", "Role", "default_role", "lay_out", "lay_out_relative", "path_roles"]

Role = Literal["file", "folder", "target", "pattern"]

#: Aliases the docs use for the commands below (pwsh's built-in aliases).
_ALIASES = {
    "cd": "set-location", "chdir": "set-location", "sl": "set-location",
    "pushd": "push-location", "ni": "new-item", "md": "new-item", "mkdir": "new-item",
    "cp": "copy-item", "copy": "copy-item", "cpi": "copy-item",
    "mv": "move-item", "move": "move-item", "mi": "move-item",
    "ren": "rename-item", "rni": "rename-item",
    "sc": "set-content", "ac": "add-content",
}  # fmt: skip
#: Commands whose path arguments the example creates.
_CREATORS = frozenset({"new-item", "set-content", "add-content", "out-file", "export-csv", "tee-object"})
#: Commands whose path argument is a folder to go to.
_LOCATIONS = frozenset({"set-location", "push-location"})
#: Parameters that name where something goes (created by the command).
_DESTINATIONS = frozenset({"destination", "newname", "outfile"})
#: Switch parameters the docs put before a positional path (they take no argument).
_SWITCHES = frozenset({"recurse", "force", "passthru", "container"})
_WILDCARDS = frozenset("*?[")
#: Cmdlets whose path arguments name the author's own files and folders (relative ones get laid out too).
_PATH_COMMANDS = frozenset({
    "get-content", "get-item", "get-childitem", "resolve-path", "convert-path", "copy-item", "move-item",
    "rename-item", "remove-item", "clear-content", "get-filehash", "import-csv", "select-string",
    "set-location", "push-location", *_CREATORS,
})  # fmt: skip
#: Tokens after which a new command starts.
_COMMAND_STARTS = frozenset({
    TokenKind.NewLine, TokenKind.Semi, TokenKind.Pipe, TokenKind.LCurly, TokenKind.LParen,
    TokenKind.DollarParen, TokenKind.AtParen, TokenKind.AndAnd, TokenKind.OrOr, TokenKind.Equals,
    TokenKind.PlusEquals, TokenKind.QuestionQuestionEquals,
})  # fmt: skip


def _role(command: str, parameter: str | None, position: int, text: str) -> Role:
    last = text.rstrip("\\/").replace("/", "\\").rsplit("\\", 1)[-1]
    has_extension = "." in last.lstrip(".")
    if parameter != "literalpath" and any(char in _WILDCARDS for char in text):
        return "pattern"
    if command in _LOCATIONS:
        return "folder"
    destination = parameter in _DESTINATIONS or (
        parameter is None and position == 1 and command in ("copy-item", "move-item")
    )
    if command in _CREATORS and not destination and (parameter is None or parameter in ("path", "filepath", "name")):
        return "target"
    if destination:
        return "target" if has_extension else "folder"
    return "file" if has_extension else "folder"


def path_roles(code: str) -> dict[int, tuple[int, Role]]:
    """The role of each command argument, with the offset where its token ends, by where it starts."""
    return {start: (end, role) for start, (end, role, _command, _text) in _arguments(code).items()}


def default_role(text: str) -> Role:
    """The role of a path met outside any command's arguments (in a prompt, a hashtable ...)."""
    return _role("", None, 0, text)


def _arguments(code: str) -> dict[int, tuple[int, Role, str, str]]:
    """Each command argument's end, role, command and text, by the offset where its token starts.

    Code that does not parse still has its tokens read: its parse error is the finding, and
    nothing runs.
    """
    tokens: list[Token] = []
    parse_input(code, tokens=tokens, prompts=True)
    roles: dict[int, tuple[int, Role, str, str]] = {}
    command: str | None = None
    parameter: str | None = None
    position = 0
    for token in tokens:
        kind = token.kind
        if kind in _COMMAND_STARTS:
            command, parameter, position = None, None, 0
            continue
        if kind in (TokenKind.Comment, TokenKind.LineContinuation):
            continue
        if command is None:
            command = _command_name(token)
            continue
        if isinstance(token, ParameterToken):
            name = token.text.lstrip("-").rstrip(":").casefold()
            parameter = None if name in _SWITCHES else name
            continue
        text = _argument_text(token)
        if text is not None:
            roles[token.start] = (token.end, _role(command, parameter, position, text), command, text)
        if parameter is None:
            position += 1
        parameter = None
    return roles


def _command_name(token: Token) -> str:
    name = token.text.casefold()
    return _ALIASES.get(name, name)


def _argument_text(token: Token) -> str | None:
    """The path an argument token spells (quotes removed), or None for anything else."""
    if token.kind not in (TokenKind.Generic, TokenKind.StringLiteral, TokenKind.StringExpandable, TokenKind.Identifier):
        return None
    text = token.text
    if text[:1] in "'\"" and text[-1:] == text[:1] and len(text) > 1:
        text = text[1:-1]
    return text


def lay_out(target: Path, role: Role, content: bytes) -> None:
    """Make ``target`` what its role says it is on the author's machine (nothing already there is touched)."""
    if role == "pattern":  # the folder up to the first wildcard (a mapped path may stop before it)
        parts = target.parts
        fixed = next((i for i, part in enumerate(parts) if any(char in _WILDCARDS for char in part)), len(parts))
        folder = Path(*parts[:fixed])
        if not folder.exists():
            folder.mkdir(parents=True)
    elif role == "folder":
        if not target.exists():
            target.mkdir(parents=True)
    elif role == "target":
        target.parent.mkdir(parents=True, exist_ok=True)
    elif not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


class Ground:
    """What one example's paths were laid out as: the first mention of a path says what it is,
    and nothing is laid out at or under a path the example itself creates (New-Item's folder,
    then a file New-Item puts in it)."""

    def __init__(self) -> None:
        self.laid: set[Path] = set()
        self.created: set[Path] = set()

    def lay(self, path: Path, role: Role, content: bytes) -> None:
        if path in self.laid or any(p in self.created for p in (path, *path.parents)):
            return
        self.laid.add(path)
        if role == "target":
            self.created.add(path)
        lay_out(path, role, content)


def lay_out_relative(code: str, start: Path, content: bytes, ground: Ground | None = None) -> None:
    """Lay out the relative paths the example's path cmdlets name (``.\\Notice.txt``), from ``start``.

    Test-Path is left out: what it is asked about is the question, not the ground.  Nothing is
    made above ``start``.
    """
    ground = ground if ground is not None else Ground()
    for _end, role, command, text in _arguments(code).values():
        if command not in _PATH_COMMANDS or not text or text[0] in "$/~\\-@(" or ":" in text:
            continue
        parts = [part for part in text.replace("\\", "/").split("/") if part not in ("", ".")]
        if parts and ".." not in parts:
            ground.lay(start.joinpath(*parts), role, content if role == "file" else b"")
