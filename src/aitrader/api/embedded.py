"""`demo --serve` and `trade --serve`: the API inside the run, in the run's own event loop.

Start-up stays protection first. The command binds the port and builds this object before the run
(a busy port or missing token is refused at once, in one line); nothing of FastAPI or uvicorn is
imported then. The runner, once built, is handed over (`live.session.run_session(on_runner=...)`):
the source follows it. When the runner has reconciled the journal, re-protected and built its
kernel (`LiveRunner.on_kernel`), the web stack is imported in a worker thread and uvicorn's
`Server.serve()` runs as a task of the run's loop; the URL is told then. The server stops with the
run (`stop`), leaving Ctrl-C to the run. A server that fails never stops the run: it says so once.

Stdlib and the light API modules only at import time: `trade` imports this before it reconciles.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import logging
import socket
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aitrader.api.sources.in_process import InProcessSource

if TYPE_CHECKING:
    from aitrader.api.auth_config import AuthConfig
    from aitrader.api.reload import ReloadSettings
    from aitrader.engine.kernel import Kernel
    from aitrader.live.runner import LiveRunner

log = logging.getLogger(__name__)


class EmbeddedApi:
    def __init__(
        self,
        sock: socket.socket,
        auth: AuthConfig,
        url: str,
        on_url: Callable[[str], None],
        mode: str | None = None,
        reload: ReloadSettings | None = None,
        reports_dir: Path | None = None,
        notifier: Any = None,
    ) -> None:
        self.sock = sock
        self.auth = auth
        self.url = url
        self.on_url = on_url
        self.reports_dir = reports_dir
        self.notifier = notifier
        self.source = InProcessSource(mode=mode, allow_control=auth.allow_control, reload=reload)
        if notifier is not None:
            notifier.attach(self.source.hub)
        self.runner: LiveRunner | None = None
        self._server: Any = None
        self._task: asyncio.Task[None] | None = None

    def attach(self, runner: LiveRunner) -> None:
        """The run's runner, built and not started (`run_session(on_runner=...)`)."""
        self.runner = runner
        self.source.attach(runner)
        follow = runner.on_kernel

        def kernel_ready(kernel: Kernel) -> None:
            if follow is not None:
                follow(kernel)
            self._task = asyncio.get_running_loop().create_task(self._serve())

        runner.on_kernel = kernel_ready

    async def _serve(self) -> None:
        try:
            await self.source.start()
            server_module = await asyncio.to_thread(importlib.import_module, "aitrader.api.server")
            assemble = await asyncio.to_thread(importlib.import_module, "aitrader.api.assemble")
            app = assemble.build_app(self.source, self.auth, self.reports_dir)
            self._server = server_module.server_for(app, embedded=True)
            self._tell(f"API and dashboard on {self.url}")
            if (missing := server_module.missing_websocket()) is not None:
                self._tell(missing)
            await self._server.serve(sockets=[self.sock])
        except asyncio.CancelledError:
            raise
        except BaseException as exc:  # uvicorn exits with SystemExit on a failed start: never the run's end
            log.warning("the API stopped: %s", type(exc).__name__)
            self._tell(f"the API stopped ({type(exc).__name__}: {exc}); trading goes on")

    def _tell(self, line: str) -> None:
        if self.runner is not None:
            self.runner.state.event(line)
        with contextlib.suppress(Exception):
            self.on_url(line)

    async def stop(self) -> None:
        """The run is over: its end is published, then the server closes (its clients are told)."""
        try:
            await self.source.stop()
        except Exception:  # the run is over whatever the API says; the server still closes
            log.exception("the API could not publish the run's end")
        if self._server is not None:
            self._server.should_exit = True
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await asyncio.wait_for(self._task, timeout=10)
        if self.notifier is not None:
            with contextlib.suppress(Exception):
                await self.notifier.aclose(timeout_s=5.0)
        self.sock.close()
