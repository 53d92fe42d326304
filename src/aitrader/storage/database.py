"""Open the journal database from what the user gave: a file path or a database URL.

    open_database("var/journal.sqlite")                            # a SQLite file (folder created)
    open_database(None)  /  open_database(":memory:")              # SQLite in memory
    open_database("sqlite:///var/journal.sqlite")                  # the same file, as a URL
    open_database("postgresql://bot:secret@db.lan:5432/aitrader")  # PostgreSQL through psycopg 3

SQLite runs in WAL mode with `synchronous=NORMAL`, or `FULL` when `durable` (the live journal: a
commit is on disk before the order it announces is sent). PostgreSQL needs nothing for that: a
commit is durable under the server's default `synchronous_commit=on`. `read_only` opens SQLite with
`mode=ro` and PostgreSQL in read-only transactions, so a reader can never write.

Every way opening can fail (a malformed URL, a missing driver, a server that refuses or does not
answer, a file that cannot be created) is one `DatabaseOpenError` whose one-line message names the
database, password masked, and says what to do.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError

from aitrader.storage.target import is_url

__all__ = ["DatabaseOpenError", "database_url", "describe", "is_url", "open_database", "sqlite_file"]

_PASSWORD = re.compile(r"(://[^:/@]*):[^@]*@")
_BACKENDS = ("sqlite", "postgresql")
_URL_FORMS = "a file path, sqlite:///FILE or postgresql://USER:PASSWORD@HOST:PORT/DATABASE"
_DRIVER_HINT = "install the PostgreSQL driver: uv sync --extra postgres (or pip install 'aitrader[postgres]')"


class DatabaseOpenError(ValueError):
    """The journal database cannot be opened; the message is one line that says why and what to do."""


def describe(target: str | Path | None) -> str:
    """`target` as it may be shown to a person: a path as given, a URL with its password masked."""
    if target is None:
        return ":memory:"
    if not is_url(target):
        return str(target)
    try:
        return make_url(str(target)).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return _PASSWORD.sub(r"\1:***@", str(target))


def database_url(target: str | Path | None) -> URL:
    """The SQLAlchemy URL for `target`; a bare `postgresql://` (or `postgres://`) gets psycopg 3."""
    if target is None or str(target) == ":memory:":
        return make_url("sqlite://")
    if not is_url(target):
        return URL.create("sqlite", database=str(Path(target)))
    url = make_url(str(target))
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    return url


def sqlite_file(target: str | Path | None) -> Path | None:
    """The SQLite file behind `target`; None for an in-memory or a server database."""
    url = database_url(target)
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


def open_database(target: str | Path | None, *, read_only: bool = False, durable: bool = False) -> Engine:
    """An Engine on `target` (see the module docstring), checked by one connection."""
    shown = describe(target)
    try:
        url = database_url(target)
    except (ArgumentError, ValueError):  # malformed (a port that is not a number, …)
        raise DatabaseOpenError(
            f"{shown} is not a database URL aitrader can open: give {_URL_FORMS}"
        ) from None
    backend = url.get_backend_name()
    if backend not in _BACKENDS:
        raise DatabaseOpenError(
            f"{shown} is not a database URL aitrader can open ({backend}): give {_URL_FORMS}"
        )
    engine: Engine | None = None
    try:
        engine = _sqlite(url, read_only, durable) if backend == "sqlite" else _server(url, read_only)
        engine.connect().close()  # fail here, with the URL, rather than on the first query
    except (SQLAlchemyError, ImportError, OSError) as exc:
        if engine is not None:
            engine.dispose()
        raise DatabaseOpenError(_explain(shown, target, exc)) from None
    return engine


def _sqlite(url: URL, read_only: bool, durable: bool) -> Engine:
    path = url.database
    if not path or path == ":memory:":
        engine = create_engine("sqlite://")
    elif read_only:  # no pragmas: a reader changes nothing, not even the journal mode
        return create_engine(f"sqlite:///file:{Path(path).resolve()}?mode=ro&uri=true")
    else:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url)
    event.listen(engine, "connect", _pragmas("FULL" if durable else "NORMAL"))
    return engine


def _pragmas(synchronous: str) -> Any:
    def set_pragmas(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute(f"PRAGMA synchronous={synchronous}")
        cur.execute("PRAGMA busy_timeout=5000")  # sqlite3's own default, stated where it matters
        cur.close()

    return set_pragmas


def _server(url: URL, read_only: bool) -> Engine:
    options = {"postgresql_readonly": True} if read_only else {}
    return create_engine(url, pool_pre_ping=True, execution_options=options)


def _explain(shown: str, target: str | Path | None, exc: BaseException) -> str:
    where = f"cannot open the journal database {shown}"
    if isinstance(exc, ImportError):
        return f"{where}: its driver is not installed ({exc.name or exc}); {_DRIVER_HINT}"
    if isinstance(exc, ArgumentError | NoSuchModuleError):  # e.g. postgresql+nosuchdriver://
        return f"{shown} is not a database URL aitrader can open: give {_URL_FORMS}"
    if isinstance(exc, OSError):
        return f"{where}: {exc.strerror or exc} ({exc.filename}); check the path and its permissions"
    reason = str(exc.orig if isinstance(exc, DBAPIError) else exc).strip().splitlines()
    text = reason[0].strip() if reason else type(exc).__name__
    password = make_url(str(target)).password if is_url(target) else None
    if password:
        text = text.replace(str(password), "***")
    if is_url(target) and not str(target).startswith("sqlite"):
        return f"{where}: {text}; check the URL, that the server is running and that it accepts this user"
    return f"{where}: {text}; check the path and its permissions"
