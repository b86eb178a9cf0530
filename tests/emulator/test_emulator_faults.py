"""Fault injection: error statuses with headers, delays, dropped connections."""

from __future__ import annotations

import time

import httpx
import pytest

from psbridge.emulator import Emulator, Fault
from tests.emulator.emulator_helpers import Api, assert_error

RUN_PATH = r"/threads/[^/]+/runs/[^/]+$"


def test_429_with_retry_headers_then_normal(api: Api, emu: Emulator, client: httpx.Client) -> None:
    asst = api.assistant()
    emu.faults.add(
        Fault(
            method="GET",
            path=r"/assistants/",
            status=429,
            headers={"retry-after-ms": "10", "Retry-After": "1"},
        )
    )
    first = client.get(f"assistants/{asst['id']}")
    error = assert_error(first, 429, "rate_limit_exceeded")
    assert "quota" not in error["message"]  # PSOpenAI would not retry a quota error
    assert first.headers["retry-after-ms"] == "10" and first.headers["retry-after"] == "1"
    assert first.headers["x-request-id"]
    second = client.get(f"assistants/{asst['id']}")
    assert second.status_code == 200 and second.json() == asst
    assert len(emu.faults) == 0


@pytest.mark.parametrize(
    ("status", "kind"), [(500, "server_error"), (502, "server_error"), (503, "server_error")]
)
def test_server_errors(client: httpx.Client, emu: Emulator, status: int, kind: str) -> None:
    emu.faults.add(Fault(status=status))
    assert assert_error(client.get("assistants"), status)["type"] == kind
    assert client.get("assistants").status_code == 200


def test_x_should_retry_and_custom_body(client: httpx.Client, emu: Emulator) -> None:
    body = {"error": {"message": "try later", "type": "custom", "param": None, "code": "busy"}}
    emu.faults.add(Fault(status=400, headers={"x-should-retry": "true"}, body=body))
    response = client.get("assistants")
    assert response.status_code == 400 and response.headers["x-should-retry"] == "true"
    assert response.json() == body


def test_text_body(client: httpx.Client, emu: Emulator) -> None:
    emu.faults.add(Fault(status=502, body="<html>bad gateway</html>"))
    response = client.get("assistants")
    assert response.status_code == 502 and response.text == "<html>bad gateway</html>"
    assert response.headers["content-type"].startswith("text/plain")


def test_times_and_forever(client: httpx.Client, emu: Emulator) -> None:
    emu.faults.add(Fault(status=500, times=2))
    assert [client.get("assistants").status_code for _ in range(3)] == [500, 500, 200]
    forever = emu.faults.add(Fault(status=503, times=None))
    assert [client.get("assistants").status_code for _ in range(3)] == [503, 503, 503]
    emu.faults.remove(forever)
    assert client.get("assistants").status_code == 200
    emu.faults.add(Fault(status=503, times=None))
    emu.faults.clear()
    assert client.get("assistants").status_code == 200


def test_method_and_path_filters(api: Api, emu: Emulator, client: httpx.Client) -> None:
    asst = api.assistant()
    thread = api.thread("x")
    run = api.run(thread["id"], asst["id"])
    emu.faults.add(Fault(method="GET", path=RUN_PATH, status=500, times=None))
    assert client.get(f"threads/{thread['id']}/runs").status_code == 200  # list: path does not match
    assert (
        client.post(f"threads/{thread['id']}/runs/{run['id']}", json={}).status_code == 200
    )  # method differs
    assert client.get(f"threads/{thread['id']}/runs/{run['id']}").status_code == 500
    assert client.get(f"threads/{thread['id']}/runs/{run['id']}/steps").status_code == 200


def test_faults_apply_in_order_of_addition(client: httpx.Client, emu: Emulator) -> None:
    emu.faults.add(Fault(path="/assistants", status=429))
    emu.faults.add(Fault(status=500))
    assert [client.get("assistants").status_code for _ in range(3)] == [429, 500, 200]


def test_faults_come_before_authentication(emu: Emulator) -> None:
    emu.faults.add(Fault(status=429))
    assert httpx.get(emu.base_url + "/assistants").status_code == 429


def test_delay_then_real_answer(client: httpx.Client, emu: Emulator) -> None:
    emu.faults.add(Fault(status=None, delay_sec=0.2))
    started = time.monotonic()
    response = client.get("assistants")
    assert response.status_code == 200
    assert time.monotonic() - started >= 0.2


def test_delay_can_trip_a_client_timeout(client: httpx.Client, emu: Emulator) -> None:
    emu.faults.add(Fault(status=None, delay_sec=0.5))
    with pytest.raises(httpx.ReadTimeout):
        client.get("assistants", timeout=0.1)


def test_dropped_connection_then_normal(client: httpx.Client, emu: Emulator) -> None:
    emu.faults.add(Fault(method="POST", path="^/threads$", drop_connection=True))
    with pytest.raises(httpx.RemoteProtocolError):
        client.post("threads", json={})
    assert client.post("threads", json={}).status_code == 200
    assert len(emu.store.threads) == 1  # the dropped request had no effect
    assert [r.method for r in emu.requests] == ["POST", "POST"]


def test_faulted_requests_are_recorded(client: httpx.Client, emu: Emulator) -> None:
    emu.faults.add(Fault(status=500))
    client.get("assistants", params={"limit": 5})
    client.get("assistants", params={"limit": 5})
    first, second = emu.requests
    assert first.path == "/v1/assistants" and first.query == [("limit", "5")]
    assert second.connection_id == first.connection_id


def test_fault_validation() -> None:
    with pytest.raises(ValueError):
        Fault(times=0)
    with pytest.raises(ValueError):
        Fault(status=42)
    with pytest.raises(ValueError):
        Fault(delay_sec=-1)
