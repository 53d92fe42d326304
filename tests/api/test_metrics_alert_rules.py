"""deploy/prometheus: the files parse, and every metric (and label) an alert names is exported.

When promtool is installed (it is not on the project's machines; Debian's `prometheus` package has
it) it checks the files, runs the rule unit tests of alerts_test.yml and lints the exposition.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from prometheus_client.parser import text_string_to_metric_families

from aitrader.api.hub import Event
from aitrader.api.metrics import Metrics

DEPLOY = Path(__file__).resolve().parents[2] / "deploy" / "prometheus"
PROMETHEUS_OWN = {"up"}  # synthesised by Prometheus for every scrape target
_KEYWORDS = {"by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless", "bool"}
_KEYWORDS |= {"offset", "inf", "nan"}


T0_MS = 1_683_000_000_000
ONE_OF_EACH: list[tuple[str, dict[str, Any]]] = [
    ("candle", {"symbol": "BTCUSDT", "interval": "1m", "open_time": T0_MS, "close": 27883.44}),
    ("decision", {"symbol": "BTCUSDT", "proposal": {"kind": "enter"}, "verdict": {"approved": False}}),
    ("decision", {"symbol": "BTCUSDT", "proposal": {}, "verdict": {"approved": True}, "latency_ms": 2.5}),
    ("order", {"symbol": "BTCUSDT", "side": "BUY", "type": "LIMIT", "status": "NEW"}),
    ("fill", {"symbol": "BTCUSDT", "side": "BUY", "price": "27883.44", "qty": "0.012", "role": "entry"}),
    ("position", {"symbol": "BTCUSDT", "side": "long", "protected": False}),
    ("protection", {"symbol": "BTCUSDT", "protected": False, "naked_seconds": 1.0, "detail": ""}),
    ("alarm", {"message": "stream lost", "severity": "critical"}),
    ("breaker", {"reason": "daily_loss_limit", "until_ms": T0_MS + 60_000}),
    ("stream", {"connected": False, "reconnects": 1}),
    ("equity", {"equity": 10_000.0, "cash": 9_000.0, "unrealized": 3.5}),
    ("llm", {"tokens": 900, "cost_usd": 0.001, "model": "gpt-4o-mini"}),
]


def exported() -> dict[str, set[str]]:
    """Sample name -> label names, from a Metrics fed one event of every kind."""
    metrics = Metrics(clock=lambda: T0_MS / 1000)
    for seq, (kind, data) in enumerate(ONE_OF_EACH, start=1):
        metrics.on_event(Event(seq, kind, T0_MS, data))
    out: dict[str, set[str]] = {}
    for family in text_string_to_metric_families(metrics.render()[0].decode()):
        for s in family.samples:
            out.setdefault(s.name, set()).update(s.labels)
    return out


def selectors(expr: str) -> list[tuple[str, set[str]]]:
    """(metric name, label names matched) of every series selector of a PromQL expression."""
    expr = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)  # strings
    expr = re.sub(r"\[[^\]]*\]", "", expr)  # range and subquery durations
    expr = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ", expr)
    found = []
    for m in re.finditer(r"([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(\{[^}]*\})?\s*(\()?", expr):
        name, matchers, call = m.group(1), m.group(2) or "", m.group(3)
        if call or name.lower() in _KEYWORDS:
            continue
        found.append((name, set(re.findall(r"([a-zA-Z_][a-zA-Z0-9_]*)\s*(?:=~|!~|!=|=)", matchers))))
    return found


def rules() -> list[dict[str, Any]]:
    doc = yaml.safe_load((DEPLOY / "alerts.yml").read_text())
    return [rule for group in doc["groups"] for rule in group["rules"]]


def test_prometheus_config_scrapes_the_api_and_loads_the_rules() -> None:
    config = yaml.safe_load((DEPLOY / "prometheus.yml").read_text())
    (job,) = config["scrape_configs"]
    assert job["metrics_path"] == "/metrics"
    assert job["static_configs"][0]["targets"] == ["127.0.0.1:8765"]
    assert config["rule_files"] == ["alerts.yml"]


def test_the_promised_alerts_are_there() -> None:
    names = {rule["alert"] for rule in rules()}
    promised = {"AitraderPositionNaked", "AitraderStreamDown", "AitraderDailyLossBreaker"}
    assert promised | {"AitraderNoCandles", "AitraderEquityDrawdown"} <= names
    for rule in rules():
        assert rule["labels"]["severity"] in {"warning", "critical"}
        assert rule["annotations"]["summary"]


@pytest.mark.parametrize("rule", rules(), ids=lambda r: r["alert"])
def test_every_metric_and_label_an_alert_names_is_exported(rule: dict[str, Any]) -> None:
    names = exported()
    found = selectors(rule["expr"])
    assert found, rule["expr"]
    for metric, labels in found:
        if metric in PROMETHEUS_OWN:
            continue
        assert metric in names, f"{rule['alert']} names {metric}, which aitrader does not export"
        assert labels <= names[metric], f"{rule['alert']}: {metric} has no label {labels - names[metric]}"


def test_the_selector_reader_sees_what_it_should() -> None:
    expr = 'histogram_quantile(0.95, sum by (le) (rate(a_bucket{x="1"}[5m]))) > 2 * b or on() c'
    assert selectors(expr) == [("a_bucket", {"x"}), ("b", set()), ("c", set())]


@pytest.mark.skipif(shutil.which("promtool") is None, reason="promtool is not installed")
def test_promtool_accepts_the_rules_the_config_and_the_exposition() -> None:
    """promtool checks the files, runs alerts_test.yml (each alert fires when it should) and lints
    what `Metrics.render` writes."""
    for args in (
        ["check", "rules", "alerts.yml"],
        ["check", "config", "prometheus.yml"],
        ["test", "rules", "alerts_test.yml"],
    ):
        result = subprocess.run(["promtool", *args], cwd=DEPLOY, capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stdout + result.stderr
    metrics = Metrics(clock=lambda: T0_MS / 1000)
    for seq, (kind, data) in enumerate(ONE_OF_EACH, start=1):
        metrics.on_event(Event(seq, kind, T0_MS, data))
    lint = subprocess.run(
        ["promtool", "check", "metrics"], input=metrics.render()[0], capture_output=True, check=False
    )
    assert lint.returncode == 0, lint.stdout + lint.stderr
