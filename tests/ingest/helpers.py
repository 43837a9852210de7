"""Paths and sample pages shared by the ingest tests."""

from __future__ import annotations

import html
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED = (REPO / ".." / "shared").resolve()
SEED = REPO / "examples" / "cnn-lite-2024-02-05-us-did-not-notify-iraq.txt"

PARAGRAPHS = [
    "The city council voted on Tuesday to approve a new budget for the public library system, "
    "ending months of debate over opening hours and staffing.",
    '"This is a good day for every reader in this city," Mayor Jane Roe said after the vote, '
    "adding that the branches would stay open on Sundays.",
    "Critics said the plan relies on optimistic revenue forecasts. Council member John Doe told "
    "reporters that he expected the numbers to be revisited next spring.",
    "The budget takes effect in January, and the library board will publish a schedule of the new "
    "opening hours before the end of the year.",
]


def article_html(
    *,
    title: str = "Council approves library budget",
    paragraphs: list[str] | None = None,
    head: str = "",
    charset: str = "utf-8",
) -> str:
    """A small but realistic news page: navigation, the article, a footer."""
    body = "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in (paragraphs or PARAGRAPHS))
    return f"""<!DOCTYPE html>
<html lang="en"><head>
<meta charset="{charset}">
<title>{html.escape(title)} | The Daily Example</title>
<meta property="og:title" content="{html.escape(title)}">
<meta property="og:site_name" content="The Daily Example">
{head}
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<main><article>
<h1>{html.escape(title)}</h1>
<p class="byline">By <span class="author">Jane Doe</span></p>
{body}
</article></main>
<footer><p>Copyright 2024 The Daily Example. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>
"""
