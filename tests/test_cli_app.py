from typer.testing import CliRunner

from aitrader import __version__
from aitrader.cli.app import app


def test_version_command_prints_version() -> None:
    result = CliRunner().invoke(app, ["version"])
    assert result.exit_code == 0
    assert __version__ in result.output
