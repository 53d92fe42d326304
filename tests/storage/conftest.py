"""A real PostgreSQL server for the storage tests, started once per session on 127.0.0.1.

initdb + pg_ctl from PATH or /usr/lib/postgresql/*/bin, in a fresh temp folder, on a free port, with
password authentication (the URLs carry a password, as a deployment's would). PostgreSQL refuses
to run as root: as root the server runs as the `postgres` user, else `nobody` (setuid in the child).
Where it cannot start for lack of something (binaries, the driver, a user to drop root to) the
PostgreSQL tests are skipped with a reason that says what is missing; a server that has all it
needs and still fails to start fails the tests, with its log.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import count
from pathlib import Path

import pytest

PG_USER = "aitrader"
PG_PASSWORD = "journal-pw-5f3a"  # a throwaway password for the throwaway server


@dataclass(frozen=True)
class PostgresServer:
    port: int
    password: str = PG_PASSWORD

    def url(self, database: str = "postgres", password: str | None = None) -> str:
        pw = self.password if password is None else password
        return f"postgresql://{PG_USER}:{pw}@127.0.0.1:{self.port}/{database}"


def _bin_dir() -> Path | None:
    """The folder holding initdb and pg_ctl: PATH first, then the newest /usr/lib/postgresql/*/bin."""
    found = shutil.which("initdb")
    candidates = [Path(found).resolve().parent] if found else []
    versions = glob.glob("/usr/lib/postgresql/*/bin")
    candidates += [Path(p) for p in sorted(versions, key=lambda p: int(Path(p).parent.name), reverse=True)]
    return next((d for d in candidates if (d / "initdb").exists() and (d / "pg_ctl").exists()), None)


def _server_user() -> pwd.struct_passwd | None:
    """The user the server runs as: None (ourselves) unless we are root, whom PostgreSQL refuses."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    pytest.skip("running as root with neither a 'postgres' nor a 'nobody' user to run PostgreSQL as")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg, the PostgreSQL driver, is not installed: uv sync --extra postgres")
    bin_dir = _bin_dir()
    if bin_dir is None:
        pytest.skip(
            "PostgreSQL server binaries (initdb, pg_ctl) not found on PATH or in "
            "/usr/lib/postgresql/*/bin: install them (apt-get install postgresql)"
        )
    user = _server_user()
    as_user = {} if user is None else {"user": user.pw_uid, "group": user.pw_gid, "extra_groups": []}
    home = Path(tempfile.mkdtemp(prefix="aitrader-pg-"))
    data, log, pwfile = home / "data", home / "server.log", home / "pw"
    pwfile.write_text(PG_PASSWORD + "\n")
    if user is not None:
        for p in (home, pwfile):
            os.chown(p, user.pw_uid, user.pw_gid)
    initdb = [str(bin_dir / "initdb"), "-D", str(data), "-U", PG_USER, f"--pwfile={pwfile}"]
    initdb += ["--auth=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"]
    done = subprocess.run(initdb, capture_output=True, text=True, check=False, cwd=home, **as_user)
    if done.returncode != 0:
        shutil.rmtree(home, ignore_errors=True)
        pytest.fail(f"initdb failed: {done.stderr.strip()[-500:]}")
    pg_ctl = [str(bin_dir / "pg_ctl"), "-D", str(data)]
    server = None
    for _ in range(3):  # another process may take the free port between the check and the start
        port = _free_port()
        options = f"-c listen_addresses=127.0.0.1 -p {port} -k {home}"
        start = [*pg_ctl, "-l", str(log), "-w", "-t", "60", "-o", options, "start"]
        if subprocess.run(start, capture_output=True, check=False, cwd=home, **as_user).returncode == 0:
            server = PostgresServer(port)
            break
    if server is None:
        tail = log.read_text(errors="replace")[-800:] if log.exists() else "(no log)"
        shutil.rmtree(home, ignore_errors=True)
        pytest.fail(f"PostgreSQL did not start: {tail}")
    try:
        yield server
    finally:
        subprocess.run([*pg_ctl, "-m", "fast", "-w", "stop"], capture_output=True, check=False, **as_user)
        shutil.rmtree(home, ignore_errors=True)


_names = count(1)


@pytest.fixture
def pg_url(postgres: PostgresServer) -> str:
    """The URL of a fresh, empty database on the session's server."""
    import psycopg

    name = f"journal_{next(_names)}"
    with psycopg.connect(postgres.url(), autocommit=True) as c:
        c.execute(f"CREATE DATABASE {name}")
    return postgres.url(name)
