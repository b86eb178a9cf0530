"""Test-Json: whether a string (or a file) is one JSON document, and valid against a JSON Schema.

TestJsonCommand parses with System.Text.Json, which is strict: no comments, trailing commas,
``NaN`` or single quotes unless -Options IgnoreComments / AllowTrailingCommas allow the first two;
64 levels at most.  A schema (-Schema text, -SchemaFile) is JsonSchema.Net's: draft 2020-12 unless
its ``$schema`` names another draft; ``$ref`` reaches other files (relative to the schema file)
and http(s) URIs.  Each failed assertion is one InvalidJsonAgainstSchemaDetailed error, in the
words of JsonSchema.Net's messages and at the instance location it failed at (``/hobbies/0``);
only the leaf assertions speak (``properties`` or ``items`` failing because a child failed adds
nothing), as pwsh's hierarchical output walk reports them.

Validation is done by the ``jsonschema`` package (loaded only when a schema is given): it
implements every draft's vocabulary, ``$ref``/``$dynamicRef`` resolution and the
``unevaluated*`` keywords that a hand-written validator would get wrong; this module only
words its errors as JsonSchema.Net does.
"""

from __future__ import annotations

import json
import os
import urllib.parse
from collections.abc import Iterator
from typing import Any

from ...errors import ErrorCategory
from ...objects import to_ps_string
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from ..common.errors import CmdletError
from ..common.files import read_text
from ..common.paths import item_not_found, resolve_literal, resolve_write_target

__all__ = ["TestJson", "parse_strict_json", "schema_errors"]

#: JsonDocumentOptions.MaxDepth 0 means 64.
MAX_DEPTH = 64


class JsonTextError(ValueError):
    """The text is not one JSON document as System.Text.Json reads it."""


def _strip_extensions(text: str, comments: bool, trailing_commas: bool) -> str:
    """``text`` with its comments (when allowed) and trailing commas (when allowed) blanked out,
    checking the nesting depth on the way; what is not allowed is left for the parser to refuse."""
    out: list[str] = []
    depth = 0
    index = 0
    length = len(text)
    last_significant = ""
    pending_comma: int | None = None  # index in ``out`` of a comma that may be trailing
    while index < length:
        char = text[index]
        if char == '"':
            end = index + 1
            while end < length and text[end] != '"':
                end += 2 if text[end] == "\\" else 1
            out.append(text[index : end + 1])
            index = end + 1
            last_significant = '"'
            pending_comma = None
            continue
        if comments and char == "/" and text.startswith("//", index):
            newline = text.find("\n", index)
            index = length if newline < 0 else newline
            continue
        if comments and char == "/" and text.startswith("/*", index):
            close = text.find("*/", index + 2)
            if close < 0:
                raise JsonTextError("unterminated comment")
            out.append(" ")
            index = close + 2
            continue
        if char in " \t\r\n":
            out.append(char)
            index += 1
            continue
        if char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise JsonTextError(f"the maximum depth of {MAX_DEPTH} was exceeded")
        elif char in "]}":
            depth -= 1
            if pending_comma is not None and trailing_commas:
                out[pending_comma] = " "
        if char == ",":
            pending_comma = len(out) if last_significant not in ("[", "{", ",", "") else None
        else:
            pending_comma = None
        out.append(char)
        last_significant = char
        index += 1
    return "".join(out)


def _refuse_constant(name: str) -> Any:
    raise JsonTextError(f"'{name}' is an invalid JSON literal")


def parse_strict_json(text: str, *, comments: bool = False, trailing_commas: bool = False) -> Any:
    """The value of one JSON document (JsonNode.Parse with the given JsonDocumentOptions)."""
    cleaned = _strip_extensions(text, comments, trailing_commas)
    try:
        return json.loads(cleaned, parse_constant=_refuse_constant)
    except RecursionError as error:
        raise JsonTextError("too deep") from error
    except json.JSONDecodeError as error:
        raise JsonTextError(str(error)) from error


# -- JsonSchema.Net's words for jsonschema's errors ------------------------------------------------


def _json(value: Any) -> str:
    """A value as JsonSchema.Net puts it in a message (System.Text.Json, compact)."""
    return json.dumps(value, separators=(",", ":"))


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return _json(value)


def _instance_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _pointer(path: Any) -> str:
    """The instance location as a JSON Pointer (``/hobbies/0``; the root is empty)."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)


def _message(error: Any) -> str | None:
    """JsonSchema.Net's message for one failed keyword (None: a keyword that only reports its children)."""
    keyword = error.validator
    value = error.validator_value
    instance = error.instance
    if keyword is None or error.schema is False or error.schema == FALSE_SCHEMA:
        return "All values fail against the false schema"
    simple = {
        "enum": "Value should match one of the values specified by the enum",
        "pattern": "The string value is not a match for the indicated regular expression",
        "not": "The subschema passed evaluation but was expected to fail",
        "anyOf": "Value does not match any of the specified schemas",
    }
    if keyword in simple:
        return simple[keyword]
    if keyword == "type":
        return f"Value is {_json(_instance_type(instance))} but should be {_json(value)}"
    if keyword == "required":
        missing = [name for name in value if isinstance(instance, dict) and name not in instance]
        return f"Required properties {_json(missing)} are not present"
    if keyword == "const":
        return f"Expected {_json(value)}"
    limits = {
        "minimum": "should be at least",
        "maximum": "should be at most",
        "exclusiveMinimum": "should be greater than",
        "exclusiveMaximum": "should be less than",
    }
    if keyword in limits:
        return f"{_number(instance)} {limits[keyword]} {_number(value)}"
    if keyword == "multipleOf":
        return f"{_number(instance)} should be a multiple of {_number(value)}"
    counts = {
        "minLength": "should be at least {} characters",
        "maxLength": "should be at most {} characters",
        "minItems": "should have at least {} items",
        "maxItems": "should have at most {} items",
        "minProperties": "should have at least {} properties",
        "maxProperties": "should have at most {} properties",
    }
    if keyword in counts:
        return "Value " + counts[keyword].format(value)
    if keyword == "oneOf":
        schemas = error.validator_value
        matched = sum(1 for sub in schemas if _is_valid(error, sub))
        return f"Expected 1 matching subschema but found {matched}"
    if keyword in ("contains", "minContains"):
        least = error.schema.get("minContains", 1) if isinstance(error.schema, dict) else 1
        return f"Value should contain at least {least} matching items"
    if keyword == "maxContains":
        return f"Value should contain no more than {value} matching items"
    if keyword == "uniqueItems":
        pairs = [
            f"({first}, {second})"
            for first in range(len(instance))
            for second in range(first + 1, len(instance))
            if _same(instance[first], instance[second])
        ]
        return f"Found duplicates at the following index pairs: {', '.join(pairs)}"
    if keyword == "dependentRequired":
        dependencies = {
            name: [need for need in needs if need not in instance]
            for name, needs in value.items()
            if name in instance and any(need not in instance for need in needs)
        }
        return f"Some required property dependencies are missing: {_json(dependencies)}"
    if keyword == "unevaluatedProperties":
        return "Some unevaluated properties did not match the required schema"
    if keyword == "unevaluatedItems":
        return "Some unevaluated items did not match the required schema"
    if keyword == "format":
        return f"Value does not match format {_json(value)}"
    return error.message  # a keyword JsonSchema.Net words differently (or not at all): jsonschema's words


def _same(first: Any, second: Any) -> bool:
    return _json(first) == _json(second) and _instance_type(first) == _instance_type(second)


def _is_valid(error: Any, schema: Any) -> bool:
    validator = getattr(error, "_psbridge_validator", None)
    if validator is None:
        return False
    return bool(validator.evolve(schema=schema).is_valid(error.instance))


#: A false subschema as the validator sees it: jsonschema reports a nested ``false`` at its parent's
#: location, so each is made a schema that fails the same way and is worded as the false schema.
FALSE_SCHEMA = {"not": {}, "$comment": "psbridge: the false schema"}
_SCHEMA_VALUED = ("additionalProperties", "additionalItems", "items", "contains", "propertyNames", "not", "if",
                  "then", "else", "unevaluatedProperties", "unevaluatedItems")
_SCHEMA_MAPS = ("properties", "patternProperties", "$defs", "definitions", "dependentSchemas")
_SCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems", "items")


def _mark_false_schemas(schema: Any) -> Any:
    """``schema`` with every ``false`` in a subschema position replaced by :data:`FALSE_SCHEMA`."""
    if schema is False:
        return FALSE_SCHEMA
    if not isinstance(schema, dict):
        return schema
    marked = dict(schema)
    for keyword in _SCHEMA_VALUED:
        if keyword in marked and not isinstance(marked[keyword], list):
            marked[keyword] = _mark_false_schemas(marked[keyword])
    for keyword in _SCHEMA_MAPS:
        if isinstance(marked.get(keyword), dict):
            marked[keyword] = {name: _mark_false_schemas(sub) for name, sub in marked[keyword].items()}
    for keyword in _SCHEMA_LISTS:
        if isinstance(marked.get(keyword), list):
            marked[keyword] = [_mark_false_schemas(sub) for sub in marked[keyword]]
    return marked


def schema_errors(validator: Any, instance: Any) -> Iterator[tuple[str, str]]:
    """(message, instance location) of each failed assertion, parents before their children."""
    yield from _walk(validator, validator.iter_errors(instance))


def _walk(validator: Any, errors: Any) -> Iterator[tuple[str, str]]:
    for error in errors:
        location = _pointer(error.absolute_path)
        error._psbridge_validator = validator
        message = _message(error)
        if message is not None:
            yield message, location
        if error.validator in ("anyOf", "oneOf") and error.context:
            yield from _walk(validator, sorted(error.context, key=lambda child: child.relative_schema_path[0]))


# -- the cmdlet -------------------------------------------------------------------------------------


def _schema_error(target: Any) -> CmdletError:
    return CmdletError(
        "Cannot parse the JSON schema.",
        error_id="InvalidJsonSchema",
        category=ErrorCategory.InvalidData,
        target_object=target,
    )


def _retrieve(uri: str) -> Any:
    """SchemaRegistry.Global.Fetch as TestJsonCommand sets it: file and http(s) URIs only."""
    from referencing import Resource
    from referencing.jsonschema import DRAFT202012

    parts = urllib.parse.urlsplit(uri)
    if parts.scheme in ("http", "https"):
        from urllib.request import urlopen

        with urlopen(uri, timeout=100) as response:
            text = response.read().decode("utf-8-sig")
    elif parts.scheme == "file":
        with open(urllib.parse.unquote(parts.path), encoding="utf-8-sig") as handle:
            text = handle.read()
    else:
        raise ValueError(
            f"URI scheme '{parts.scheme}' is not supported. Only HTTP(S) and local file system URIs are allowed."
        )
    return Resource.from_contents(json.loads(text), default_specification=DRAFT202012)


def _validator(schema: Any, base_uri: str | None) -> Any:
    """A jsonschema validator of the schema's draft (2020-12 when it names none); raises
    jsonschema's SchemaError for a schema its meta-schema refuses."""
    import warnings

    import jsonschema.validators
    from referencing import Registry

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    cls.check_schema(schema)
    schema = _mark_false_schemas(schema)
    if base_uri is not None and isinstance(schema, dict) and "$id" not in schema and "id" not in schema:
        schema = {"$id": base_uri, **schema}
    return cls(schema, registry=Registry(retrieve=_retrieve))  # type: ignore[call-arg]


@register_cmdlet
class TestJson(Cmdlet):
    name = "Test-Json"

    def begin(self) -> None:
        params = self.params
        options = {to_ps_string(option).casefold() for option in (params.Options or ())}
        self.comments = "ignorecomments" in options
        self.trailing_commas = "allowtrailingcommas" in options
        self.validator: Any = None
        if params.Schema is not None:
            self._load_schema(to_ps_string(params.Schema), None, params.Schema)
        elif params.SchemaFile is not None:
            path = resolve_literal(self.runspace, to_ps_string(params.SchemaFile))
            try:
                text = read_text(path)
            except OSError as error:
                failure = CmdletError(
                    f"Can not open JSON schema file: {path}",
                    error_id="JsonSchemaFileOpenFailure",
                    category=ErrorCategory.OpenError,
                    target_object=path,
                )
                failure.__cause__ = error
                self.throw_terminating_error(failure)
            self._load_schema(text, "file://" + urllib.parse.quote(path), params.SchemaFile)

    def _load_schema(self, text: str, base_uri: str | None, target: Any) -> None:
        """JsonSchema.FromText: a schema that is not JSON, or not a schema, is a non-terminating
        InvalidJsonSchema error, after which only the JSON's syntax is tested."""
        import jsonschema.exceptions

        try:
            self.validator = _validator(json.loads(text, parse_constant=_refuse_constant), base_uri)
        except (ValueError, jsonschema.exceptions.SchemaError):
            self.write_error(_schema_error(target))

    def process(self) -> None:
        params = self.params
        if params.Json is not None:
            text = to_ps_string(params.Json)
        else:
            literal = params.is_bound("LiteralPath")
            given = to_ps_string(params.LiteralPath if literal else params.Path)
            path = resolve_write_target(self.runspace, given, literal)
            if not os.path.isfile(path):
                self.throw_terminating_error(item_not_found(given))
            text = read_text(path)
        self.write_output(self._test(text))

    def _test(self, text: str) -> bool:
        from referencing.exceptions import Unresolvable

        try:
            instance = parse_strict_json(text, comments=self.comments, trailing_commas=self.trailing_commas)
        except JsonTextError:
            self.write_error(
                CmdletError(
                    "Cannot parse the JSON.",
                    error_id="InvalidJson",
                    category=ErrorCategory.InvalidData,
                    target_object=self.params.Json,
                )
            )
            return False
        if self.validator is None:
            return True
        try:
            failures = list(schema_errors(self.validator, instance))
        except Unresolvable:
            self.write_error(_schema_error(self.validator.schema))
            return False
        for message, location in failures:
            self.write_error(
                CmdletError(
                    f"The JSON is not valid with the schema: {message} at '{location}'",
                    error_id="InvalidJsonAgainstSchemaDetailed",
                    category=ErrorCategory.InvalidData,
                )
            )
        return not failures
