"""Settings: testnet by default, mainnet only on explicit opt-in, risk ceiling, secrets never shown."""

from __future__ import annotations

import logging
import traceback
from pathlib import Path

import pytest
from pydantic import AliasChoices
from pydantic.fields import FieldInfo

from aitrader.config import Settings, SettingsError, Venue, load_settings

API_KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A"
API_SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No ambient AITRADER_*/BINANCE_* variables and no `.env` from the developer's checkout."""
    import os

    for name in list(os.environ):
        if name.startswith(("AITRADER_", "BINANCE_")):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)


def _with_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BINANCE_API_KEY", API_KEY)
    monkeypatch.setenv("BINANCE_API_SECRET", API_SECRET)


def test_defaults_are_testnet_and_work_offline() -> None:
    s = load_settings()
    assert s.venue is Venue.TESTNET
    assert s.allow_mainnet is False
    assert s.has_keys is False
    assert s.risk_fraction == 0.01
    assert s.data_dir == Path("var/data")
    assert s.endpoints() == (
        "https://testnet.binance.vision",
        "wss://stream.testnet.binance.vision",
        "wss://ws-api.testnet.binance.vision/ws-api/v3",
    )


def test_explicit_urls_override_the_venue(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AITRADER_REST_URL", "http://127.0.0.1:9000")
    assert load_settings().endpoints()[0] == "http://127.0.0.1:9000"


def test_mainnet_is_refused_without_the_opt_in(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AITRADER_VENUE", "mainnet")
    with pytest.raises(SettingsError, match="AITRADER_ALLOW_MAINNET=true"):
        load_settings()


def test_mainnet_is_refused_as_a_keyword_override_too() -> None:
    with pytest.raises(SettingsError, match="mainnet is refused"):
        load_settings(venue=Venue.MAINNET)


def test_mainnet_with_the_opt_in_uses_mainnet_endpoints(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AITRADER_VENUE", "mainnet")
    monkeypatch.setenv("AITRADER_ALLOW_MAINNET", "true")
    s = load_settings()
    assert s.venue is Venue.MAINNET
    assert s.endpoints()[0] == "https://api.binance.com"


@pytest.mark.parametrize("value", ["0.11", "0.5", "1"])
def test_risk_fraction_above_ten_percent_is_refused(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("AITRADER_RISK_FRACTION", value)
    with pytest.raises(SettingsError, match=r"ceiling of 0\.1"):
        load_settings()


@pytest.mark.parametrize("value", ["0", "-0.01"])
def test_risk_fraction_must_be_positive(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("AITRADER_RISK_FRACTION", value)
    with pytest.raises(SettingsError, match="RISK_FRACTION"):
        load_settings()


def test_risk_fraction_at_the_ceiling_is_accepted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AITRADER_RISK_FRACTION", "0.10")
    assert load_settings().risk_fraction == 0.10


def test_settings_are_read_from_a_dotenv_file(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(f"BINANCE_API_KEY={API_KEY}\nBINANCE_API_SECRET={API_SECRET}\n")
    s = load_settings()
    assert s.has_keys
    assert s.binance_api_secret.get_secret_value() == API_SECRET


def test_secrets_never_appear_in_repr_str_or_dumps(monkeypatch: pytest.MonkeyPatch) -> None:
    _with_keys(monkeypatch)
    monkeypatch.setenv("AITRADER_LLM_API_KEY", "sk-llm-" + API_SECRET[:20])
    s = load_settings()
    assert s.has_keys
    assert s.llm_enabled
    shown = "\n".join([repr(s), str(s), f"{s}", s.model_dump_json(), str(s.model_dump())])
    for secret in (API_KEY, API_SECRET, "sk-llm-"):
        assert secret not in shown
    assert "**********" in shown


def test_a_logged_settings_object_hides_secrets(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    _with_keys(monkeypatch)
    s = load_settings()
    log = logging.getLogger("aitrader.test")
    with caplog.at_level(logging.DEBUG):
        log.info("settings: %s", s)
        log.info("settings repr: %r", s)
        log.info("key field: %s / %r", s.binance_api_key, s.binance_api_secret)
    assert caplog.text.count("settings") >= 2
    assert API_KEY not in caplog.text
    assert API_SECRET not in caplog.text


def test_settings_error_never_echoes_the_bad_input(monkeypatch: pytest.MonkeyPatch) -> None:
    """A secret pasted into the wrong variable must not leak through the error or its traceback."""
    _with_keys(monkeypatch)
    monkeypatch.setenv("AITRADER_RECV_WINDOW_MS", API_SECRET)
    monkeypatch.setenv("AITRADER_RISK_FRACTION", API_KEY)
    with pytest.raises(SettingsError) as info:
        load_settings()
    message = str(info.value)
    assert "AITRADER_RECV_WINDOW_MS" in message
    assert "AITRADER_RISK_FRACTION" in message
    rendered = "".join(traceback.format_exception(info.value))
    for text in (message, repr(info.value), rendered):
        assert API_KEY not in text
        assert API_SECRET not in text


def test_logged_settings_error_with_traceback_hides_secrets(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    _with_keys(monkeypatch)
    monkeypatch.setenv("AITRADER_VENUE", API_SECRET)
    with caplog.at_level(logging.ERROR):
        try:
            load_settings()
        except SettingsError:
            logging.getLogger("aitrader.test").exception("could not load settings")
    assert "AITRADER_VENUE" in caplog.text
    assert API_SECRET not in caplog.text
    assert API_KEY not in caplog.text


def test_keyword_overrides_use_field_names() -> None:
    s = load_settings(symbol="ETHUSDT", risk_fraction=0.02, data_dir=Path("/tmp/x"))
    assert (s.symbol, s.risk_fraction, s.data_dir) == ("ETHUSDT", 0.02, Path("/tmp/x"))
    assert isinstance(s, Settings)


ENV_EXAMPLE = Path(__file__).resolve().parents[2] / ".env.example"


def _env_names(field: FieldInfo) -> list[str]:
    """The variable names a field reads: its alias, or every choice of its validation alias."""
    if isinstance(field.validation_alias, AliasChoices):
        return [str(choice) for choice in field.validation_alias.choices]
    return [str(field.alias)]


def test_env_example_documents_every_setting() -> None:
    text = ENV_EXAMPLE.read_text()
    for name, field in Settings.model_fields.items():
        for env in _env_names(field):
            assert f"{env}=" in text, f"{env} ({name}) is missing from .env.example"


def test_timeframe_is_read_from_either_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AITRADER_INTERVAL", "1h")  # the older name still works
    assert load_settings().interval == "1h"
    monkeypatch.setenv("AITRADER_TIMEFRAME", "4h")  # the vocabulary's name wins
    assert load_settings().interval == "4h"


def test_env_example_as_dotenv_gives_the_defaults(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(ENV_EXAMPLE.read_text())
    assert load_settings() == Settings(_env_file=None)  # type: ignore[call-arg]
    s = load_settings()
    assert s.venue is Venue.TESTNET
    assert s.rest_url is None
    assert s.sample_dir is None


def test_an_empty_variable_means_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AITRADER_DATA_DIR", "")
    monkeypatch.setenv("AITRADER_REST_URL", "")
    s = load_settings()
    assert s.data_dir == Path("var/data")
    assert s.rest_url is None


def test_the_journal_is_the_file_unless_a_database_url_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    assert load_settings().journal == Path("var/journal.sqlite")
    monkeypatch.setenv("AITRADER_JOURNAL", "state/bot.sqlite")
    assert load_settings().journal == Path("state/bot.sqlite")
    url = "postgresql://bot:s3cret-db-pw@db.lan:5432/aitrader"
    monkeypatch.setenv("AITRADER_DATABASE_URL", url)
    s = load_settings()
    assert s.journal == url
    shown = "\n".join([repr(s), str(s), s.model_dump_json()])
    assert "s3cret-db-pw" not in shown  # the URL carries a password: a secret like the API keys


def test_a_url_in_the_journal_path_is_refused_with_where_it_goes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AITRADER_JOURNAL", "postgresql://bot:s3cret-db-pw@db.lan/aitrader")
    with pytest.raises(SettingsError) as info:
        load_settings()
    assert "put a database URL in AITRADER_DATABASE_URL" in str(info.value)
    assert "s3cret-db-pw" not in str(info.value)
