"""`walkback watch` end to end: real processes, real sites and a real webhook receiver on 127.0.0.1.

Each `--once` run is a new process on the same database, so what the second and third runs do shows
what the watcher kept across a restart.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.ingest.site import (
    COUNCIL,
    MISSPOKE_MONDAY,
    STRIKES_FRIDAY,
    Site,
    news_page,
    rss,
)
from tests.test_cli import COMMAND, no_traceback, walkback

FRI = datetime(2024, 2, 2, 18, 0, tzinfo=UTC)
MON = datetime(2024, 2, 5, 17, 0, tzinfo=UTC)
RSS = "application/rss+xml"
FAST = "[watch]\nhost_interval = 0.0\nretry_backoff = 0.01\nfetch_retries = 1\n"


@pytest.fixture
def sites() -> Iterator[list[Site]]:
    made = [Site(), Site()]
    yield made
    for site in made:
        site.close()


@pytest.fixture
def work(tmp_path: Path) -> Path:
    (tmp_path / "fast.toml").write_text(FAST, encoding="utf-8")
    return tmp_path


def serve_strikes(site: Site, *, monday: bool) -> str:
    """An RSS feed without an ETag (answered in full every time), Friday's story and Monday's."""
    site.put("/news/strikes", news_page("US strikes targets in Iraq", STRIKES_FRIDAY, "2024-02-02T18:00:00Z"))
    site.put("/news/misspoke", news_page("Iraq was not told", MISSPOKE_MONDAY, "2024-02-05T17:00:00Z"))
    items = [("strikes", f"{site.url}/news/strikes", "Strikes", FRI)]
    if monday:
        items.insert(0, ("misspoke", f"{site.url}/news/misspoke", "Misspoke", MON))
    site.put("/feed.xml", rss("The Daily Example", items), content_type=RSS)
    return f"{site.url}/feed.xml"


def watch(work: Path, *args: str) -> subprocess.CompletedProcess[str]:
    r = walkback(
        "watch",
        *args,
        "--once",
        "--db",
        work / "w.db",
        "--allow-private",
        "--config",
        work / "fast.toml",
        cwd=work,
    )
    no_traceback(r)
    return r


def test_watch_finds_a_walkback_posts_it_and_resumes_after_a_restart(sites, work):
    daily, hook = sites
    feed = serve_strikes(daily, monday=False)
    webhook = f"{hook.url}/hook"

    first = watch(work, feed, "--webhook", webhook)
    assert first.returncode == 0, first.stderr
    assert first.stdout == ""
    assert "watched: 1 round(s); feeds: 1 polled, 1 changed" in first.stderr
    assert "articles: 1 new," in first.stderr

    serve_strikes(daily, monday=True)
    second = watch(work, feed, "--webhook", webhook)
    assert second.returncode == 0, second.stderr
    lines = second.stdout.splitlines()
    (line,) = [ln for ln in lines if ln.startswith("walk-back: ")]
    assert line.startswith(
        "walk-back: John Kirby (2024-02-05): “he misspoke” takes back John Kirby (2024-02-02)"
    )
    assert "[misspoke; " in line and line.endswith(f"{daily.url}/news/misspoke {daily.url}/news/strikes")
    assert "articles: 1 new," in second.stderr and "1 walk-backs" in second.stderr
    # the webhook got one POST per line, each a relation as `walkback walkbacks --format json` has it
    posts = [h.json() for h in hook.requests("/hook", method="POST")]
    assert len(posts) == len(lines)
    listed = json.loads(walkback("walkbacks", "--db", work / "w.db", "--format", "json", cwd=work).stdout)
    assert [p for p in posts if p["type"] == "walkback"] == listed

    # a third process: the feed answers in full (no ETag), but its entries were seen: nothing is fetched
    daily.clear()
    third = watch(work, feed, "--webhook", webhook)
    assert third.returncode == 0 and third.stdout == ""
    assert "0 new entries; articles: 0 new" in third.stderr
    assert [h.path for h in daily.hits] == ["/feed.xml"]
    assert len(hook.requests("/hook", method="POST")) == len(posts)


def test_a_bad_feed_is_one_warning_and_the_others_go_on(sites, work):
    good, bad = sites
    good.put("/council", news_page("Council approves library budget", COUNCIL, "2024-03-12T09:00:00Z"))
    good.put("/feed.xml", rss("Wire", [("c", f"{good.url}/council", "Council", MON)]), content_type=RSS)
    bad.put("/feed.xml", b"<html><body>We moved! \x00\xff</body></html>", content_type="text/html")
    r = watch(work, f"{bad.url}/feed.xml", f"{good.url}/feed.xml")
    assert r.returncode == 1, r.stderr
    warnings = [ln for ln in r.stderr.splitlines() if ln.startswith("walkback: warning:")]
    assert len(warnings) == 1
    assert warnings[0].startswith(f"walkback: warning: feed {bad.url}/feed.xml: not an RSS or Atom feed")
    assert "1 failed; 1 new entries; articles: 1 new" in r.stderr


def test_private_addresses_need_allow_private(sites, work):
    site = sites[0]
    feed = serve_strikes(site, monday=False)
    r = walkback("watch", feed, "--once", "--db", work / "w.db", "--config", work / "fast.toml", cwd=work)
    no_traceback(r)
    assert r.returncode == 1
    assert f"walkback: warning: feed {feed}: the host '127.0.0.1' resolves to 127.0.0.1" in r.stderr
    assert site.hits == []


def test_every_must_be_a_duration(work):
    r = walkback("watch", "http://news.example/feed", "--every", "soon", "--db", work / "w.db", cwd=work)
    assert r.returncode == 2
    assert "--every must be a duration like 30s, 15m, 1h or 1d; got 'soon'" in r.stderr


def test_ctrl_c_stops_with_a_summary(sites, work):
    site = sites[0]
    site.put("/feed.xml", rss("Quiet", []), content_type=RSS)
    env = {k: v for k, v in os.environ.items() if k not in {"WALKBACK_DB", "WALKBACK_CONFIG"}}
    args = [*COMMAND, "watch", f"{site.url}/feed.xml", "--every", "1s", "--allow-private"]
    proc = subprocess.Popen(
        [*args, "--db", str(work / "w.db"), "--config", str(work / "fast.toml")],
        cwd=work,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while len(site.requests("/feed.xml")) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(site.requests("/feed.xml")) >= 2, "the watcher did not poll twice within 60 s"
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    assert "walkback: stopped; everything stored so far is kept" in err
    rounds = [ln for ln in err.splitlines() if ln.startswith("walkback: 1 round(s); feeds: 1 polled")]
    assert len(rounds) >= 1  # the second may still have been under way
    (summary,) = [ln for ln in err.splitlines() if ln.startswith("walkback: watched: ")]
    done = int(summary.split()[2])  # an interrupted round counts as one
    polled = int(summary.split("feeds: ")[1].split()[0])
    assert done >= 2 and len(rounds) <= done <= len(rounds) + 1 and done - 1 <= polled <= done, err
