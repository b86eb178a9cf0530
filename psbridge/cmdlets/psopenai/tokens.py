"""ConvertTo-Token and ConvertFrom-Token: text to token ids and back, offline (see :mod:`._tokens`).

ConvertTo-Token writes one array of ids per input text (as a single object, so
``'a', 'b' | ConvertTo-Token`` gives two arrays).  ConvertFrom-Token decodes
each array it receives; single ids piped one by one (``(15335, 26354) |
ConvertFrom-Token``) are collected and decoded together at the end, so a
character split over several tokens comes out whole; -AsArray writes each
token's own text instead.
"""

from __future__ import annotations

from ...runtime import Cmdlet, SkipInput, register_cmdlet
from ._errors import ArgumentError
from ._tokens import decode, encode, encoding_for_model

__all__ = ["ConvertFromToken", "ConvertToToken"]

_BAD_MODEL = "The model name not specifed properly."


class _TokenCmdlet(Cmdlet):
    encoding: str | None = None

    def begin(self) -> None:
        p = self.params
        if p.parameter_set_name.casefold() == "model":
            model = str(p.Model or "")
            self.encoding = encoding_for_model(model) if model.strip() else None
            if self.encoding is None:
                self.write_error(ArgumentError(_BAD_MODEL))  # PSOpenAI: non-terminating, then no output
        else:
            self.encoding = str(p.Encoding)

    def _decode(self, tokens: list[int]) -> str:
        assert self.encoding is not None
        try:
            return decode(tokens, self.encoding)
        except KeyError as error:
            raise ArgumentError(str(error.args[0]) if error.args else "Unknown token id.") from None


@register_cmdlet
class ConvertToToken(_TokenCmdlet):
    name = "ConvertTo-Token"

    def process(self) -> None:
        if self.encoding is None:
            raise SkipInput()
        self.write_output(encode(str(self.params.Text or ""), self.encoding))


@register_cmdlet
class ConvertFromToken(_TokenCmdlet):
    name = "ConvertFrom-Token"

    def begin(self) -> None:
        super().begin()
        self.pending: list[int] = []

    def process(self) -> None:
        if self.encoding is None:
            raise SkipInput()
        tokens = [int(token) for token in self.params.Token or []]
        if self.params.AsArray:
            for token in tokens:
                self.write_output(self._decode([token]))
        elif not tokens:
            self.write_output("")
        elif len(tokens) == 1:
            self.pending.append(tokens[0])
        else:
            self.pending.clear()
            self.write_output(self._decode(tokens))

    def end(self) -> None:
        if self.pending and self.encoding is not None:
            try:
                self.write_output(self._decode(self.pending))
            except ArgumentError as error:
                self.write_error(error)
