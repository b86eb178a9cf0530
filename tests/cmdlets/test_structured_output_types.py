"""Structured Outputs with a script's own types: ``-ResponseFormat ([Recipe])`` and
``Request-Response -OutputType ([Recipe])`` send the type's strict JSON schema and read the answer
back into instances of it (PSOpenAI's ConvertTo-JsonSchema and ParseChatCompletionObject /
ParseResponseObject), against the emulator."""

from __future__ import annotations

import datetime as _dt
import json

import pytest

import psbridge
from psbridge.cmdlets.psopenai._structured import StructuredOutputError, parse_structured
from psbridge.conversion.script_types import ScriptObject
from psbridge.emulator import Emulator

TYPES = """
enum Course { Starter; Main; Dessert }
class Ingredient { [string]$Item; [double]$Grams }
class Recipe {
    [string]$Title
    [Course]$Course
    [Ingredient[]]$Ingredients
    [datetime]$Written
    [int]$Serves
}
"""


def test_chat_completion_with_a_class_sends_its_schema_and_parses_the_answer(emulator: Emulator) -> None:
    ps = psbridge.PowerShell()
    ps.add_script(TYPES)
    ps.invoke()
    ps.clear()  # the types stay defined in the session, as in an interactive shell
    ps.add_script("""
    $r = Request-ChatCompletion -Model gpt-4o-mini -Message 'A soup for four' -ResponseFormat ([Recipe])
    $dish = $r.Answer[0]
    $dish -is [Recipe]; $dish.Title; "$($dish.Course)"; $dish.Ingredients[0] -is [Ingredient]
    $dish.Ingredients.GetType().Name; $dish.Written; $dish.Serves
    $dish -eq $r.choices[0].message.parsed
    $r.choices[0].message.content
    """)
    out = ps.invoke()
    assert not ps.had_errors
    assert out[:5] == [True, "Echo: A soup for four", "Starter", True, "Ingredient[]"]
    assert out[5] == _dt.datetime(2018, 11, 13, 8, 20, 39) and out[6] == 1
    assert out[7] is True
    assert json.loads(out[8])["Title"] == "Echo: A soup for four"
    (request,) = [r for r in emulator.requests if r.path.endswith("/chat/completions")]
    form = request.body["response_format"]
    assert form["type"] == "json_schema"
    assert (form["json_schema"]["name"], form["json_schema"]["strict"]) == ("Recipe", True)
    schema = form["json_schema"]["schema"]
    assert list(schema["properties"]) == ["Title", "Course", "Ingredients", "Written", "Serves"]
    assert schema["required"] == ["Course", "Ingredients", "Serves", "Title", "Written"]
    assert schema["additionalProperties"] is False and "$schema" not in schema and "title" not in schema
    assert schema["properties"]["Course"] == {"$ref": "#/definitions/Course"}
    ingredients = {"type": ["array", "null"], "items": {"$ref": "#/definitions/Ingredient"}}
    assert schema["properties"]["Ingredients"] == ingredients
    assert schema["properties"]["Serves"] == {"type": "integer"}
    written = schema["properties"]["Written"]
    assert written["type"] == "string" and "format" not in written and "2018-11-13T08:20:39" in written["description"]
    assert schema["definitions"]["Course"]["enum"] == ["Starter", "Main", "Dessert"]
    ingredient = schema["definitions"]["Ingredient"]
    assert ingredient["required"] == ["Grams", "Item"] and ingredient["additionalProperties"] is False
    assert ingredient["properties"]["Grams"] == {"type": "number"}


def test_response_with_a_class_fills_structured_outputs(emulator: Emulator) -> None:
    ps = psbridge.PowerShell()
    ps.add_script(TYPES + """
    $r = Request-Response -Model gpt-4o-mini -Message 'A cake' -OutputType ([Recipe])
    $r.StructuredOutputs.Count; $r.StructuredOutputs[0].GetType().Name; $r.StructuredOutputs[0].Title
    $r.output[0].content[0].parsed -is [Recipe]
    """)
    assert ps.invoke() == [1, "Recipe", "Echo: A cake", True]
    (request,) = [r for r in emulator.requests if r.path.endswith("/responses")]
    form = request.body["text"]["format"]
    assert (form["type"], form["name"], form["strict"]) == ("json_schema", "Recipe", True)
    assert form["schema"]["definitions"]["Ingredient"]["properties"]["Item"] == {"type": ["null", "string"]}


def test_a_refusal_is_the_answer_text_with_a_warning(emulator: Emulator) -> None:
    ps = psbridge.PowerShell()
    ps.add_script(TYPES + "(Request-ChatCompletion -Message 'no [refuse]' -ResponseFormat ([Recipe])).Answer[0]")
    (answer,) = ps.invoke()
    assert isinstance(answer, str) and not isinstance(answer, ScriptObject)
    assert ps.streams.warning and ps.streams.warning[0].startswith("The model refuses to respond.")


def test_an_answer_that_is_not_the_type_is_newtonsofts_error() -> None:
    (recipe,) = psbridge.run(TYPES + "[Recipe]")
    with pytest.raises(StructuredOutputError) as caught:
        parse_structured("Sorry, no JSON here", recipe)
    assert caught.value.error_record.fully_qualified_error_id == "Newtonsoft.Json.JsonReaderException"
    parsed = parse_structured('{"title": "Tea", "Extra": 1, "ingredients": [{"item": "leaf", "grams": "2.5"}]}', recipe)
    assert (parsed.Title, parsed.Ingredients[0].Grams, parsed.Serves) == ("Tea", 2.5, 0)
    with pytest.raises(StructuredOutputError) as caught:
        parse_structured('{"Course": "Soup"}', recipe)
    assert caught.value.error_record.fully_qualified_error_id == "Newtonsoft.Json.JsonSerializationException"
