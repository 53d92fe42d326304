"""`aitrader exchange serve`: prints its URLs, key and client snippets; Ctrl-C stops it cleanly."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import requests
import typer
from typer.testing import CliRunner

from aitrader.cli.commands.exchange import register
from aitrader.venues.local import DEFAULT_API_KEY

LAUNCH = (
    "import typer; from aitrader.cli.commands.exchange import register; "
    "app = typer.Typer(); register(app); app()"
)


def _app() -> typer.Typer:
    app = typer.Typer()
    register(app)
    return app


def test_serve_prints_urls_key_and_snippets() -> None:
    result = CliRunner().invoke(
        _app(),
        ["exchange", "serve", "--symbols", "BTCUSDT", "--speed", "step", "--port", "0", "--run-for", "0.2"],
    )
    assert result.exit_code == 0, result.output
    out = result.output
    assert "REST    http://127.0.0.1:" in out
    assert "/ws-api/v3" in out
    assert DEFAULT_API_KEY in out
    assert "set_sandbox_mode(True)" in out
    assert "BaseClient.API_TESTNET_URL" in out
    assert "local exchange stopped" in out


def test_serve_reports_bad_input_in_one_line() -> None:
    runner = CliRunner()
    bad = runner.invoke(_app(), ["exchange", "serve", "--balances", "USDT=lots", "--run-for", "0.1"])
    assert bad.exit_code == 1
    assert "--balances" in bad.output
    unknown = runner.invoke(
        _app(), ["exchange", "serve", "--symbols", "DOGEUSDT", "--port", "0", "--run-for", "0.1"]
    )
    assert unknown.exit_code == 1
    assert "no sample data for DOGEUSDT" in unknown.output
    assert "Traceback" not in unknown.output


def test_ctrl_c_stops_the_server_cleanly() -> None:
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            LAUNCH,
            "exchange",
            "serve",
            "--symbols",
            "BTCUSDT",
            "--port",
            "0",
            "--speed",
            "60",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert proc.stdout is not None
    rest = ""
    deadline = time.time() + 60
    while time.time() < deadline and not rest:
        line = proc.stdout.readline()
        if "REST" in line:
            rest = line.split()[1]
    assert rest.startswith("http://127.0.0.1:")
    assert requests.get(f"{rest}/ping", timeout=5).json() == {}
    proc.send_signal(signal.SIGINT)
    out, _ = proc.communicate(timeout=30)
    assert proc.returncode in (0, 130)
    assert "stopped" in out
    assert "Traceback" not in out


def test_serve_rejects_a_start_outside_the_data_naming_each_span() -> None:
    result = CliRunner().invoke(
        _app(),
        [
            "exchange",
            "serve",
            "--symbols",
            "BTCUSDT",
            "--from",
            "2030-01-01",
            "--port",
            "0",
            "--run-for",
            "0.1",
        ],
    )
    assert result.exit_code == 1
    assert "--from 2030-01-01 00:00 is outside the data of BTCUSDT" in result.output
    assert "BTCUSDT 20" in result.output
    assert " .. 20" in result.output
    assert "REST" not in result.output
    assert "Traceback" not in result.output


def test_serve_rejects_speed_zero_and_points_to_step() -> None:
    result = CliRunner().invoke(
        _app(), ["exchange", "serve", "--speed", "0", "--port", "0", "--run-for", "0.1"]
    )
    assert result.exit_code == 1
    assert "use --speed step for manual stepping" in result.output
    assert "REST" not in result.output
