"""schemathesis against the app's own OpenAPI schema: no generated request, however odd, makes the
server fail (a 5xx). The app is attached to the journal of a real run (local exchange, real
candles, an entry protected by OCOs), with control allowed, so every operation has data to serve."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from api_helpers import demo_run, step, until
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from aitrader.api.assemble import build_app
from aitrader.api.auth_config import AuthConfig
from aitrader.api.sources.attached import AttachedSource


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> Any:
    tmp = tmp_path_factory.mktemp("schema")
    reports = tmp / "reports"
    reports.mkdir()
    (reports / "bt.json").write_text(json.dumps({"metrics": {}, "equity_curve": {}, "trades": []}))
    (reports / "opt.json").write_text(json.dumps({"kind": "search", "objectives": []}))

    async def prepare() -> AttachedSource:
        async with demo_run(tmp) as run:
            await step(run, 8)
            await until(lambda: bool(run.source.positions()), "a position")
        source = AttachedSource(tmp / "journal.sqlite")
        await source.start()
        return source  # its REST answers read the journal: no loop needed after this

    source = asyncio.run(prepare())
    auth = AuthConfig("127.0.0.1", None, "control-token-abcdefghijklmnop", allow_control=True)
    return schemathesis.openapi.from_asgi("/openapi.json", build_app(source, auth, reports_dir=reports))


def test_no_request_makes_the_server_fail(api_schema: Any) -> None:
    """Every operation, each with generated requests (schemathesis's pytest loader does not run on
    this pytest: the strategies are driven by hypothesis directly)."""
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 20
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def no_server_error(case: Any) -> None:
            case.call_and_validate(checks=[not_a_server_error], headers={"Host": "127.0.0.1"})

        no_server_error()


def test_the_schema_lists_every_endpoint_of_the_contract(api_schema: Any) -> None:
    paths = set(api_schema.raw_schema["paths"])
    wanted = {
        "/health", "/metrics", "/api/status", "/api/balances", "/api/positions", "/api/orders", "/api/plans",
        "/api/decisions", "/api/rejections", "/api/trades", "/api/equity", "/api/candles", "/api/backtests",
        "/api/backtests/{name}", "/api/optimizations", "/api/chat", "/api/control/pause", "/api/control/resume",
        "/api/control/close/{symbol}", "/api/control/reload",
    }  # fmt: skip
    assert wanted <= paths
    assert Path(__file__).name  # (the WebSocket /ws is not in OpenAPI: tests/api/test_api_ws.py)
