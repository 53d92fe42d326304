"""The dashboard's static files: the vendored chart library is the one web/package-lock.json pins,
and no page loads a script or a style from the network (everything is served from static/)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "src" / "aitrader" / "api" / "static"
BUNDLE = STATIC / "vendor" / "lightweight-charts.standalone.production.js"
PAGES = sorted(STATIC.glob("*.html"))
OUR_JS = sorted(p for p in STATIC.rglob("*.js") if "vendor" not in p.parts)


class _Refs(HTMLParser):
    """The URLs a page loads: script src, link href, img src."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        for key in ("src", "href"):
            value = a.get(key)
            if value is not None and (tag in ("script", "img") or (tag == "link" and key == "href")):
                self.refs.append((tag, value))


def _refs(page: Path) -> list[tuple[str, str]]:
    parser = _Refs()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.refs


def test_the_vendored_bundle_is_the_locked_version() -> None:
    lock = json.loads((ROOT / "web" / "package-lock.json").read_text(encoding="utf-8"))
    locked = lock["packages"]["node_modules/lightweight-charts"]["version"]
    wanted = json.loads((ROOT / "web" / "package.json").read_text(encoding="utf-8"))["dependencies"]
    assert wanted["lightweight-charts"] == locked, "package.json pins an exact version, the lock's"
    header = BUNDLE.read_text(encoding="utf-8")[:400]
    found = re.search(r"Lightweight Charts™ v(\d+\.\d+\.\d+)", header)
    assert found is not None, f"{BUNDLE.name} has no version header: run scripts/vendor_web.sh"
    assert found[1] == locked, f"vendored v{found[1]}, locked v{locked}: run scripts/vendor_web.sh"
    assert locked.split(".")[0] == "5"
    assert "Apache License" in (STATIC / "vendor" / "lightweight-charts.LICENSE").read_text(encoding="utf-8")


def test_there_are_pages() -> None:
    assert {p.name for p in PAGES} >= {"index.html", "backtests.html"}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_a_page_loads_nothing_from_the_network(page: Path) -> None:
    refs = _refs(page)
    assert any(tag == "script" for tag, _ in refs)
    for tag, url in refs:
        if tag == "img" or url.startswith("data:"):
            continue
        assert not re.match(r"^([a-z][a-z0-9+.-]*:)?//", url, re.I), f"{page.name}: <{tag}> loads {url}"
        local = STATIC / url.split("?")[0].split("#")[0]
        if tag != "link" or url.endswith(".css"):
            assert local.is_file(), f"{page.name}: <{tag}> refers to {url}, which static/ does not have"


@pytest.mark.parametrize("path", [*OUR_JS, *sorted(STATIC.glob("*.css"))], ids=lambda p: p.name)
def test_scripts_and_styles_import_only_local_files(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert not re.search(
        r"""(import\s[^;]*?from\s*|import\(\s*|@import\s+|url\(\s*)["']?(https?:)?//""", text
    )
    for spec in re.findall(r"""from\s+["'](\.[^"']+)["']""", text):
        assert (path.parent / spec).resolve().is_file(), f"{path.name} imports {spec}, which does not exist"


class _Inline(HTMLParser):
    """What the page's Content-Security-Policy (script-src 'self', no 'unsafe-inline') would block:
    inline scripts, event-handler attributes and javascript: URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "script":
            self._in_script = True
            if not a.get("src"):
                self.found.append("<script> without src")
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            if (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}=javascript:...>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.found.append("an inline script body")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_a_page_has_no_inline_script_or_handler(page: Path) -> None:
    parser = _Inline()
    parser.feed(page.read_text(encoding="utf-8"))
    assert parser.found == [], f"{page.name}: {parser.found}"


@pytest.mark.parametrize("path", [*OUR_JS, BUNDLE], ids=lambda p: p.name)
def test_scripts_need_no_eval(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"(?<![\w.$])eval\s*\(|new\s+Function\s*\(", text), f"{path.name} evaluates code"
    assert not re.search(r"set(Timeout|Interval)\(\s*[\"'`]", text), f"{path.name} times a string"
    assert not re.search(r"javascript:", text, re.I), f"{path.name} has a javascript: URL"


def test_the_token_leaves_the_address_bar_and_links_carry_it_in_the_fragment() -> None:
    api = (STATIC / "js" / "api.js").read_text(encoding="utf-8")
    assert 'fragment.get("token")' in api
    assert 'url.searchParams.get("token")' in api
    assert "sessionStorage.setItem" in api
    assert "history.replaceState" in api
    assert "url.hash = new URLSearchParams({ token })" in api
    assert 'url.searchParams.set("token"' not in api.split("export function socketURL")[0]
