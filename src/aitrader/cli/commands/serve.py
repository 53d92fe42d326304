"""`aitrader serve`: the web API and dashboard beside a run, from its journal (docs/api.md).

It attaches to the newest running `demo` or `trade` (its session file), else to the journal
(`--journal`, else the configured one), and follows it read-only. Loopback by default; any other
host needs a token. Control (pause, close, reload) acts on a kernel, so it exists only in-process:
`demo --serve` and `trade --serve` (`embedded_api`, shared with them here).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from aitrader.cli import options
from aitrader.cli.errors import fail

if TYPE_CHECKING:
    from rich.console import Console

    from aitrader.api.embedded import EmbeddedApi
    from aitrader.api.reload import ReloadSettings
    from aitrader.config.settings import Settings

LOOPBACK = "127.0.0.1"
REPORTS = Path("var/reports")  # backtest/optimize --json results the API lists by default


def serve_option() -> Any:
    return typer.Option(
        False, "--serve", help="Serve the web API and dashboard on 127.0.0.1 while it runs (docs/api.md)."
    )


def port_option() -> Any:
    return typer.Option(
        None, "--port", metavar="PORT", min=0, max=65_535,
        help="Port of the API (default: AITRADER_API_PORT, else 8765; 0 picks a free one).",
    )  # fmt: skip


def control_option() -> Any:
    return typer.Option(
        False, "--allow-control",
        help="Allow pause/resume of entries, closing a position and reloading settings through the "
        "API (needs AITRADER_API_CONTROL_TOKEN).",
    )  # fmt: skip


def notifier(settings: Settings) -> Any:
    """The notifications the settings ask for (None when none); one line when they are unusable."""
    from aitrader.notify.config import notifier_from_settings
    from aitrader.notify.targets import NotifyConfigError

    try:
        return notifier_from_settings(settings)
    except NotifyConfigError as exc:
        fail(str(exc))


def embedded_api(
    console: Console,
    settings: Settings,
    port: int | None,
    allow_control: bool,
    mode: str,
    reload: ReloadSettings,
) -> EmbeddedApi:
    """`--serve` of demo and trade, checked and bound before the run starts (light imports only)."""
    from aitrader.api.auth_config import AuthConfig, AuthSetupError
    from aitrader.api.embedded import EmbeddedApi
    from aitrader.api.listen import ListenError, bind, url_of

    auth = AuthConfig(
        LOOPBACK, settings.api_token.get_secret_value() or None,
        settings.api_control_token.get_secret_value() or None, allow_control,
    )  # fmt: skip
    try:
        auth.check()
        sock = bind(LOOPBACK, settings.api_port if port is None else port)
    except (AuthSetupError, ListenError) as exc:
        fail(str(exc))

    def say(line: str) -> None:
        console.print(line, highlight=False, markup=False, soft_wrap=True)

    return EmbeddedApi(
        sock, auth, url_of(sock, LOOPBACK), say, mode=mode, reload=reload, reports_dir=REPORTS,
        notifier=notifier(settings),
    )  # fmt: skip


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        host: str = typer.Option(
            LOOPBACK,
            "--host",
            metavar="HOST",
            help="Interface to listen on; anything but loopback needs a token.",
        ),
        port: int | None = port_option(),
        token: str | None = typer.Option(
            None,
            "--token",
            metavar="TOKEN",
            help="Read token (default: AITRADER_API_TOKEN; the environment keeps it out of `ps`).",
        ),
        journal: str | None = options.journal(
            "default: the newest running session's, else env, aitrader.toml"
        ),
        reports: Path | None = typer.Option(
            None,
            "--reports",
            metavar="DIR",
            help="Folder of backtest/optimize --json results (default: var/reports).",
        ),
        config: Path | None = options.config(),
    ) -> None:
        """Serve the web API, WebSocket events and dashboard for a running session or a journal."""
        import asyncio

        from rich.console import Console

        from aitrader.api.auth_config import AuthConfig, AuthSetupError
        from aitrader.api.listen import ListenError, bind, url_of
        from aitrader.api.sources.locate import LocateError, locate
        from aitrader.config import SettingsError, load_settings

        console = Console()
        try:
            settings = load_settings(allow_mainnet=True)
        except SettingsError as exc:
            fail(str(exc))
        auth = AuthConfig(host, token or settings.api_token.get_secret_value() or None)
        try:
            auth.check()
            found = locate(journal, settings, config)
        except (AuthSetupError, LocateError) as exc:
            fail(str(exc))
        folder = reports if reports is not None else REPORTS
        if reports is not None and not reports.is_dir():
            fail(f"--reports {reports}: no such folder")
        try:
            sock = bind(host, settings.api_port if port is None else port)
        except ListenError as exc:
            fail(str(exc))
        line = f"serving {found.line}; API and dashboard on {url_of(sock, host)} (Ctrl-C stops)"
        console.print(line, highlight=False, markup=False)
        try:
            asyncio.run(_serve(found, auth, sock, folder, notifier(settings)))
        except KeyboardInterrupt:
            pass
        except Exception as exc:  # the journal cannot be read: one line
            fail(f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else 'failed'}")


async def _serve(found: Any, auth: Any, sock: Any, reports: Path, notify: Any) -> None:
    from aitrader.api.assemble import build_app
    from aitrader.api.server import missing_websocket, server_for
    from aitrader.api.sources.attached import AttachedSource

    if (missing := missing_websocket()) is not None:
        print(missing)
    source = AttachedSource(found.journal, found.session)
    if notify is not None:
        notify.attach(source.hub)
    try:
        await source.start()
        await server_for(build_app(source, auth, reports), embedded=False).serve(sockets=[sock])
    finally:
        await source.stop()
        if notify is not None:
            notify.close(timeout_s=5.0)
        sock.close()
