"""Every network failure is one line naming the host and what to try (`cli.errors.network_message`):
real failures on 127.0.0.1 (a closed port, a server answering 500 or garbage, one that never
answers, plain HTTP spoken to with TLS), and `trade --paper` ending on them with exit code 1."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aitrader.cli.app import app
from aitrader.cli.errors import host_of, network_message


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _server(status: int, body: bytes) -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def failing() -> Iterator[str]:
    yield from _server(500, b"<html>Internal Server Error</html>")


@pytest.fixture
def garbage() -> Iterator[str]:
    yield from _server(200, b"<html>this is not the API</html>")


@pytest.fixture
def silent() -> Iterator[str]:
    """A server that accepts connections and never answers."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(8)
        yield f"http://127.0.0.1:{s.getsockname()[1]}"


def _raised(call: object) -> BaseException:
    try:
        call()  # type: ignore[operator]
    except BaseException as exc:
        return exc
    raise AssertionError("no exception")


def test_connection_refused_names_the_host_and_what_to_try() -> None:
    url = f"http://127.0.0.1:{_closed_port()}"
    exc = _raised(lambda: urllib.request.urlopen(url, timeout=5))
    line = network_message(exc, url)
    assert line is not None
    assert f"connection refused by {host_of(url)}" in line
    assert "is the server running" in line


def test_aiohttp_connection_refused_too() -> None:
    import aiohttp

    url = f"http://127.0.0.1:{_closed_port()}/api/v3/ping"

    async def get() -> None:
        async with aiohttp.ClientSession() as session, session.get(url):
            pass

    exc = _raised(lambda: asyncio.run(get()))
    assert isinstance(exc, aiohttp.ClientConnectorError)
    line = network_message(exc, url)
    assert line is not None
    assert line.startswith("connection refused by 127.0.0.1:")


def test_a_server_error_is_the_status_and_try_again(failing: str) -> None:
    exc = _raised(lambda: urllib.request.urlopen(failing, timeout=5))
    assert network_message(exc, failing) == (
        f"{host_of(failing)} failed with HTTP 500 (a server error on its side): try again in a minute; "
        "check the venue's status page"
    )


def test_an_answer_that_is_not_json(garbage: str) -> None:
    exc = _raised(lambda: json.loads(urllib.request.urlopen(garbage, timeout=5).read()))
    line = network_message(exc, garbage)
    assert line is not None
    assert "answered with something that is not JSON" in line
    assert f"is {garbage} a Binance-compatible REST API?" in line


def test_no_answer_is_a_timeout(silent: str) -> None:
    exc = _raised(lambda: urllib.request.urlopen(silent, timeout=0.2))
    line = network_message(exc, silent)
    assert line is not None
    assert "did not answer in time" in line


def test_tls_spoken_to_a_plain_http_server(garbage: str) -> None:
    https = garbage.replace("http://", "https://")
    exc = _raised(lambda: urllib.request.urlopen(https, timeout=5))
    line = network_message(exc, https)
    assert line is not None
    assert line.startswith(f"TLS handshake with {host_of(https)} failed")
    assert "use http://" in line


def test_dns_failure_and_the_venue_clients_own_errors() -> None:
    import ccxt

    from aitrader.venues.binance.rest_public import PublicRestError

    url = "https://api.binance.example"
    dns = socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    assert network_message(dns, url) == (
        "cannot find the host api.binance.example (DNS lookup failed): check the URL's spelling and "
        "your network/DNS"
    )
    retried = PublicRestError("GET /api/v3/exchangeInfo failed after 6 attempts: HTTP 503")
    assert "failed with HTTP 503" in (network_message(retried, url) or "")
    assert "did not answer in time" in (
        network_message(ccxt.RequestTimeout("binance GET timed out"), url) or ""
    )
    assert "rate limiting" in (network_message(ccxt.DDoSProtection("binance 429"), url) or "")
    assert network_message(ValueError("ema_fast must be < ema_slow"), url) is None


def test_a_password_in_the_url_is_never_shown() -> None:
    assert host_of("postgresql://bot:s3cret@db.lan:5432/x") == "db.lan:5432"


@pytest.fixture
def paper(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """`trade --paper` in a clean folder, retries without waiting (the public REST client retries
    5xx and network errors with backoff before it gives up)."""
    monkeypatch.chdir(tmp_path)
    for key in ("AITRADER_REST_URL", "AITRADER_WS_URL", "AITRADER_VENUE", "AITRADER_CONFIG"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setattr("aitrader.venues.binance.backoff.Backoff.next_delay", lambda self: 0.0)
    return ["trade", "--paper", "--no-view", "--max-runtime", "30", "--journal", str(tmp_path / "j.sqlite")]


def _one_line_error(output: str) -> str:
    errors = [line for line in output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, output
    assert "Traceback" not in output
    return errors[0]


def test_trade_paper_on_a_closed_port(paper: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"http://127.0.0.1:{_closed_port()}"
    monkeypatch.setenv("AITRADER_MARKET_DATA_URL", url)
    result = CliRunner().invoke(app, paper)
    assert result.exit_code == 1
    assert f"prices from {url}" in result.output  # the start-up line says where prices come from
    assert _one_line_error(result.output).startswith(f"error: connection refused by {host_of(url)}")


def test_trade_paper_on_a_failing_server(
    paper: list[str], monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    monkeypatch.setenv("AITRADER_MARKET_DATA_URL", failing)
    result = CliRunner().invoke(app, paper)
    assert result.exit_code == 1
    assert "failed with HTTP 500" in _one_line_error(result.output)


def test_trade_paper_on_a_server_answering_garbage(
    paper: list[str], monkeypatch: pytest.MonkeyPatch, garbage: str
) -> None:
    monkeypatch.setenv("AITRADER_MARKET_DATA_URL", garbage)
    result = CliRunner().invoke(app, paper)
    assert result.exit_code == 1
    assert "answered with something that is not JSON" in _one_line_error(result.output)
