"""A person using the pages in a real headless Chromium (Debian's, driven by Playwright).

Each page visited is kept as a screenshot under ``test-output/browser/`` (``scripts/screenshots.sh``
runs these tests and lists them), at desktop width (1280 px) and phone width (390 px). The pages
need no JavaScript, so the browser runs with JavaScript off, as some readers do; the API docs page
is Swagger UI, and is checked with JavaScript on.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import ROOT, TOKEN, LiveServer, serve_copy

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
    assert page.locator("svg.wb-wide").is_visible() and not page.locator("svg.wb-narrow").is_visible()
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
        for path, name in (("/", "07-phone-home"), ("/claims?page=1", "08-phone-claims"),
                           ("/walkbacks", "10-phone-walkbacks"),
                           ("/contradictions?min_confidence=0", "11-phone-contradictions"),
                           ("/search?q=pre-notification", "12-phone-search"),
                           ("/speakers?name=Kirby", "13-phone-speakers"),
                           ("/articles", "14-phone-articles")):  # fmt: skip
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


PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
SIZES = [pytest.param(DESKTOP, id="1280px"), pytest.param(PHONE, id="390px")]


def _size(options: dict) -> str:  # type: ignore[type-arg]
    return f"{options['viewport']['width']}px"


def _fits(pg, path: str) -> None:  # type: ignore[no-untyped-def]
    width = pg.evaluate("document.documentElement.scrollWidth")
    view = pg.evaluate("window.innerWidth")
    assert width <= view, f"{path} scrolls sideways ({width}px in {view}px)"


def _timeline_readable(pg, min_spread: float) -> None:  # type: ignore[no-untyped-def]
    """The visible drawing fits the screen, its labels are big enough to read, and the dots of the
    claim's two days (2 and 5 Feb 2024) are well apart."""
    svg = pg.locator("svg.wb-timeline:visible")
    assert svg.count() == 1
    box = svg.bounding_box()
    view = pg.evaluate("window.innerWidth")
    assert box["x"] >= 0 and box["x"] + box["width"] <= view + 1, box
    heights = svg.locator("text.wb-date").evaluate_all("ts => ts.map(t => t.getBoundingClientRect().height)")
    assert heights and min(heights) >= 11, f"date labels {min(heights)}px high"
    spots = svg.locator("circle").evaluate_all(
        "cs => cs.map(c => { const r = c.getBoundingClientRect(); return [r.x, r.y]; })"
    )
    xs, ys = sorted({round(x) for x, _ in spots}), sorted({round(y) for _, y in spots})
    spread = max(xs[-1] - xs[0], ys[-1] - ys[0])
    assert spread >= min_spread, f"the dots span only {spread}px"


@pytest.mark.parametrize("options", SIZES)
def test_claim_timeline_readable(live: LiveServer, browser, options) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False, **options)
    pg = context.new_page()
    try:
        pg.goto(live.url + "/walkbacks")
        pg.locator("article.rel-walkback a.claim-link").first.click()
        pg.wait_for_url("**/claims/*")
        _fits(pg, pg.url)
        _timeline_readable(pg, min_spread=500 if options is DESKTOP else 150)
        shot(pg, f"20-claim-timeline-{_size(options)}")
    finally:
        context.close()


@pytest.mark.parametrize("options", SIZES)
def test_an_outlier_date_does_not_flatten_the_timeline(live: LiveServer, browser, options) -> None:  # type: ignore[no-untyped-def]
    """A claim whose last statement came 15 months after the others, drawn with the page's stylesheet."""
    from tests.report.test_timeline import EVENTS
    from walkback.report.timeline import timeline_svg

    css = (ROOT / "src" / "walkback" / "web" / "static" / "style.css").read_text(encoding="utf-8")
    html = ('<!doctype html><meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<style>{css}</style><main><figure class='timeline'>{timeline_svg(EVENTS)}"
            f"{timeline_svg(EVENTS, orientation='narrow')}</figure></main>")  # fmt: skip
    context = browser.new_context(java_script_enabled=False, **options)
    pg = context.new_page()
    try:
        pg.set_content(html)
        _fits(pg, "outlier timeline")
        _timeline_readable(pg, min_spread=550 if options is DESKTOP else 200)
        assert "15 months later" in (pg.locator("svg.wb-timeline:visible").text_content() or "")
        first = pg.locator("svg.wb-timeline:visible a[href='#s-1'] circle").bounding_box()
        second = pg.locator("svg.wb-timeline:visible a[href='#s-2'] circle").bounding_box()
        gap = max(abs(second["x"] - first["x"]), abs(second["y"] - first["y"]))
        assert gap >= (600 if options is DESKTOP else 150), f"2 and 5 Feb only {gap}px apart"
        shot(pg, f"21-outlier-timeline-{_size(options)}")
    finally:
        context.close()


@pytest.fixture(scope="module")
def desk_live(web_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A server of its own for the tests that mark flags: the shared one must stay as built."""
    yield from serve_copy(web_db, tmp_path_factory.mktemp("desk-live"))


@pytest.mark.parametrize("options", SIZES)
def test_desk_lists_filter_download_and_review(desk_live: LiveServer, browser, options) -> None:  # type: ignore[no-untyped-def]
    live = desk_live
    size = _size(options)
    context = browser.new_context(java_script_enabled=False, accept_downloads=True, **options)
    pg = context.new_page()
    try:
        pg.goto(live.url + "/")
        flags = pg.locator("section.flags")
        assert flags.nth(0).get_attribute("class").endswith("flags-walkback")  # walk-backs first
        shot(pg, f"22-home-{size}")
        pg.locator("section.flags-contradicts a", has_text="show every one").click()
        pg.wait_for_url("**/contradictions?min_confidence=0**")
        assert pg.locator("article.rel-contradicts").count() == 3
        _fits(pg, pg.url)
        pg.fill("form.flag-filters input[name=speaker]", "Patel")
        pg.click("form.flag-filters button")
        pg.wait_for_url("**speaker=Patel**")
        assert pg.locator("article.rel-contradicts").count() == 1
        shot(pg, f"23-contradictions-filtered-{size}")
        with pg.expect_download() as got:
            pg.locator("p.downloads a", has_text="CSV").click()
        text = Path(got.value.path()).read_text(encoding="utf-8")
        assert (
            text.startswith("type,basis,rule")
            and "Vedant Patel" in text
            and text.count("\ncontradicts,") == 1
        )
        # review the walk-back: open the form, sign with the write token, confirm
        pg.goto(live.url + "/walkbacks")
        card = pg.locator("article.rel-walkback").first
        card.locator("details.review-form summary").click()
        card.locator("input[name=reviewer]").fill(f"Ann Editor ({size})")
        card.locator("input[name=token]").fill(TOKEN)
        card.locator("textarea[name=note]").fill("Kirby confirmed it on Monday")
        _fits(pg, "the open review form")
        shot(pg, f"24-review-form-{size}")
        card.locator("button.confirm").click()
        pg.wait_for_url("**/walkbacks#r-*")
        mark = pg.locator("article.rel-walkback p.mark-confirmed").first
        assert (
            f"Ann Editor ({size})" in mark.inner_text()
            and "Kirby confirmed it on Monday" in mark.inner_text()
        )
        _fits(pg, pg.url)
        shot(pg, f"25-walkbacks-confirmed-{size}")
        pg.locator("article.rel-walkback a.claim-link").first.click()
        pg.wait_for_url("**/claims/*")
        assert f"Ann Editor ({size})" in pg.locator("article.rel-walkback p.mark").inner_text()
    finally:
        context.close()


@pytest.mark.parametrize("options", SIZES)
def test_pages_at_both_sizes(live: LiveServer, browser, options) -> None:  # type: ignore[no-untyped-def]
    """Every page, in Chromium: it fits the screen, shows dates as people read them, and is kept as a
    screenshot."""
    context = browser.new_context(java_script_enabled=False, **options)
    pg = context.new_page()
    size = _size(options)
    try:
        pg.goto(live.url + "/search?q=misspoke")
        assert pg.locator("mark.hit").first.inner_text().lower() == "misspoke"
        speaker = pg.locator("ol.results a.who").first.get_attribute("href")
        article = pg.locator("ol.results a[href^='/articles/']").first.get_attribute("href")
        pages = ["/", "/walkbacks", "/contradictions?min_confidence=0", "/search?q=misspoke", "/claims",
                 "/speakers", "/articles", speaker, article.split("#")[0]]  # fmt: skip
        for i, path in enumerate(pages):
            pg.goto(live.url + path)
            _fits(pg, path)
            text = pg.locator("main").inner_text()
            assert not re.search(r"\d{4}-\d{2}-\d{2}T\d{2}:", text), f"{path} shows a raw timestamp"
            shot(pg, f"3{i}-{re.sub(r'[^a-z]+', '-', path.strip('/').split('?')[0] or 'home')}-{size}")
    finally:
        context.close()


def test_api_docs_page_runs_swagger_ui_from_this_server(live: LiveServer, browser) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=True, viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    asked: list[str] = []
    pg.on("request", lambda r: asked.append(r.url))
    errors: list[str] = []
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        pg.goto(live.url + "/")
        pg.locator("footer a", has_text="API docs").click()
        pg.wait_for_url("**/api/docs")
        pg.wait_for_selector(".swagger-ui .opblock", timeout=20_000)
        assert "/api/walkbacks" in pg.locator(".swagger-ui").inner_text()
        assert asked and all(u.startswith(live.url) or u.startswith("data:") for u in asked), asked
        assert not [e for e in errors if "Content Security Policy" in e], errors
        shot(pg, "40-api-docs-1280px")
    finally:
        context.close()
