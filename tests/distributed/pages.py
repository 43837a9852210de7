"""Two small real WARC archives of a news site, for the distributed run and its equivalence with ingest.

The pages are realistic news pages (a crawler's warcinfo, requests and responses, a 404, an image,
a page with no article in it), written with warcio's own writer through :mod:`tests.ingest.warcs`:

- ``crawl-1.warc.gz`` (gzip per record): the briefing of Friday 2 February 2024 (“We did inform the
  Iraqi government prior to the strikes,” Kirby said on Friday), the Monday article in which the
  State Department says there was no pre-notification and Kirby says he misspoke, a 404, an image
  and a cookie-wall page that holds no article;
- ``crawl-2.warc`` (uncompressed): the dock strike, and the Friday article crawled again with an
  update appended (a new version of the same URL).
"""

from __future__ import annotations

from pathlib import Path

from ..ingest.warcs import JPEG, MISSING_HTML, PORT_HTML, archive_bytes

FRIDAY_URL = "https://news.example.com/politics/2024/02/02/us-strikes-iraq-syria"
MONDAY_URL = "https://news.example.com/politics/2024/02/05/us-did-not-notify-iraq"
PORT_URL = "https://news.example.com/business/dock-strike"
WALL_URL = "https://news.example.com/consent"


def _page(title: str, published: str, author: str, paragraphs: list[str]) -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | Example News</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="{published}">
</head><body>
<nav><a href="/">Home</a> <a href="/politics">Politics</a> <a href="/business">Business</a></nav>
<main><article>
<h1>{title}</h1>
<p class="byline">By <span class="author">{author}</span></p>
{body}
</article></main>
<footer>Copyright 2024 Example News. All rights reserved.</footer>
</body></html>
"""


FRIDAY = [
    "The United States carried out strikes on Friday against more than 85 targets in Iraq and Syria "
    "linked to Iran’s Revolutionary Guard and the militias it backs, the Pentagon said.",
    "“We did inform the Iraqi government prior to the strikes,” Kirby said on Friday.",
    "National Security Council spokesman John Kirby told reporters at the White House that the "
    "strikes were “the start of our response” to the drone attack that killed three American troops "
    "in Jordan last weekend.",
    "“These strikes will continue at times and places of our choosing,” Defense Secretary Lloyd "
    "Austin said in a statement.",
]
UPDATE = (
    "Update: Iraq’s government said on Saturday that the strikes were a violation of its "
    "sovereignty, and denied that it had been told of them beforehand."
)
MONDAY = [
    "The US did not notify Iraq ahead of last week’s strikes on Iran-backed militias in the country, "
    "the State Department said on Monday, contradicting what the White House had said on Friday.",
    "“As for this specific response on Friday, there was not a pre-notification,” State Department "
    "deputy spokesperson Vedant Patel said at a briefing on Monday.",
    "In a call with reporters on Friday, National Security Council spokesman John Kirby had said the "
    "US “did inform the Iraqi government prior to the strikes.” On Monday, however, Kirby confirmed "
    "that he misspoke.",
    "“It was not as specific as it could have been, and I regret any confusion caused,” he said.",
]

WALL_HTML = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Your privacy</title></head>
<body><form><button>Accept all</button> <button>Reject</button></form></body></html>"""


def _html(title: str, published: str, author: str, paragraphs: list[str]) -> bytes:
    return _page(title, published, author, paragraphs).encode("utf-8")


def write_crawls(folder: Path) -> list[Path]:
    """Write the two archives into ``folder``; return their paths, in crawl order."""
    html = "text/html; charset=utf-8"
    friday = _html(
        "US strikes dozens of targets in Iraq and Syria", "2024-02-02T19:30:00-05:00", "Jane Reporter", FRIDAY
    )
    monday = _html(
        "US says it did not notify Iraq before strikes", "2024-02-05T17:01:00-05:00", "Sam Writer", MONDAY
    )
    updated = _html(
        "US strikes dozens of targets in Iraq and Syria",
        "2024-02-02T19:30:00-05:00",
        "Jane Reporter",
        [*FRIDAY, UPDATE],
    )
    first = [
        (FRIDAY_URL, friday, html),
        ("https://news.example.com/politics/gone", MISSING_HTML.encode(), "404"),
        (MONDAY_URL, monday, html),
        ("https://news.example.com/images/strike.jpg", JPEG, "image/jpeg"),
        (WALL_URL, WALL_HTML.encode(), html),
    ]
    second = [(PORT_URL, PORT_HTML.encode("iso-8859-1"), "text/html"), (FRIDAY_URL, updated, html)]
    paths = [folder / "crawl-1.warc.gz", folder / "crawl-2.warc"]
    for path, pages, gzip in ((paths[0], first, True), (paths[1], second, False)):
        data, _ = archive_bytes(gzip=gzip, pages=pages)
        path.write_bytes(data)
    return paths
