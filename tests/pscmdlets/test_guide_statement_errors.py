"""A cmdlet's terminating error ends its statement, not the script (about_Error_Handling).

Search_for_articles_using_embedding.ipynb downloads its data set with Invoke-WebRequest and reads
it on the next line; when the download fails, pwsh reports it and goes on: Get-Content says the
file is missing.  psbridge used to stop the whole script at the download.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from psbridge.hosting import PowerShell


@pytest.fixture
def closed_url() -> str:
    with socket.socket() as probe:  # a loopback port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/AG_news_samples.csv"


def test_the_script_goes_on_after_a_failed_download(closed_url: str, tmp_path: Path) -> None:
    shell = PowerShell()
    shell.add_command("Set-Location").add_parameter("LiteralPath", str(tmp_path)).invoke()
    shell.clear().add_script(
        f"$DatasetUrl = '{closed_url}'\n"
        "Invoke-WebRequest -Uri $DatasetUrl -OutFile '.\\AG_news_samples.csv'\n"
        "$Dataset = Get-Content '.\\AG_news_samples.csv' | ConvertFrom-Csv\n"
        "'next statement'"
    )
    assert shell.invoke() == ["next statement"]
    assert [record.fully_qualified_error_id for record in shell.streams.error] == [
        "WebCmdletWebResponseException,Microsoft.PowerShell.Commands.InvokeWebRequestCommand",
        "PathNotFound,Microsoft.PowerShell.Commands.GetContentCommand",
    ]
    assert not (tmp_path / "AG_news_samples.csv").exists()


def test_try_catch_and_stop_still_see_it(closed_url: str) -> None:
    shell = PowerShell()
    shell.add_script(
        f"try {{ Invoke-WebRequest -Uri '{closed_url}'; 'not here' }} catch {{ 'caught' }}\n"
        "$ErrorActionPreference = 'Stop'\n"
        f"Invoke-WebRequest -Uri '{closed_url}'\n"
        "'not printed'"
    )
    with pytest.raises(Exception) as caught:
        shell.invoke()
    assert caught.value.output == ["caught"]  # type: ignore[attr-defined]


def test_a_refused_connection_names_the_default_port(monkeypatch: pytest.MonkeyPatch, closed_url: str) -> None:
    # The notebook's https download, sent to a proxy that refuses: .NET names host and port 443.
    proxy = closed_url.rsplit("/", 1)[0]
    for name in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.setenv(name, proxy)
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    shell = PowerShell()
    shell.add_script("Invoke-WebRequest -Uri 'https://raw.githubusercontent.com/openai/AG_news_samples.csv'")
    shell.invoke()
    (record,) = shell.streams.error
    assert record.message == "Connection refused (raw.githubusercontent.com:443)"
