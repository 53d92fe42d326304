#!/usr/bin/env bash
# The project's test command: lint, type-check, then the test suite. Used by .ci/run and the README.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v uv >/dev/null 2>&1 || python3 -m pip install --quiet uv
uv sync --locked --quiet --extra postgres --extra ray --extra rl --extra rllib  # psycopg: the PostgreSQL journal tests; ray: the Ray optimize backend; rl + rllib: PyTorch (CPU build), gymnasium and RLlib for aitrader.rl
# our own modules as bytecode too (uv compiles the installed packages; the project is an editable
# install): the tests start hundreds of Python processes, which would each compile them again
# where bytecode is never written (PYTHONDONTWRITEBYTECODE)
uv run python -m compileall -q -j 0 src >/dev/null
uv run ruff check src tests benchmarks
uv run ruff format --check src tests benchmarks
uv run mypy
# two or more cores share the tests out, a file per worker at a time (its fixtures set up once); the
# chat evaluation spreads its own turns over every core besides
uv run pytest -n auto --dist loadfile "$@"
