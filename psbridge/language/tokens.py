"""Tokens: what the tokenizer hands the parser, with PowerShell's token kinds and their traits.

The kinds, their numbers and their traits (binary precedence, unary,
assignment, keyword, ...) are PowerShell's (``TokenKind``/``TokenTraits``), so
the parser's decisions read like Parser.cs.  A token keeps offsets into the
script; its text is sliced on demand.  Kinds that carry more (a parameter's
name and colon, a number's value, a string's value and the variables and
subexpressions it expands) are subclasses, as in PowerShell.
"""

from __future__ import annotations

import enum
from typing import Any

__all__ = [
    "BINARY_PRECEDENCE",
    "KIND_TEXT",
    "LabelToken",
    "NumberToken",
    "ParameterToken",
    "RedirectionToken",
    "StringExpandableToken",
    "StringToken",
    "Token",
    "TokenFlags",
    "TokenKind",
    "UnscannedSubExprToken",
    "VariableToken",
    "has_trait",
]


class TokenKind(enum.IntEnum):
    """PowerShell's token kinds, with PowerShell's names and numbers."""

    Unknown = 0
    Variable = 1
    SplattedVariable = 2
    Parameter = 3
    Number = 4
    Label = 5
    Identifier = 6
    Generic = 7
    NewLine = 8
    LineContinuation = 9
    Comment = 10
    EndOfInput = 11
    StringLiteral = 12
    StringExpandable = 13
    HereStringLiteral = 14
    HereStringExpandable = 15
    LParen = 16
    RParen = 17
    LCurly = 18
    RCurly = 19
    LBracket = 20
    RBracket = 21
    AtParen = 22
    AtCurly = 23
    DollarParen = 24
    Semi = 25
    AndAnd = 26
    OrOr = 27
    Ampersand = 28
    Pipe = 29
    Comma = 30
    MinusMinus = 31
    PlusPlus = 32
    DotDot = 33
    ColonColon = 34
    Dot = 35
    Exclaim = 36
    Multiply = 37
    Divide = 38
    Rem = 39
    Plus = 40
    Minus = 41
    Equals = 42
    PlusEquals = 43
    MinusEquals = 44
    MultiplyEquals = 45
    DivideEquals = 46
    RemainderEquals = 47
    Redirection = 48
    RedirectInStd = 49
    Format = 50
    Not = 51
    Bnot = 52
    And = 53
    Or = 54
    Xor = 55
    Band = 56
    Bor = 57
    Bxor = 58
    Join = 59
    Ieq = 60
    Ine = 61
    Ige = 62
    Igt = 63
    Ilt = 64
    Ile = 65
    Ilike = 66
    Inotlike = 67
    Imatch = 68
    Inotmatch = 69
    Ireplace = 70
    Icontains = 71
    Inotcontains = 72
    Iin = 73
    Inotin = 74
    Isplit = 75
    Ceq = 76
    Cne = 77
    Cge = 78
    Cgt = 79
    Clt = 80
    Cle = 81
    Clike = 82
    Cnotlike = 83
    Cmatch = 84
    Cnotmatch = 85
    Creplace = 86
    Ccontains = 87
    Cnotcontains = 88
    Cin = 89
    Cnotin = 90
    Csplit = 91
    Is = 92
    IsNot = 93
    As = 94
    PostfixPlusPlus = 95
    PostfixMinusMinus = 96
    Shl = 97
    Shr = 98
    Colon = 99
    QuestionMark = 100
    QuestionQuestionEquals = 101
    QuestionQuestion = 102
    QuestionDot = 103
    QuestionLBracket = 104
    Begin = 119
    Break = 120
    Catch = 121
    Class = 122
    Continue = 123
    Data = 124
    Define = 125
    Do = 126
    Dynamicparam = 127
    Else = 128
    ElseIf = 129
    End = 130
    Exit = 131
    Filter = 132
    Finally = 133
    For = 134
    Foreach = 135
    From = 136
    Function = 137
    If = 138
    In = 139
    Param = 140
    Process = 141
    Return = 142
    Switch = 143
    Throw = 144
    Trap = 145
    Try = 146
    Until = 147
    Using = 148
    Var = 149
    While = 150
    Workflow = 151
    Parallel = 152
    Sequence = 153
    InlineScript = 154
    Configuration = 155
    DynamicKeyword = 156
    Public = 157
    Private = 158
    Static = 159
    Interface = 160
    Enum = 161
    Namespace = 162
    Module = 163
    Type = 164
    Assembly = 165
    Command = 166
    Hidden = 167
    Base = 168
    Default = 169
    Clean = 170


class TokenFlags(enum.IntFlag):
    """The static traits of a kind that the parser asks about (a subset of PowerShell's TokenFlags)."""

    NONE = 0
    BinaryOperator = 0x100
    UnaryOperator = 0x200
    CaseSensitiveOperator = 0x400
    TernaryOperator = 0x800
    SpecialOperator = 0x1000
    AssignmentOperator = 0x2000
    ParseModeInvariant = 0x8000
    PrefixOrPostfixOperator = 0x40000
    Keyword = 0x10
    ScriptBlockBlockName = 0x20
    StatementDoesntSupportAttributes = 0x1000000


_TRAIT_CODES = {
    "B": TokenFlags.BinaryOperator,
    "U": TokenFlags.UnaryOperator,
    "C": TokenFlags.CaseSensitiveOperator,
    "T": TokenFlags.TernaryOperator,
    "O": TokenFlags.SpecialOperator,
    "A": TokenFlags.AssignmentOperator,
    "I": TokenFlags.ParseModeInvariant,
    "P": TokenFlags.PrefixOrPostfixOperator,
    "K": TokenFlags.Keyword,
    "N": TokenFlags.ScriptBlockBlockName,
    "S": TokenFlags.StatementDoesntSupportAttributes,
}

# kind: (text, traits as letters of _TRAIT_CODES, binary precedence); PowerShell's TokenTraits tables.
_KIND_TABLE: dict[TokenKind, tuple[str, str, int]] = {
    TokenKind.Unknown: ("unknown", "", 0),
    TokenKind.Variable: ("var", "", 0),
    TokenKind.SplattedVariable: ("@var", "", 0),
    TokenKind.Parameter: ("param", "", 0),
    TokenKind.Number: ("number", "", 0),
    TokenKind.Label: ("label", "", 0),
    TokenKind.Identifier: ("ident", "", 0),
    TokenKind.Generic: ("generic", "", 0),
    TokenKind.NewLine: ("newline", "I", 0),
    TokenKind.LineContinuation: ("line continuation", "I", 0),
    TokenKind.Comment: ("comment", "I", 0),
    TokenKind.EndOfInput: ("eof", "I", 0),
    TokenKind.StringLiteral: ("sqstr", "I", 0),
    TokenKind.StringExpandable: ("dqstr", "I", 0),
    TokenKind.HereStringLiteral: ("sq here string", "I", 0),
    TokenKind.HereStringExpandable: ("dq here string", "I", 0),
    TokenKind.LParen: ("(", "I", 0),
    TokenKind.RParen: (")", "I", 0),
    TokenKind.LCurly: ("{", "I", 0),
    TokenKind.RCurly: ("}", "I", 0),
    TokenKind.LBracket: ("[", "", 0),
    TokenKind.RBracket: ("]", "I", 0),
    TokenKind.AtParen: ("@(", "I", 0),
    TokenKind.AtCurly: ("@{", "I", 0),
    TokenKind.DollarParen: ("$(", "I", 0),
    TokenKind.Semi: (";", "I", 0),
    TokenKind.AndAnd: ("&&", "I", 0),
    TokenKind.OrOr: ("||", "I", 0),
    TokenKind.Ampersand: ("&", "OI", 0),
    TokenKind.Pipe: ("|", "OI", 0),
    TokenKind.Comma: (",", "UI", 0),
    TokenKind.MinusMinus: ("--", "UP", 0),
    TokenKind.PlusPlus: ("++", "UP", 0),
    TokenKind.DotDot: ("..", "B", 13),
    TokenKind.ColonColon: ("::", "O", 0),
    TokenKind.Dot: (".", "O", 0),
    TokenKind.Exclaim: ("!", "U", 0),
    TokenKind.Multiply: ("*", "B", 10),
    TokenKind.Divide: ("/", "B", 10),
    TokenKind.Rem: ("%", "B", 10),
    TokenKind.Plus: ("+", "BU", 9),
    TokenKind.Minus: ("-", "BU", 9),
    TokenKind.Equals: ("=", "A", 0),
    TokenKind.PlusEquals: ("+=", "A", 0),
    TokenKind.MinusEquals: ("-=", "A", 0),
    TokenKind.MultiplyEquals: ("*=", "A", 0),
    TokenKind.DivideEquals: ("/=", "A", 0),
    TokenKind.RemainderEquals: ("%=", "A", 0),
    TokenKind.Redirection: ("redirection", "", 0),
    TokenKind.RedirectInStd: ("<", "I", 0),
    TokenKind.Format: ("-f", "B", 12),
    TokenKind.Not: ("-not", "U", 0),
    TokenKind.Bnot: ("-bnot", "U", 0),
    TokenKind.And: ("-and", "B", 1),
    TokenKind.Or: ("-or", "B", 1),
    TokenKind.Xor: ("-xor", "B", 1),
    TokenKind.Band: ("-band", "B", 2),
    TokenKind.Bor: ("-bor", "B", 2),
    TokenKind.Bxor: ("-bxor", "B", 2),
    TokenKind.Join: ("-join", "BU", 5),
    TokenKind.Ieq: ("-eq", "B", 5),
    TokenKind.Ine: ("-ne", "B", 5),
    TokenKind.Ige: ("-ge", "B", 5),
    TokenKind.Igt: ("-gt", "B", 5),
    TokenKind.Ilt: ("-lt", "B", 5),
    TokenKind.Ile: ("-le", "B", 5),
    TokenKind.Ilike: ("-ilike", "B", 5),
    TokenKind.Inotlike: ("-inotlike", "B", 5),
    TokenKind.Imatch: ("-imatch", "B", 5),
    TokenKind.Inotmatch: ("-inotmatch", "B", 5),
    TokenKind.Ireplace: ("-ireplace", "B", 5),
    TokenKind.Icontains: ("-icontains", "B", 5),
    TokenKind.Inotcontains: ("-inotcontains", "B", 5),
    TokenKind.Iin: ("-iin", "B", 5),
    TokenKind.Inotin: ("-inotin", "B", 5),
    TokenKind.Isplit: ("-isplit", "BU", 5),
    TokenKind.Ceq: ("-ceq", "BC", 5),
    TokenKind.Cne: ("-cne", "BC", 5),
    TokenKind.Cge: ("-cge", "BC", 5),
    TokenKind.Cgt: ("-cgt", "BC", 5),
    TokenKind.Clt: ("-clt", "BC", 5),
    TokenKind.Cle: ("-cle", "BC", 5),
    TokenKind.Clike: ("-clike", "BC", 5),
    TokenKind.Cnotlike: ("-cnotlike", "BC", 5),
    TokenKind.Cmatch: ("-cmatch", "BC", 5),
    TokenKind.Cnotmatch: ("-cnotmatch", "BC", 5),
    TokenKind.Creplace: ("-creplace", "BC", 5),
    TokenKind.Ccontains: ("-ccontains", "BC", 5),
    TokenKind.Cnotcontains: ("-cnotcontains", "BC", 5),
    TokenKind.Cin: ("-cin", "BC", 5),
    TokenKind.Cnotin: ("-cnotin", "BC", 5),
    TokenKind.Csplit: ("-csplit", "BUC", 5),
    TokenKind.Is: ("-is", "B", 5),
    TokenKind.IsNot: ("-isnot", "B", 5),
    TokenKind.As: ("-as", "B", 5),
    TokenKind.PostfixPlusPlus: ("++", "UP", 0),
    TokenKind.PostfixMinusMinus: ("--", "UP", 0),
    TokenKind.Shl: ("-shl", "B", 5),
    TokenKind.Shr: ("-shr", "B", 5),
    TokenKind.Colon: (":", "O", 0),
    TokenKind.QuestionMark: ("?", "T", 0),
    TokenKind.QuestionQuestionEquals: ("??=", "A", 0),
    TokenKind.QuestionQuestion: ("??", "B", 7),
    TokenKind.QuestionDot: ("?.", "O", 0),
    TokenKind.QuestionLBracket: ("?[", "", 0),
    TokenKind.Begin: ("begin", "KN", 0),
    TokenKind.Break: ("break", "KS", 0),
    TokenKind.Catch: ("catch", "K", 0),
    TokenKind.Class: ("class", "K", 0),
    TokenKind.Continue: ("continue", "KS", 0),
    TokenKind.Data: ("data", "KS", 0),
    TokenKind.Define: ("define", "KS", 0),
    TokenKind.Do: ("do", "KS", 0),
    TokenKind.Dynamicparam: ("dynamicparam", "KN", 0),
    TokenKind.Else: ("else", "K", 0),
    TokenKind.ElseIf: ("elseif", "K", 0),
    TokenKind.End: ("end", "KN", 0),
    TokenKind.Exit: ("exit", "KS", 0),
    TokenKind.Filter: ("filter", "KS", 0),
    TokenKind.Finally: ("finally", "K", 0),
    TokenKind.For: ("for", "KS", 0),
    TokenKind.Foreach: ("foreach", "KS", 0),
    TokenKind.From: ("from", "KS", 0),
    TokenKind.Function: ("function", "KS", 0),
    TokenKind.If: ("if", "KS", 0),
    TokenKind.In: ("in", "K", 0),
    TokenKind.Param: ("param", "K", 0),
    TokenKind.Process: ("process", "KN", 0),
    TokenKind.Return: ("return", "KS", 0),
    TokenKind.Switch: ("switch", "KS", 0),
    TokenKind.Throw: ("throw", "KS", 0),
    TokenKind.Trap: ("trap", "KS", 0),
    TokenKind.Try: ("try", "KS", 0),
    TokenKind.Until: ("until", "K", 0),
    TokenKind.Using: ("using", "KS", 0),
    TokenKind.Var: ("var", "KS", 0),
    TokenKind.While: ("while", "KS", 0),
    TokenKind.Workflow: ("workflow", "KS", 0),
    TokenKind.Parallel: ("parallel", "KS", 0),
    TokenKind.Sequence: ("sequence", "KS", 0),
    TokenKind.InlineScript: ("inlinescript", "KS", 0),
    TokenKind.Configuration: ("configuration", "K", 0),
    TokenKind.DynamicKeyword: ("<dynamic keyword>", "K", 0),
    TokenKind.Public: ("public", "K", 0),
    TokenKind.Private: ("private", "K", 0),
    TokenKind.Static: ("static", "K", 0),
    TokenKind.Interface: ("interface", "K", 0),
    TokenKind.Enum: ("enum", "K", 0),
    TokenKind.Namespace: ("namespace", "K", 0),
    TokenKind.Module: ("module", "K", 0),
    TokenKind.Type: ("type", "K", 0),
    TokenKind.Assembly: ("assembly", "K", 0),
    TokenKind.Command: ("command", "K", 0),
    TokenKind.Hidden: ("hidden", "K", 0),
    TokenKind.Base: ("base", "K", 0),
    TokenKind.Default: ("default", "K", 0),
    TokenKind.Clean: ("clean", "KN", 0),
}

_SIZE = max(_KIND_TABLE) + 1
#: ``TRAITS[kind]``: the kind's TokenFlags as an int (fast to test in the parser's loops).
TRAITS: list[int] = [0] * _SIZE
#: ``BINARY_PRECEDENCE[kind]``: 1 (-and) .. 13 (..); 0 for kinds that are not binary operators.
BINARY_PRECEDENCE: list[int] = [0] * _SIZE
#: ``KIND_TEXT[kind]``: the text PowerShell gives the kind in messages (``TokenKind.Text()``).
KIND_TEXT: list[str] = [""] * _SIZE
for _kind, (_text, _codes, _precedence) in _KIND_TABLE.items():
    _flags = 0
    for _code in _codes:
        _flags |= _TRAIT_CODES[_code]
    TRAITS[_kind] = int(_flags)
    BINARY_PRECEDENCE[_kind] = _precedence
    KIND_TEXT[_kind] = _text


def has_trait(kind: int, flag: int) -> bool:
    return bool(TRAITS[kind] & flag)


class Token:
    """One token: its kind and where it is (``start``/``end`` offsets into ``script``)."""

    __slots__ = ("end", "kind", "script", "start", "value")

    value: Any

    def __init__(self, kind: TokenKind, start: int, end: int, script: str) -> None:
        self.kind = kind
        self.start = start
        self.end = end
        self.script = script
        self.value = None

    @property
    def text(self) -> str:
        """The token as typed."""
        return self.script[self.start : self.end]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.kind.name}, {self.text!r}, {self.start}..{self.end})"


class NumberToken(Token):
    __slots__ = ()

    def __init__(self, start: int, end: int, script: str, value: Any) -> None:
        self.kind = TokenKind.Number
        self.start = start
        self.end = end
        self.script = script
        self.value = value


class ParameterToken(Token):
    """``-Name`` or ``-Name:`` (``used_colon``); ``parameter_name`` is without the dash and colon."""

    __slots__ = ("parameter_name", "used_colon")

    def __init__(self, start: int, end: int, script: str, name: str, used_colon: bool) -> None:
        self.kind = TokenKind.Parameter
        self.start = start
        self.end = end
        self.script = script
        self.parameter_name = name
        self.used_colon = used_colon
        self.value = name


class VariableToken(Token):
    """``$name``, ``${name}`` or ``@name``; ``name`` is the variable path as written, braces removed."""

    __slots__ = ("name",)

    def __init__(self, kind: TokenKind, start: int, end: int, script: str, name: str) -> None:
        self.kind = kind
        self.start = start
        self.end = end
        self.script = script
        self.name = name
        self.value = name


class StringToken(Token):
    """A string literal, here-string or bare word: ``value`` has quotes and escapes processed."""

    __slots__ = ()

    def __init__(self, kind: TokenKind, start: int, end: int, script: str, value: str) -> None:
        self.kind = kind
        self.start = start
        self.end = end
        self.script = script
        self.value = value


class StringExpandableToken(StringToken):
    """A double-quoted string (or a bare word with ``$`` in it) and what it expands.

    ``nested_tokens`` are the variables (VariableToken) and subexpressions
    (UnscannedSubExprToken) in order; ``format_string`` is the value with each
    replaced by ``{n}`` and literal braces doubled, as PowerShell builds it.
    """

    __slots__ = ("format_string", "nested_tokens")

    def __init__(
        self,
        kind: TokenKind,
        start: int,
        end: int,
        script: str,
        value: str,
        format_string: str,
        nested_tokens: list[Token] | None,
    ) -> None:
        self.kind = kind
        self.start = start
        self.end = end
        self.script = script
        self.value = value
        self.format_string = format_string
        self.nested_tokens = nested_tokens


class UnscannedSubExprToken(Token):
    """``$( ... )`` inside a string, scanned later by the parser.

    ``skipped`` lists the offsets of characters the string's scan dropped
    (the first quote of a doubled ``""``), so the nested scan reads what
    PowerShell reads and still reports positions in the original text.
    """

    __slots__ = ("skipped",)

    def __init__(self, start: int, end: int, script: str, skipped: list[int]) -> None:
        self.kind = TokenKind.Unknown
        self.start = start
        self.end = end
        self.script = script
        self.value = None
        self.skipped = skipped


class LabelToken(Token):
    """``:name`` before a loop or switch."""

    __slots__ = ("label_text",)

    def __init__(self, start: int, end: int, script: str, label: str) -> None:
        self.kind = TokenKind.Label
        self.start = start
        self.end = end
        self.script = script
        self.label_text = label
        self.value = label


class RedirectionToken(Token):
    """``>``, ``2>>``, ``*>&1``, ``<`` ...: the stream redirected and to what.

    Streams are numbered as RedirectionStream: 0 all (``*``), 1 output, 2
    error, 3 warning, 4 verbose, 5 debug, 6 information.  A merging
    redirection has ``to_stream``; a file redirection has ``append``.
    """

    __slots__ = ("append", "from_stream", "to_stream")

    def __init__(
        self, kind: TokenKind, start: int, end: int, script: str, from_stream: int, to_stream: int | None, append: bool
    ) -> None:
        self.kind = kind
        self.start = start
        self.end = end
        self.script = script
        self.from_stream = from_stream
        self.to_stream = to_stream
        self.append = append
        self.value = None
