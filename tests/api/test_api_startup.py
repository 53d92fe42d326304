"""`trade --serve` keeps start-up protection first: nothing of the web stack is imported until the
runner has reconciled the journal with the venue and re-protected; the server then comes up in the
run's own loop. Run in a fresh interpreter, against the local exchange on 127.0.0.1."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

SCRIPT = textwrap.dedent(
    """
    import asyncio, json, sys, urllib.request
    from pathlib import Path

    import aitrader.cli.commands.trade  # what `trade` itself imports at start
    import aitrader.cli.commands.serve
    from aitrader.api.auth_config import AuthConfig
    from aitrader.api.embedded import EmbeddedApi
    from aitrader.api.listen import bind, url_of
    from aitrader.live.config import local_exchange_config
    from aitrader.live.runner import LiveRunner
    from aitrader.venues.local import LocalExchange, LocalExchangeConfig

    HEAVY = ("fastapi", "starlette", "uvicorn", "prometheus_client")
    seen = {}

    def heavy():
        return [m for m in HEAVY if m in sys.modules]

    async def main():
        config = LocalExchangeConfig(symbols=("BTCUSDT",), start_ms=1_679_250_480_000, speed=0.0)
        async with LocalExchange(config) as ex:
            runner = LiveRunner(local_exchange_config(ex, Path(sys.argv[1]), venue_name="local", window=2400))
            sock = bind("127.0.0.1", 0)
            url = url_of(sock, "127.0.0.1")
            api = EmbeddedApi(sock, AuthConfig(), url, lambda line: None, mode="live")
            api.attach(runner)
            seen["before_start"] = heavy()
            protect = runner.protect_first

            async def watched(venue):
                report = await protect(venue)
                seen["protected_with"] = heavy()
                return report

            runner.protect_first = watched
            task = asyncio.create_task(runner.run())
            while api._server is None or not api._server.started:
                assert not task.done(), "the run ended"
                await asyncio.sleep(0.02)
            seen["served_with"] = heavy()
            health = await asyncio.to_thread(lambda: urllib.request.urlopen(url + "/health", timeout=30).read())
            seen["health"] = json.loads(health)
            runner.request_stop("test over")
            await task
            await api.stop()

    asyncio.run(main())
    print(json.dumps(seen))
    """
)


def test_trade_serve_imports_the_web_stack_only_after_protection(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["before_start"] == []
    assert seen["protected_with"] == []  # reconciled and re-protected before any of it loads
    assert set(seen["served_with"]) >= {"fastapi", "uvicorn"}
    assert seen["health"]["status"] == "ok"
