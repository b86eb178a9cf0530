"""Test-Json, from PowerShell's Pester tests
(test/powershell/Modules/Microsoft.PowerShell.Utility/Test-Json.Tests.ps1) and its doc's examples,
run as scripts against real files."""

from __future__ import annotations

import http.server
import json
import threading

import pytest

from tests.language.evaluator_helpers import Session

SCHEMA = json.dumps(
    {
        "description": "A person",
        "type": "object",
        "properties": {"name": {"type": "string"}, "hobbies": {"type": "array", "items": {"type": "string"}}},
    }
)
VALID = '{"name": "James", "hobbies": [".NET", "Blogging", "Reading", "Xbox", "LOLCATS"]}'
INVALID_TYPE = '{"name": 123, "hobbies": [".NET", "Blogging"]}'
INVALID_TYPE_2 = '{"name": 123, "hobbies": [456, "Blogging", "Reading"]}'
INVALID_NODE = '{"name": "James", "hobbies": [".NET", "Blogging"]\n errorNode\n}'
PREFIX = "The JSON is not valid with the schema: "
FQID = "{},Microsoft.PowerShell.Commands.TestJsonCommand"


@pytest.fixture
def files(tmp_path):
    (tmp_path / "schema.json").write_text(SCHEMA)
    (tmp_path / "valid.json").write_text(VALID)
    (tmp_path / "[valid]Json.json").write_text(VALID)
    (tmp_path / "invalidType2.json").write_text(INVALID_TYPE_2)
    (tmp_path / "invalidNode.json").write_text(INVALID_NODE)
    (tmp_path / "empty.json").write_text("")
    (tmp_path / "badschema.json").write_text('{"description", "type": "object"}')
    return tmp_path


def run(text: str, **variables):
    session = Session()
    output = session.run(text, **variables)
    return output, session.error_ids, [str(record.exception) for record in session.errors]


def test_valid_json_and_schemas_from_string_and_file(files) -> None:
    # Test-Json.Tests.ps1:247-265 and 281-286
    for script in (
        "Test-Json -Json $valid",
        "Test-Json -Json $valid -Schema $schema",
        "Test-Json -Json $valid -SchemaFile $dir/schema.json",
        "$valid | Test-Json -SchemaFile $dir/schema.json",
        "Test-Json -Path $dir/valid.json",
        "Test-Json -LiteralPath $dir/[valid]Json.json",
        "Test-Json -PSPath $dir/[valid]Json.json",
        "Test-Json -LP $dir/[valid]Json.json",
        "Get-ChildItem -Path $dir/valid.json -File | Test-Json",
        "Test-Json -Path $dir/valid.json -SchemaFile $dir/schema.json",
    ):
        assert run(script, valid=VALID, schema=SCHEMA, dir=str(files)) == ([True], [], []), script


def test_invalid_json_writes_invalid_json(files) -> None:
    # Test-Json.Tests.ps1:289-291, 315-325, 356-366
    for script in (
        "Test-Json -Json $node",
        "$node | Test-Json",
        "Test-Json -Json $node -Schema $schema",
        "Test-Json -Path $dir/invalidNode.json",
        "Test-Json -Path $dir/empty.json",
    ):
        output, ids, _ = run(script, node=INVALID_NODE, schema=SCHEMA, dir=str(files))
        assert (output, ids) == ([False], [FQID.format("InvalidJson")]), script


def test_every_failed_assertion_is_one_error_at_its_location(files) -> None:
    # Test-Json.Tests.ps1:356-366 (one error for the wrong type) and 404-442 (two for two wrong types)
    output, ids, messages = run("Test-Json -Json $json -Schema $schema", json=INVALID_TYPE, schema=SCHEMA)
    assert output == [False]
    assert ids == [FQID.format("InvalidJsonAgainstSchemaDetailed")]
    assert messages == [f"{PREFIX}Value is \"integer\" but should be \"string\" at '/name'"]
    output, ids, messages = run("Test-Json -Path $dir/invalidType2.json -SchemaFile $dir/schema.json", dir=str(files))
    assert output == [False]
    assert ids == [FQID.format("InvalidJsonAgainstSchemaDetailed")] * 2
    assert [message.rsplit(" at ", 1)[1] for message in messages] == ["'/name'", "'/hobbies/0'"]


def test_an_invalid_schema_is_reported_and_only_syntax_is_tested(files) -> None:
    # Test-Json.Tests.ps1:328-336 (-ErrorAction Stop makes the error throw)
    output, ids, _ = run("Test-Json -Json $valid -SchemaFile $dir/badschema.json", valid=VALID, dir=str(files))
    assert (output, ids) == ([True], [FQID.format("InvalidJsonSchema")])
    output, ids, _ = run("Test-Json -Json $valid -Schema '{\"type\": \"strin\"}'", valid=VALID)
    assert (output, ids) == ([True], [FQID.format("InvalidJsonSchema")])
    output, ids, _ = run(
        "try { Test-Json -Json $valid -Schema '{\"description\", 1}' -ErrorAction Stop; 'no' } "
        "catch { $_.FullyQualifiedErrorId }",
        valid=VALID,
    )
    assert output == [FQID.format("InvalidJsonSchema")]


def test_missing_files(files) -> None:
    # Test-Json.Tests.ps1:338-354
    output, ids, messages = run("Test-Json -Json '{}' -SchemaFile $dir/nope.json; 'next'", dir=str(files))
    assert output == ["next"] and ids == [FQID.format("JsonSchemaFileOpenFailure")]
    assert messages == [f"Can not open JSON schema file: {files / 'nope.json'}"]
    assert run("Test-Json -Path $dir/nope.json", dir=str(files))[1] == [FQID.format("PathNotFound")]
    # a -Path naming the bracketed file is a wildcard that matches nothing
    assert run("Test-Json -Path $dir/[valid]Json.json", dir=str(files))[1] == [FQID.format("FileOpenFailure")]
    assert run("Test-Json -LiteralPath $dir/*Json.json", dir=str(files))[1] == [FQID.format("PathNotFound")]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1", "number"),
        ('"true"', "string"),
        ("true", "boolean"),
        ("false", "boolean"),
        ('"null"', "string"),
        ("null", "null"),
        ("[ 1, 2 ]", "array"),
    ],
)
def test_non_object_documents_have_exactly_one_type(value: str, expected: str) -> None:
    # Test-Json.Tests.ps1:444-466
    script = (
        "$types = 'string', 'number', 'boolean', 'null', 'array', 'object'\n"
        "$types | Where-Object {\n"
        "  Test-Json -Json $value -Schema \"{ `\"type`\": `\"$_`\" }\" -ErrorAction SilentlyContinue\n}"
    )
    assert run("Test-Json -Json $value", value=value)[0] == [True]
    assert run(script, value=value)[0] == [expected]


@pytest.mark.parametrize(
    ("text", "options"),
    [
        ('{\n // A Json comment\n "string": "test"\n}', "IgnoreComments"),
        ('{\n "string": "test",\n}', "AllowTrailingCommas"),
        ('{\n /* c */ "string": "test",\n}', "IgnoreComments, AllowTrailingCommas"),
    ],
)
def test_document_options(text: str, options: str) -> None:
    # Test-Json.Tests.ps1:468-480
    assert run("$json | Test-Json -ErrorAction SilentlyContinue", json=text)[0] == [False]
    assert run(f"$json | Test-Json -Option {options}", json=text)[0] == [True]


@pytest.mark.parametrize("text", ["[1,,2]", "[,]", "{,}", "NaN", "{'a': 1}", "[" * 65 + "]" * 65, "1 2", "   "])
def test_strict_json_refuses_what_system_text_json_refuses(text: str) -> None:
    output, ids, _ = run("Test-Json -Json $json -Options AllowTrailingCommas", json=text)
    assert (output, ids) == ([False], [FQID.format("InvalidJson")])
    assert run("Test-Json -Json $json", json="[" * 64 + "]" * 64)[0] == [True]


ONE_OF = json.dumps(
    {
        "type": "object",
        "properties": {
            "ports": {
                "type": "array",
                "items": {
                    "oneOf": [
                        {"type": "integer", "minimum": 0, "maximum": 65535},
                        {"type": "string", "pattern": "^\\d+-\\d+$"},
                    ]
                },
            }
        },
    }
)
DEVICES = {
    "type": "object",
    "properties": {
        "Devices": {
            "type": "array",
            "items": {
                "type": "object",
                "KEYWORD": [
                    {
                        "properties": {"deviceType": {"const": "smartphone"}, "os": {"enum": ["iOS", "Android"]}},
                        "required": ["deviceType", "os"],
                    },
                    {
                        "properties": {"deviceType": {"const": "laptop"}, "arch": {"enum": ["x86", "x64", "arm64"]}},
                        "required": ["deviceType", "arch"],
                    },
                ],
            },
        }
    },
    "required": ["Devices"],
}


def test_one_of_reports_only_the_failing_item() -> None:
    # Test-Json.Tests.ps1:482-498
    assert run("Test-Json -Json '{ \"ports\": [80, 443, 8080] }' -Schema $s", s=ONE_OF)[:2] == ([True], [])
    output, _, messages = run("Test-Json -Json '{ \"ports\": [80, \"invalid-port\", 8080] }' -Schema $s", s=ONE_OF)
    assert output == [False]
    assert messages[0] == (
        "The JSON is not valid with the schema: Expected 1 matching subschema but found 0 at '/ports/1'"
    )
    assert all(message.endswith("'/ports/1'") for message in messages)
    assert "Value is \"string\" but should be \"integer\"" in messages[1]


@pytest.mark.parametrize("keyword", ["oneOf", "anyOf"])
def test_devices_only_the_invalid_device_is_reported(keyword: str) -> None:
    # Test-Json.Tests.ps1:500-540
    schema = json.dumps(DEVICES).replace("KEYWORD", keyword)
    devices = [
        {"deviceType": "laptop", "arch": "x64"},
        {"deviceType": "smartphone", "os": "iOS"},
        {"deviceType": "smartphone", "os": "WindowsPhone"},
    ]
    assert run("Test-Json -Json $j -Schema $s", j=json.dumps({"Devices": devices[:2]}), s=schema)[:2] == ([True], [])
    output, _, messages = run("Test-Json -Json $j -Schema $s", j=json.dumps({"Devices": devices}), s=schema)
    assert output == [False] and messages
    assert all("/Devices/2" in message for message in messages)
    assert any("Value should match one of the values specified by the enum at '/Devices/2/os'" in m for m in messages)


@pytest.mark.parametrize(
    ("schema", "instance", "message"),
    [
        ({"required": ["name", "age"]}, {"name": "x"}, "Required properties [\"age\"] are not present at ''"),
        ({"const": "a"}, "b", "Expected \"a\" at ''"),
        ({"minimum": 10}, 5, "5 should be at least 10 at ''"),
        ({"exclusiveMaximum": 3}, 3, "3 should be less than 3 at ''"),
        ({"multipleOf": 2}, 7, "7 should be a multiple of 2 at ''"),
        ({"minLength": 3}, "ab", "Value should be at least 3 characters at ''"),
        ({"maxItems": 1}, [1, 2], "Value should have at most 1 items at ''"),
        ({"not": {"type": "string"}}, "x", "The subschema passed evaluation but was expected to fail at ''"),
        ({"properties": {"a": False}}, {"a": 1}, "All values fail against the false schema at '/a'"),
        ({"additionalProperties": False}, {"a/b": 1}, "All values fail against the false schema at '/a~1b'"),
        ({"uniqueItems": True}, [1, 2, 1], "Found duplicates at the following index pairs: (0, 2) at ''"),
        ({"oneOf": [{"type": "integer"}, {"minimum": 0}]}, 3, "Expected 1 matching subschema but found 2 at ''"),
    ],
)
def test_keyword_messages_are_json_schema_nets(schema, instance, message: str) -> None:
    output, _, messages = run("Test-Json -Json $j -Schema $s", j=json.dumps(instance), s=json.dumps(schema))
    assert output == [False]
    assert messages == ["The JSON is not valid with the schema: " + message]


def test_a_draft_07_schema_from_the_doc_example_2() -> None:
    # Test-Json.md example 2: age is a string, the schema wants an integer
    schema = json.dumps(
        {
            "definitions": {},
            "$schema": "http://json-schema.org/draft-07/schema#",
            "$id": "http://example.com/root.json",
            "type": "object",
            "required": ["name", "age"],
            "properties": {
                "name": {"$id": "#/properties/name", "type": "string", "pattern": "^(.*)$"},
                "age": {"$id": "#/properties/age", "type": "integer"},
            },
        }
    )
    output, _, messages = run("'{\"name\": \"Ashley\", \"age\": \"25\"}' | Test-Json -Schema $s", s=schema)
    assert output == [False]
    assert messages == [f"{PREFIX}Value is \"string\" but should be \"integer\" at '/age'"]
    assert run("'{\"name\": \"Ashley\", \"age\": 25}' | Test-Json -Schema $s", s=schema)[:2] == ([True], [])


def test_schema_file_references_another_file(tmp_path) -> None:
    # Test-Json.md example 3: schema.json's $ref names definitions.json beside it
    (tmp_path / "schema.json").write_text(
        json.dumps(
            {
                "type": "object",
                "properties": {
                    "name": {"$ref": "definitions.json#/definitions/name"},
                    "hobbies": {"$ref": "definitions.json#/definitions/hobbies"},
                },
            }
        )
    )
    (tmp_path / "definitions.json").write_text(
        json.dumps(
            {"definitions": {"name": {"type": "string"}, "hobbies": {"type": "array", "items": {"type": "string"}}}}
        )
    )
    script = "Set-Location $dir; $j | Test-Json -SchemaFile 'schema.json'"
    assert run(script, dir=str(tmp_path), j='{"name": "James", "hobbies": [".NET", "Blogging"]}')[:2] == ([True], [])
    output, _, messages = run(script, dir=str(tmp_path), j='{"name": "James", "hobbies": [1]}')
    assert output == [False] and messages[0].endswith("at '/hobbies/0'")
    (tmp_path / "definitions.json").unlink()
    output, ids, _ = run(script, dir=str(tmp_path), j='{"name": "James"}')
    assert (output, ids) == ([False], [FQID.format("InvalidJsonSchema")])


def test_a_reference_is_fetched_over_http() -> None:
    # TestJsonCommand's SchemaRegistry.Global.Fetch: http(s) references are fetched (here from loopback)
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = json.dumps({"type": "integer", "maximum": 9}).encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        schema = json.dumps({"properties": {"n": {"$ref": f"http://127.0.0.1:{server.server_port}/digit.json"}}})
        assert run("Test-Json -Json '{\"n\": 5}' -Schema $s", s=schema)[:2] == ([True], [])
        output, _, messages = run("Test-Json -Json '{\"n\": 12}' -Schema $s", s=schema)
        assert output == [False]
        assert messages == ["The JSON is not valid with the schema: 12 should be at most 9 at '/n'"]
    finally:
        server.shutdown()
        server.server_close()
