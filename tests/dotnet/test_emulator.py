"""Python -> .NET against the emulator: cmdlets run with .NET objects as input and arguments."""

from __future__ import annotations

from typing import Any

import pytest

import psbridge
from psbridge.emulator import Emulator
from tests.conftest import API_KEY

pytestmark = pytest.mark.dotnet


@pytest.fixture(scope="module")
def System(clr: Any) -> Any:
    import System as system

    return system


def net_secure_key(System: Any, text: str = API_KEY) -> Any:
    return System.Net.NetworkCredential("api", text).SecurePassword


def authorized_with(emulator: Emulator, key: str) -> list[bool]:
    """Per recorded request: whether it carried ``Bearer key`` (the log keeps no keys, only digests)."""
    return [request.credential_is(f"Bearer {key}") for request in emulator.requests]


def test_run_object_from_dotnet_properties_with_dotnet_key_and_base(
    System: Any, helper_types: Any, emulator: Emulator, run: dict[str, Any]
) -> None:
    emulator_requests_before = len(emulator.requests)
    ref = helper_types.RunRef(run["thread_id"], run["id"])
    output = psbridge.invoke(
        "Wait-ThreadRun",
        input=ref,
        ApiKey=net_secure_key(System),
        ApiBase=System.Uri(emulator.base_url),
    )
    assert [item.id for item in output] == [run["id"]]
    assert output[0].status == "completed"
    assert "PSOpenAI.Thread.Run" in output[0].pstypenames
    sent = authorized_with(emulator, API_KEY)[emulator_requests_before:]
    assert sent and all(sent)


def test_hashtable_list_and_numbers_reach_the_request_body(
    System: Any, emulator: Emulator, thread: dict[str, Any], assistant: dict[str, Any]
) -> None:
    from System.Collections import Hashtable as NetHashtable
    from System.Collections.Generic import List

    metadata = NetHashtable()
    metadata["team"] = "dotnet"
    metadata["Build"] = System.String("7")
    include = List[System.String]()
    include.Add("step_details.tool_calls[*].file_search.results[*].content")
    output = psbridge.invoke(
        "Start-ThreadRun",
        ThreadId=thread["id"],
        Assistant=assistant["id"],
        MetaData=metadata,
        Include=include,
        Temperature=System.Decimal(0.25),
        MaxPromptTokens=System.Int64(1000),
        ApiKey=net_secure_key(System),
        ApiBase=System.Uri(emulator.base_url),
    )
    assert output[0].status in ("queued", "in_progress")
    create = next(r for r in emulator.requests if r.method == "POST" and r.path.endswith("/runs"))
    assert create.body["metadata"] == {"team": "dotnet", "Build": "7"}
    assert create.body["temperature"] == 0.25
    assert create.body["max_prompt_tokens"] == 1000
    assert ("include[]", "step_details.tool_calls[*].file_search.results[*].content") in create.query


def test_list_of_ids_is_pipeline_input(System: Any, emulator: Emulator, http: Any) -> None:
    from System.Collections.Generic import List

    ids = List[System.String]()
    for _ in range(3):
        ids.Add(http.post("threads", json={}).json()["id"])
    output = psbridge.invoke(
        "Get-Thread", input=ids, ApiKey=net_secure_key(System), ApiBase=System.Uri(emulator.base_url)
    )
    assert [item.id for item in output] == list(ids)


def test_wrong_dotnet_key_never_shows(System: Any, emulator: Emulator, thread: dict[str, Any]) -> None:
    wrong = "sk-wrong-dotnet-key-must-not-leak-42"
    with pytest.raises(psbridge.PSError) as caught:
        psbridge.invoke(
            "Get-Thread",
            thread["id"],
            ApiKey=net_secure_key(System, wrong),
            ApiBase=System.Uri(emulator.base_url),
            ErrorAction="Stop",
        )
    assert authorized_with(emulator, wrong)[-1]  # it was sent, as a header only
    error = caught.value
    texts = [str(error), repr(error), error.error_record.format(), repr(error.error_record)]
    assert all(wrong not in text for text in texts)
    bound = psbridge.bind("Get-Thread", thread["id"], ApiKey=net_secure_key(System, wrong))
    assert wrong not in repr(bound) and wrong not in str(bound.bound_parameters)
