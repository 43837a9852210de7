"""A person using the pages in a real headless Chromium (Debian's, driven by Playwright).

Each page visited is kept as a screenshot under ``test-output/browser/``. The pages need no
JavaScript, so the browser runs with JavaScript off, as some readers do.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import ROOT, LiveServer

playwright = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')"
)

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = ROOT / "test-output" / "browser"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="Debian chromium not installed (scripts/test.sh installs it)"
)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    SHOTS.mkdir(parents=True, exist_ok=True)
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser) -> Iterator[object]:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    yield pg
    context.close()
    assert not dialogs, f"a script ran: {dialogs}"


def shot(pg, name: str) -> None:  # type: ignore[no-untyped-def]
    pg.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    assert (SHOTS / f"{name}.png").stat().st_size > 5000


def test_follow_a_walkback_to_its_claim_and_source(live: LiveServer, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(live.url + "/")
    card = page.locator("article.rel-walkback").first
    assert "John Kirby" in card.inner_text() and "misspoke" in card.inner_text()
    shot(page, "01-home")
    card.locator("a.claim-link").click()
    page.wait_for_url("**/claims/*")
    assert page.locator("svg.wb-timeline").is_visible()
    assert page.locator("svg .wb-arc.wb-walkback").count() >= 1
    assert page.locator("svg .wb-arc.wb-contradicts").count() >= 2
    shot(page, "02-claim")
    page.locator("article.rel-walkback a[href^='/articles/']").first.click()
    page.wait_for_url("**/articles/**")
    assert page.locator("mark.hl-cue").count() > 5 and page.locator("mark.hl-content").count() > 5
    assert "Kirby confirmed that he misspoke" in page.locator(".article-text").inner_text()
    target = page.url.split("#", 1)[1]
    assert page.locator(f"#{target}").is_visible()  # the statement beside the text
    shot(page, "03-article")


def test_search_with_filters(live: LiveServer, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(live.url + "/")
    page.fill("header input[name=q]", "pre-notification")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/search?q=pre-notification*")
    assert "there was not a pre-notification" in page.locator("ol.results").inner_text()
    page.fill("form.search input[name=speaker]", "Patel")
    page.fill("form.search input[name=since]", "2024-02-05")
    page.click("form.search button")
    page.wait_for_url("**speaker=Patel**")
    results = page.locator("ol.results li")
    assert results.count() >= 1 and all("Patel" in t for t in results.all_inner_texts())
    shot(page, "04-search")


def test_speaker_page(live: LiveServer, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(live.url + "/speakers?name=Kirby")
    page.locator("table.list a", has_text="John Kirby").click()
    page.wait_for_url("**/speakers/*")
    assert "Roles over time" in page.content() and page.locator("article.rel-walkback").count() == 1
    shot(page, "05-speaker")


def test_hostile_article_is_inert(live: LiveServer, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(live.url + "/search?q=disaster")
    page.locator("ol.results a[href^='/articles/']").first.click()
    page.wait_for_url("**/articles/**")
    assert "<script>alert('xss')</script>" in page.locator(".article-text").inner_text()  # shown as text
    assert page.locator("script").count() == 0 and page.locator("a[href^='javascript']").count() == 0
    shot(page, "06-hostile-article")


def test_readable_on_a_phone(live: LiveServer, browser) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844},
                                  device_scale_factor=2, is_mobile=True)  # fmt: skip
    pg = context.new_page()
    try:
        for path, name in (("/", "07-phone-home"), ("/claims?page=1", "08-phone-claims")):
            pg.goto(live.url + path)
            width = pg.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, f"{path} scrolls sideways on a phone ({width}px)"
            shot(pg, name)
        pg.goto(live.url + "/")
        pg.locator("article.rel-walkback a.claim-link").click()
        pg.wait_for_url("**/claims/*")
        shot(pg, "09-phone-claim")
    finally:
        context.close()
