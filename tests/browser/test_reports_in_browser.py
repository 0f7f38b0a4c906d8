"""Open the overview and a country report in a real headless Chromium from file:// URLs.

Uses Playwright with the system Chromium (Debian package ``chromium``); no browser is
downloaded. Skipped, with the reason, only when Playwright or Chromium is missing.
Screenshots are saved under ``tests/browser/screenshots/`` (ignored by git).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import unicodedata
from pathlib import Path

import pytest

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return os.environ.get("CHROMIUM_PATH")


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
    path = chromium_path()
    if path is None:
        pytest.skip("no Chromium found: install the Debian package `chromium` to run the browser test")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def reports(tmp_path_factory, session):
    from trafficking_audit.cli.overview import run_all

    out = tmp_path_factory.mktemp("reports")
    run_all(session, session.rulebook.rules, dt.date(2025, 6, 30), None, out)
    return out


def open_page(browser, url: str):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    requests: list[str] = []
    page.on("request", lambda req: requests.append(req.url))
    page.goto(url)
    page.wait_for_load_state("load")
    return page, errors, requests


def test_overview_matrix(browser, reports, session) -> None:
    page, errors, requests = open_page(browser, (reports / "index.html").as_uri())
    cells = page.locator("table.matrix tbody td.cell").count()
    assert cells == len(session.profiles.all()) * len(session.rulebook.rules)
    assert errors == []
    assert all(url.startswith("file://") for url in requests), requests
    # The CSS-only filter hides other pillars' columns.
    page.click("label[for=p-protection]")
    visible = page.locator("table.matrix tbody tr:first-child td.cell:visible").count()
    protection = sum(1 for r in session.rulebook.rules if r.pillar == "protection")
    assert visible == protection
    SCREENSHOTS.mkdir(exist_ok=True)
    page.click("label[for=p-all]")
    page.screenshot(path=str(SCREENSHOTS / "index.png"), full_page=True)
    page.close()


def test_overview_prints_every_rule_column(browser, reports, session) -> None:
    """Printed (to PDF, as a user's print dialog would), the matrix keeps every rule column: the text of the
    PDF holds every rule id, and under print media the matrix is no wider than a landscape A4 page."""
    pdf_reader = pytest.importorskip("pypdf", reason="pypdf is not installed (pip install pypdf)").PdfReader
    page, errors, _ = open_page(browser, (reports / "index.html").as_uri())
    pdf = reports / "index.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    # Ligatures (the "ff" of "offence") come out of the PDF as one character: NFKC splits them again.
    text = unicodedata.normalize("NFKC", "".join(p.extract_text() for p in pdf_reader(str(pdf)).pages))
    missing = [r.id for r in session.rulebook.rules if r.id not in text]
    assert missing == [], f"{len(missing)} rule columns are not in the printed overview: {missing[:10]}"
    page.set_viewport_size({"width": 1062, "height": 750})  # A4 landscape less 8 mm margins, at 96 dpi
    page.emulate_media(media="print")
    width = page.evaluate("() => document.querySelector('table.matrix').getBoundingClientRect().width")
    assert width <= 1062
    assert errors == []
    page.close()


def test_country_report(browser, reports) -> None:
    page, errors, requests = open_page(browser, (reports / "kazakhstan.html").as_uri())
    assert "Kazakhstan" in page.title()
    assert page.locator("article.finding").count() > 0
    assert page.locator("svg rect").count() > 0
    assert errors == []
    assert all(url.startswith("file://") for url in requests), requests
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "kazakhstan.png"), full_page=False)
    page.close()


def test_trend_page(browser, tmp_path, cli) -> None:
    out = tmp_path / "trend.html"
    assert cli("trend", "kazakhstan", "--to", "2026-12-01", "--output", str(out)).exit_code == 0
    trend = json.loads(cli("trend", "kazakhstan", "--to", "2026-12-01", "--format", "json").stdout)
    # The chart draws a point where the overall score may be headlined (evidence coverage high enough).
    points = sum(1 for point in trend["points"] if point["scores"]["overall"]["sufficient"])
    assert points > 0
    page, errors, requests = open_page(browser, out.as_uri())
    overall = page.locator("svg.chart g.series").first
    assert overall.locator("g.point").count() == points
    assert errors == []
    assert all(url.startswith("file://") for url in requests), requests
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "kazakhstan-trend.png"), full_page=False)
    page.close()
