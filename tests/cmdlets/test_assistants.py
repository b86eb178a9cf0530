"""New-, Get-, Set- and Remove-Assistant against the emulator."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import httpx
import pytest

import psbridge
from psbridge import Hashtable, PipelineError, PSObject
from psbridge.api import NotFoundError
from psbridge.cmdlets.psopenai._objects import assistant_object
from psbridge.emulator import Emulator
from psbridge.hosting import PowerShell

SCHEMA = {
    "name": "answer",
    "schema": {"type": "object", "properties": {"value": {"type": "number"}}, "required": ["value"]},
    "strict": True,
}


def assistant_posts(emu: Emulator) -> list[Any]:
    return [r for r in emu.requests if r.method == "POST" and r.path.startswith("/v1/assistants")]


def assert_assistant(obj: Any) -> None:
    assert isinstance(obj, PSObject)
    assert obj.pstypenames[0] == "PSOpenAI.Assistant"
    assert obj.object == "assistant"
    assert isinstance(obj.created_at, dt.datetime)


def seed_assistants(http: httpx.Client, count: int) -> list[str]:
    return [http.post("assistants", json={"model": "gpt-4o-mini", "name": f"a{i}"}).json()["id"] for i in range(count)]


# == New-Assistant ==========================================================================


def test_new_assistant_without_parameters_sends_the_default_model(emulator: Emulator) -> None:
    [assistant] = psbridge.invoke("New-Assistant")
    assert_assistant(assistant)
    assert assistant.model == "gpt-3.5-turbo"
    [request] = emulator.requests
    assert (request.method, request.path, request.body) == ("POST", "/v1/assistants", {"model": "gpt-3.5-turbo"})


def test_new_assistant_with_every_option(emulator: Emulator) -> None:
    functions = [
        Hashtable(
            name="get_weather",
            description="Weather of a city",
            parameters=Hashtable(type="object", properties=Hashtable(city=Hashtable(type="string"))),
        ),
    ]
    [assistant] = psbridge.invoke(
        "New-Assistant",
        Name="Math tutor",
        Model="gpt-4o",
        Description="Helps with maths",
        Instructions="You are a math teacher.",
        ReasoningEffort="low",
        UseCodeInterpreter=True,
        UseFileSearch=True,
        MaxNumberOfFileSearchResults=5,
        RankerForFileSearch="default_2024_08_21",
        ScoreThresholdForFileSearch=0.5,
        Functions=functions,
        FileIdsForCodeInterpreter=["file-ci"],
        FileIdsForFileSearch=["file-fs1", "file-fs2"],
        MetaData=Hashtable(owner="tests"),
        Temperature=0.2,
        TopP=0.9,
        ResponseFormat="json_schema",
        JsonSchema=json.dumps(SCHEMA),
    )
    assert list(assistant_posts(emulator)[-1].body.items()) == [  # PSOpenAI's field order
        ("model", "gpt-4o"),
        ("name", "Math tutor"),
        ("description", "Helps with maths"),
        ("instructions", "You are a math teacher."),
        ("reasoning_effort", "low"),
        (
            "tools",
            [
                {"type": "code_interpreter"},
                {
                    "type": "file_search",
                    "file_search": {
                        "max_num_results": 5,
                        "ranking_options": {"ranker": "default_2024_08_21", "score_threshold": 0.5},
                    },
                },
                {
                    "type": "function",
                    "function": {
                        "name": "get_weather",
                        "description": "Weather of a city",
                        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}},
                    },
                },
            ],
        ),
        (
            "tool_resources",
            {
                "code_interpreter": {"file_ids": ["file-ci"]},
                "file_search": {"vector_stores": [{"file_ids": ["file-fs1", "file-fs2"]}]},
            },
        ),
        ("metadata", {"owner": "tests"}),
        ("temperature", 0.2),
        ("top_p", 0.9),
        ("response_format", {"type": "json_schema", "json_schema": SCHEMA}),
    ]
    assert_assistant(assistant)
    assert [t.type for t in assistant.tools] == ["code_interpreter", "file_search", "function"]
    assert assistant.response_format.json_schema.name == "answer"
    assert assistant.metadata.owner == "tests"


def test_ranking_options_take_defaults_and_need_file_search(emulator: Emulator) -> None:
    psbridge.invoke("New-Assistant", UseFileSearch=True, RankerForFileSearch="auto")
    assert assistant_posts(emulator)[-1].body["tools"] == [
        {"type": "file_search", "file_search": {"ranking_options": {"ranker": "auto", "score_threshold": 0.0}}}
    ]
    psbridge.invoke("New-Assistant", UseFileSearch=True, ScoreThresholdForFileSearch=0.7)
    assert assistant_posts(emulator)[-1].body["tools"][0]["file_search"]["ranking_options"] == {
        "ranker": "auto",
        "score_threshold": 0.7,
    }
    psbridge.invoke(
        "New-Assistant",
        MaxNumberOfFileSearchResults=3,
        VectorStoresForFileSearch=["vs_1"],
        FileIdsForFileSearch=["file-x"],
    )
    assert assistant_posts(emulator)[-1].body == {  # options ignored without -UseFileSearch; vector store wins
        "model": "gpt-3.5-turbo",
        "tool_resources": {"file_search": {"vector_store_ids": ["vs_1"]}},
    }


@pytest.mark.parametrize(
    ("given", "sent"),
    [("auto", "auto"), ("text", {"type": "text"}), ("JSON_OBJECT", {"type": "json_object"}), ("default", None)],
)
def test_response_formats(emulator: Emulator, given: str, sent: Any) -> None:
    psbridge.invoke("New-Assistant", ResponseFormat=given)
    assert assistant_posts(emulator)[-1].body.get("response_format") == sent


def test_raw_response_outputs_the_response_text(emulator: Emulator) -> None:
    [text] = psbridge.invoke("New-Assistant", Name="raw", Format="raw_response")
    assert isinstance(text, str)
    assert json.loads(text)["name"] == "raw"
    assert "response_format" not in assistant_posts(emulator)[-1].body


def test_json_schema_needs_a_schema(emulator: Emulator) -> None:
    with pytest.raises(PipelineError) as caught:
        psbridge.invoke("New-Assistant", ResponseFormat="json_schema")
    assert "JsonSchema must be specified." in str(caught.value.errors[0].exception)
    assert emulator.requests == []  # PSOpenAI sent it anyway (section 6 item 15)


def test_unnamed_function_is_an_error_of_its_own(emulator: Emulator) -> None:
    with pytest.raises(PipelineError) as caught:
        psbridge.invoke("New-Assistant", Functions=[Hashtable(name="named"), Hashtable(description="no name")])
    assert "You should specify function name." in str(caught.value.errors[0].exception)
    assert assistant_posts(emulator)[-1].body["tools"] == [{"type": "function", "function": {"name": "named"}}]


def test_validation_happens_before_any_request(emulator: Emulator) -> None:
    for bad in (
        {"Temperature": 2.5},
        {"TopP": 1.5},
        {"MaxNumberOfFileSearchResults": 51},
        {"Name": "x" * 257},
        {"ResponseFormat": "xml"},
        {"VectorStoresForFileSearch": ["a", "b"]},
    ):
        with pytest.raises(psbridge.ParameterBindingError):
            psbridge.invoke("New-Assistant", **bad)
    assert emulator.requests == []


def test_doc_example_new_assistant(emulator: Emulator) -> None:
    # PS C:\> $Assistant = New-Assistant -Model gpt-4 -Instructions "You are a math teacher." -UseCodeInterpreter $true
    # `-UseCodeInterpreter $true` is a switch plus a stray positional argument, and New-Assistant has no
    # positional parameter: PowerShell fails to bind it, and so does psbridge.
    with pytest.raises(psbridge.ParameterBindingError) as caught:
        psbridge.invoke(
            "New-Assistant", True, Model="gpt-4", Instructions="You are a math teacher.", UseCodeInterpreter=True
        )
    assert caught.value.error_id == "PositionalParameterNotFound"
    assert emulator.requests == []
    # The working spelling, -UseCodeInterpreter (or -UseCodeInterpreter:$true):
    [assistant] = psbridge.invoke(
        "New-Assistant", Model="gpt-4", Instructions="You are a math teacher.", UseCodeInterpreter=True
    )
    assert assistant.model == "gpt-4"
    assert assistant_posts(emulator)[-1].body == {
        "model": "gpt-4",
        "instructions": "You are a math teacher.",
        "tools": [{"type": "code_interpreter"}],
    }


def test_a_variable_named_assistant_is_not_read(emulator: Emulator, assistant: dict[str, Any]) -> None:
    """PSOpenAI updated ``$Assistant`` instead of creating/updating the one asked for (its bug)."""
    ps = PowerShell(variables={"Assistant": assistant_object(assistant)})
    ps.add_command("New-Assistant").add_parameter("Name", "fresh").add_parameter("Verbose")
    [created] = ps.invoke()
    assert created.id != assistant["id"]
    assert f'The assistant with id "{created.id}" has been created.' in [str(v) for v in ps.streams.verbose]
    ps.clear()
    ps.add_command("Set-Assistant").add_parameter("AssistantId", created.id).add_parameter("Name", "renamed")
    [updated] = ps.invoke()
    assert updated.id == created.id
    assert [r.path for r in assistant_posts(emulator)][-2:] == ["/v1/assistants", f"/v1/assistants/{created.id}"]
    assert emulator.store.assistants[assistant["id"]]["name"] == "tester"


# == Get-Assistant ==========================================================================


def test_doc_examples_get_assistant(emulator: Emulator, http: httpx.Client) -> None:
    ids = seed_assistants(http, 7)
    emulator.reset_log()
    # PS C:\> Get-Assistant -Limit 5 -Order desc
    latest = psbridge.invoke("Get-Assistant", Limit=5, Order="desc")
    assert [a.id for a in latest] == ids[::-1][:5]
    assert emulator.requests[-1].query == [("limit", "5"), ("order", "desc")]
    # PS C:\> Get-Assistant -All
    everything = psbridge.invoke("Get-Assistant", All=True)
    assert [a.id for a in everything] == ids
    for item in everything:
        assert_assistant(item)
    # PS C:\> Get-Assistant -AssistantId 'asst_abc123'
    [one] = psbridge.invoke("Get-Assistant", AssistantId=ids[3])
    assert one.id == ids[3] and one.name == "a3"
    assert emulator.requests[-1].path == f"/v1/assistants/{ids[3]}"


def test_list_pages_and_warning(emulator: Emulator, http: httpx.Client) -> None:
    ids = seed_assistants(http, 250)
    emulator.reset_log()
    assert [a.id for a in psbridge.invoke("Get-Assistant", All=True)] == ids
    assert len(emulator.requests) == 3
    assert [dict(r.query).get("after") for r in emulator.requests] == [None, ids[99], ids[199]]
    ps = PowerShell()
    assert len(ps.add_command("Get-Assistant").invoke()) == 20
    assert [str(w) for w in ps.streams.warning] == ["There is more data that has not been retrieved."]


def test_get_assistant_parameter_sets(emulator: Emulator, http: httpx.Client) -> None:
    ids = seed_assistants(http, 2)
    typed = assistant_object(http.get(f"assistants/{ids[1]}").json())
    emulator.reset_log()
    forms = [
        psbridge.invoke("Get-Assistant", AssistantId=ids[0]),
        psbridge.invoke("Get-Assistant", ids[0]),
        psbridge.invoke("Get-Assistant", input=[ids[0]]),
        psbridge.invoke("Get-Assistant", input=[{"assistant_id": ids[0]}]),
        psbridge.invoke("Get-Assistant", Assistant=typed),
        psbridge.invoke("Get-Assistant", typed),
        psbridge.invoke("Get-Assistant", input=[typed]),
    ]
    assert [[a.id for a in result] for result in forms] == [[ids[0]]] * 4 + [[ids[1]]] * 3
    assert all(r.path.startswith("/v1/assistants/asst_") for r in emulator.requests)


def test_every_piped_id_is_fetched(emulator: Emulator, http: httpx.Client) -> None:
    """PSOpenAI answers only the first pipeline input of its list getters (its bug)."""
    ids = seed_assistants(http, 3)
    assert [a.id for a in psbridge.invoke("Get-Assistant", input=ids)] == ids


def test_get_unknown_assistant_is_non_terminating(emulator: Emulator, http: httpx.Client) -> None:
    [known] = seed_assistants(http, 1)
    with pytest.raises(PipelineError) as caught:
        psbridge.invoke("Get-Assistant", input=["asst_missing", known])
    [record] = caught.value.errors
    assert isinstance(record.exception, NotFoundError)
    assert record.fully_qualified_error_id == "PSOpenAI.APIRequest.NotFoundException,Get-Assistant"
    assert "No assistant found with id 'asst_missing'" in str(record.exception) or "404" in str(record.exception)
    assert [a.id for a in caught.value.output] == [known]
    with pytest.raises(NotFoundError):
        psbridge.invoke("Get-Assistant", "asst_missing", ErrorAction="Stop")


# == Set-Assistant ==========================================================================


def test_doc_example_set_assistant(emulator: Emulator, assistant: dict[str, Any]) -> None:
    # PS C:\> $Assistant = Set-Assistant -AssistantId 'asst_abc123' -Instructions "..." -UseCodeInterpreter $true
    with pytest.raises(psbridge.ParameterBindingError) as caught:  # AssistantId, the one positional, is taken
        psbridge.invoke(
            "Set-Assistant",
            True,
            AssistantId=assistant["id"],
            Instructions="You are a math teacher.",
            UseCodeInterpreter=True,
        )
    assert caught.value.error_id == "PositionalParameterNotFound"
    [updated] = psbridge.invoke(
        "Set-Assistant", AssistantId=assistant["id"], Instructions="You are a math teacher.", UseCodeInterpreter=True
    )
    assert_assistant(updated)
    assert updated.instructions == "You are a math teacher."
    assert [t.type for t in updated.tools] == ["code_interpreter"]


def test_set_assistant_keeps_the_model_unless_given(emulator: Emulator, assistant: dict[str, Any]) -> None:
    """PSOpenAI reset the model to gpt-3.5-turbo on every update without -Model (its bug)."""
    [renamed] = psbridge.invoke("Set-Assistant", assistant["id"], Name="renamed")
    assert assistant_posts(emulator)[-1].body == {"name": "renamed"}
    assert renamed.model == "gpt-4o-mini"
    [switched] = psbridge.invoke("Set-Assistant", assistant["id"], Model="gpt-4o")
    assert assistant_posts(emulator)[-1].body == {"model": "gpt-4o"}
    assert switched.model == "gpt-4o"


def test_set_assistant_body_options(emulator: Emulator, assistant: dict[str, Any]) -> None:
    psbridge.invoke(
        "Set-Assistant",
        assistant["id"],
        Description="d",
        Temperature=1.5,
        TopP=0.5,
        MetaData=Hashtable(v="2"),
        UseFileSearch=True,
        VectorStoresForFileSearch=["vs_7"],
        ResponseFormat="json_object",
    )
    assert assistant_posts(emulator)[-1].body == {
        "description": "d",
        "tools": [{"type": "file_search"}],
        "tool_resources": {"file_search": {"vector_store_ids": ["vs_7"]}},
        "metadata": {"v": "2"},
        "temperature": 1.5,
        "top_p": 0.5,
        "response_format": {"type": "json_object"},
    }
    stored = emulator.store.assistants[assistant["id"]]
    assert stored["tool_resources"] == {"file_search": {"vector_store_ids": ["vs_7"]}}
    assert stored["model"] == "gpt-4o-mini"


def test_set_assistant_parameter_sets(emulator: Emulator, http: httpx.Client) -> None:
    ids = seed_assistants(http, 8)
    typed = [assistant_object(http.get(f"assistants/{i}").json()) for i in ids[:3]]
    emulator.reset_log()
    results = [
        *psbridge.invoke("Set-Assistant", Assistant=typed[0], Name="n"),
        *psbridge.invoke("Set-Assistant", typed[1], Name="n"),
        *psbridge.invoke("Set-Assistant", input=[typed[2]], Name="n"),
        *psbridge.invoke("Set-Assistant", AssistantId=ids[3], Name="n"),
        *psbridge.invoke("Set-Assistant", ids[4], Name="n"),
        *psbridge.invoke("Set-Assistant", input=[ids[5]], Name="n"),
        *psbridge.invoke("Set-Assistant", input=[{"assistant_id": ids[6]}], Name="n"),
        *psbridge.invoke("Set-Assistant", InputObject=ids[7], Name="n"),
    ]
    assert [a.id for a in results] == ids
    assert [r.path for r in assistant_posts(emulator)] == [f"/v1/assistants/{i}" for i in ids]
    assert all(a.name == "n" for a in results)


def test_set_assistant_errors_and_encoding(emulator: Emulator, assistant: dict[str, Any]) -> None:
    ps = PowerShell()
    out = ps.add_command("Set-Assistant").add_parameter("Name", "x").invoke(input=["asst a+b", assistant["id"]])
    assert [a.id for a in out] == [assistant["id"]]
    [record] = ps.streams.error
    assert isinstance(record.exception, NotFoundError)
    first = next(r for r in assistant_posts(emulator) if r.path != "/v1/assistants")
    assert first.path == "/v1/assistants/asst a+b"  # encoded once (PSOpenAI encoded it twice, its bug)
    assert "%25" not in first.raw_path
    with pytest.raises(NotFoundError):
        psbridge.invoke("Set-Assistant", "asst_missing", Name="x", ErrorAction="Stop")


def test_set_assistant_verbose_says_updated(emulator: Emulator, assistant: dict[str, Any]) -> None:
    ps = PowerShell()
    ps.add_command("Set-Assistant").add_argument(assistant["id"]).add_parameter("Verbose").invoke()
    assert f'The assistant with id "{assistant["id"]}" has been updated.' in [str(v) for v in ps.streams.verbose]


# == Remove-Assistant =======================================================================


def test_doc_example_1_remove_assistant(emulator: Emulator, assistant: dict[str, Any]) -> None:
    # PS C:\> Remove-Assistant -AssistantId 'asst_abc123'
    ps = PowerShell()
    out = (
        ps.add_command("Remove-Assistant")
        .add_parameter("AssistantId", assistant["id"])
        .add_parameter("Verbose")
        .invoke()
    )
    assert out == []
    assert f'The assistant with id "{assistant["id"]}" has been deleted.' in [str(v) for v in ps.streams.verbose]
    assert assistant["id"] not in emulator.store.assistants
    assert (emulator.requests[-1].method, emulator.requests[-1].path) == ("DELETE", f"/v1/assistants/{assistant['id']}")


def test_doc_example_2_remove_all_assistants(emulator: Emulator, http: httpx.Client) -> None:
    # PS C:\> Get-Assistant -All | Remove-Assistant
    seed_assistants(http, 105)
    emulator.reset_log()
    ps = PowerShell()
    out = ps.add_command("Get-Assistant").add_parameter("All").add_command("Remove-Assistant").invoke()
    assert out == [] and not ps.had_errors
    assert emulator.store.assistants == {}
    methods = [r.method for r in emulator.requests]
    assert methods.count("GET") == 2 and methods.count("DELETE") == 105
    assert emulator.connection_count == 1  # the session's one keep-alive connection, shared by both commands


def test_remove_assistant_parameter_sets(emulator: Emulator, http: httpx.Client) -> None:
    ids = seed_assistants(http, 7)
    typed = [assistant_object(http.get(f"assistants/{i}").json()) for i in ids[:3]]
    emulator.reset_log()
    calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
        ((), {"Assistant": typed[0]}),
        ((typed[1],), {}),
        ((), {"input": [typed[2]]}),
        ((), {"AssistantId": ids[3]}),
        ((ids[4],), {}),
        ((), {"input": [ids[5]]}),
        ((), {"input": [{"assistant_id": ids[6]}]}),
    ]
    for args, params in calls:
        assert psbridge.invoke("Remove-Assistant", *args, **params) == []
    assert [(r.method, r.path) for r in emulator.requests] == [("DELETE", f"/v1/assistants/{i}") for i in ids]
    assert emulator.store.assistants == {}


def test_remove_unknown_assistant(emulator: Emulator, assistant: dict[str, Any]) -> None:
    with pytest.raises(PipelineError) as caught:
        psbridge.invoke("Remove-Assistant", input=["asst_missing", assistant["id"]])
    assert isinstance(caught.value.errors[0].exception, NotFoundError)
    assert assistant["id"] not in emulator.store.assistants  # the later input still ran
    with pytest.raises(NotFoundError):
        psbridge.invoke("Remove-Assistant", "asst_missing", ErrorAction="Stop")
