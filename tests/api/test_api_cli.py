"""`aitrader serve`, `demo --serve` and `trade --serve` from the command line: bad input is one line
and exit code 1 before anything starts; `demo --serve` prints its URL and answers while it trades,
and `aitrader serve` attaches to it through its session file."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pytest
from typer.testing import CliRunner

from aitrader.cli.app import app
from aitrader.cli.commands.demo import DEMO_SYMBOLS

URL = re.compile(r"http://127\.0\.0\.1:\d+")


@pytest.fixture
def clean_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # no .env or aitrader.toml of the checkout
    for key in ("AITRADER_API_TOKEN", "AITRADER_API_CONTROL_TOKEN", "AITRADER_API_PORT", "AITRADER_JOURNAL"):
        monkeypatch.delenv(key, raising=False)
    return tmp_path


@pytest.fixture
def busy_port() -> Iterator[int]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(1)
    yield sock.getsockname()[1]
    sock.close()


def _one_line_error(args: list[str], words: str) -> None:
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert lines[0].startswith("error: ")
    assert words in lines[0]
    assert "Traceback" not in result.output


def test_bad_input_is_one_line_before_anything_starts(clean_env: Path, busy_port: int) -> None:
    journal = clean_env / "journal.sqlite"
    journal.write_bytes(b"")
    _one_line_error(["serve", "--host", "0.0.0.0"], "--token")
    _one_line_error(["serve"], "aitrader demo")
    _one_line_error(["serve", "--journal", str(clean_env / "none.sqlite")], "no journal at")
    _one_line_error(["serve", "--journal", str(journal), "--reports", str(clean_env / "nope")], "--reports")
    _one_line_error(["serve", "--journal", str(journal), "--port", str(busy_port)], "cannot listen")
    _one_line_error(["serve", "--journal", str(journal), "--host", "no-such-host.invalid"], "--host")
    _one_line_error(["demo", "--port", "9000"], "go with --serve")
    _one_line_error(["demo", "--serve", "--allow-control"], "AITRADER_API_CONTROL_TOKEN")
    _one_line_error(["demo", "--serve", "--chat"], "cannot be combined")
    _one_line_error(["demo", "--serve", "--port", str(busy_port)], "cannot listen")
    _one_line_error(["trade", "--paper", "--serve", "--allow-control"], "AITRADER_API_CONTROL_TOKEN")


def _get(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=30) as r:
        return json.loads(r.read())


def _running_status(url: str, timeout_s: float = 60.0) -> Any:
    """The API's status once the run has its id: the server answers from its first moment, the run id
    comes with the runner a little later (sooner or later than the first request, by machine)."""
    end = time.monotonic() + timeout_s
    status = _get(f"{url}/api/status")
    while status["run_id"] is None and time.monotonic() < end:
        time.sleep(0.2)
        status = _get(f"{url}/api/status")
    return status


def _line_with(stream: IO[str], pattern: str, seen: list[str]) -> str:
    """Read lines until one holds `pattern` (the process's end ends the wait)."""
    for line in stream:
        seen.append(line)
        if pattern in line:
            return line
    raise AssertionError(f"{pattern!r} never came:\n{''.join(seen)}")


def test_demo_serve_answers_while_it_trades_and_serve_attaches_to_it(clean_env: Path) -> None:
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "COLUMNS": "200"}
    cli = [sys.executable, "-m", "aitrader.cli.app"]
    demo = subprocess.Popen(
        [*cli, "demo", "--serve", "--port", "0", "--no-view", "--max-candles", "200", "--max-runtime", "120",
         "--speed", "60"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=clean_env,
    )  # fmt: skip
    seen: list[str] = []
    try:
        assert demo.stdout is not None
        line = _line_with(demo.stdout, "API and dashboard on", seen)
        match = URL.search(line)
        assert match is not None
        inside = match.group(0)
        assert _get(f"{inside}/health")["mode"] == "demo"
        status = _running_status(inside)
        assert status["run_id"] is not None
        # the demo trades every symbol the local exchange replays, as one portfolio
        assert (status["source"], status["mode"], status["symbols"]) == (
            "in-process",
            "demo",
            list(DEMO_SYMBOLS),
        )
        with urllib.request.urlopen(f"{inside}/", timeout=30) as page:  # the dashboard's files
            assert page.status == 200
        serve = subprocess.Popen(
            [*cli, "serve", "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
            cwd=clean_env,
        )  # fmt: skip
        try:
            assert serve.stdout is not None
            head = _line_with(serve.stdout, "serving the running demo", [])
            if "(Ctrl-C stops)" not in head:  # a narrow terminal wraps the line
                head += serve.stdout.readline()
            beside = URL.findall(head)[-1]  # the first is the demo's exchange
            attached = _get(f"{beside}/api/status")
            assert attached["source"] == "attached"
            assert attached["run_id"] == status["run_id"]
            assert attached["symbols"] == list(DEMO_SYMBOLS)
            serve.send_signal(signal.SIGINT)
            assert serve.wait(60) == 0
        finally:
            serve.kill()
        demo.send_signal(signal.SIGINT)  # Ctrl-C ends the run, and the server with it
        rest = demo.communicate(timeout=180)[0]
        assert demo.returncode == 0, "".join(seen) + rest
        assert "run summary" in rest
    finally:
        demo.kill()
