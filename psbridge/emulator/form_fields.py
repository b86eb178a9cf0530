"""A multipart form read as the JSON body its operation's schema describes.

Form fields are text; the schema says what each one is.  ``n=2`` becomes the
integer 2, ``stream=true`` the Boolean, ``chunking_strategy={"type": ...}`` the
object, and a field sent several times (``timestamp_granularities[]=word`` and
``...=segment``; the ``[]`` is optional) an array, so one schema checks a form
and a JSON body alike.  A field that does not convert is the API's 400 for its
type; a field the schema does not know is ``unknown_parameter``.  File parts
come back apart, by field name, in the order sent.
"""

from __future__ import annotations

import json
from typing import Any

from .errors import ApiError
from .multipart import Form, Part
from .schema import AnyOf, Array, Boolean, Integer, Number, Object, Schema
from .store import JSON

__all__ = ["form_body"]


def _kinds(schema: Schema) -> list[Schema]:
    """The concrete schemas a property may take (``anyOf`` branches flattened)."""
    if isinstance(schema, AnyOf):
        return [kind for option in schema.options for kind in _kinds(option)]
    return [schema]


def _convert(text: str, schema: Schema, name: str) -> Any:
    kinds = _kinds(schema)
    for kind in kinds:
        if isinstance(kind, Boolean) and text.lower() in ("true", "false"):
            return text.lower() == "true"
        if isinstance(kind, Integer):
            try:
                return int(text)
            except ValueError:
                pass
        if isinstance(kind, Number):
            try:
                return float(text)
            except ValueError:
                pass
        if isinstance(kind, Object) and text.lstrip().startswith("{"):
            try:
                return json.loads(text)
            except ValueError:
                pass
    return text  # the schema's check then says what was expected


def form_body(form: Form, schema: Object, file_fields: tuple[str, ...]) -> tuple[JSON, dict[str, list[Part]]]:
    """(body, files): the form's text fields converted for ``schema``, its files by field name."""
    body: JSON = {}
    files: dict[str, list[Part]] = {}
    for part in form.parts:
        name = part.name.removesuffix("[]")
        if name in file_fields:
            files.setdefault(name, []).append(part)
            continue
        schema_of = schema.properties.get(name)
        if schema_of is None:
            raise ApiError(400, f"Unknown parameter: '{part.name}'.", param=part.name, code="unknown_parameter")
        arrays = [kind for kind in _kinds(schema_of) if isinstance(kind, Array)]
        if arrays:
            body.setdefault(name, []).append(_convert(part.text, arrays[0].items, name))
        elif name in body:
            raise ApiError(400, f"Duplicate parameter: '{name}'.", param=name, code="invalid_value")
        else:
            body[name] = _convert(part.text, schema_of, name)
    return body, files
