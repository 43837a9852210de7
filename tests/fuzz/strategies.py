"""Hypothesis strategies for hostile input: pages, feeds, archives, dates and query values."""

from __future__ import annotations

import io

from hypothesis import strategies as st

# text with what breaks parsers: controls, NUL, lone combining marks, right-to-left marks, emoji,
# quotation marks and cue words (so that extraction has something to chew on)
WORDS = [
    "said", "told", "according", "to", "“", "”", '"', "'", "he", "she", "the", "mayor", "Kirby",
    "on", "Friday", "Sept.", "12", "last", "week", "\n", "\n\n", " ", "\t", "\x00", "\u202e", "\u0301",
    "\ufeff", "😀", "&amp;", "<", ">", "0001-01-01", "9999-12-31", "never", "misspoke", "—", "\r\n",
]  # fmt: skip
wordy_text = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=12)), max_size=80).map(" ".join)
any_text = st.one_of(wordy_text, st.text(max_size=400))

DATES = [
    "0001-01-01T00:00:00Z", "0001-01-01", "9999-12-31T23:59:59+14:00", "99999-01-01", "2024-02-30",
    "2024-02-05T17:01:00-05:00", "1970-01-01T00:00:00Z", "", "not a date", "2024-13-01T00:00:00Z",
    "-0001-01-01", "2024-02-05T25:61:00Z", "5:01 PM EST, Mon February 5, 2024", "1e400",
]  # fmt: skip
dates = st.one_of(st.sampled_from(DATES), st.text(max_size=30))


def _escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    """An HTML page: a body of paragraphs (some hostile), page metadata with odd dates, and markup
    that stresses the parser (deep nesting, unclosed tags, entities, scripts)."""
    paragraphs = draw(st.lists(any_text, min_size=0, max_size=8))
    head = []
    for _ in range(draw(st.integers(0, 3))):
        name = draw(
            st.sampled_from(["article:published_time", "article:modified_time", "og:title", "author"])
        )
        head.append(f'<meta property="{name}" content="{_escape(draw(dates))}">')
    if draw(st.booleans()):
        head.append(f'<script type="application/ld+json">{draw(st.sampled_from(JSON_LD))}</script>')
    body = "".join(f"<p>{_escape(p) if draw(st.booleans()) else p}</p>" for p in paragraphs)
    depth = draw(st.sampled_from([0, 0, 50, 3000]))
    body = "<div>" * depth + body + "</div>" * draw(st.integers(0, depth))
    title = _escape(draw(st.text(max_size=60)))
    junk = draw(
        st.sampled_from(["", "<p>unclosed", "&#0;&#x110000;&#xD800;", "<![CDATA[x]]>", "<!--", "</html>"])
    )
    head_html = "".join(head)
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title>{head_html}</head><body>{body}{junk}</body></html>"
    )


JSON_LD = [
    '{"@type": "NewsArticle", "datePublished": "0001-01-01T00:00:00Z"}',
    '{"@type": ["Article"], "datePublished": 20240205}',
    '[{"@type": "NewsArticle", "datePublished": null}, [[[]]]]',
    '{"@type": "Article", "datePublished": "2024-02-05T17:01:00-05:00",'
    ' "dateModified": "9999-12-31T00:00:00Z"}',
    "{not json",
    '{"@graph": ' * 200 + "1" + "}" * 200,
]


@st.composite
def lite_pages(draw: st.DrawFn) -> str:
    """A lite text page (``Source:`` line, headline, optional byline and date lines, body)."""
    lines = [
        "Source: "
        + draw(st.sampled_from(["https://lite.example.com/a/index.html", "http://x", "javascript:x"])),
        "",
    ]
    lines.append(draw(st.text(max_size=80)))
    if draw(st.booleans()):
        lines += ["", f"  By {draw(st.text(max_size=40))}"]
    if draw(st.booleans()):
        lines += ["", f"{draw(st.sampled_from(['Updated:', 'Published:']))} {draw(dates)}"]
    lines += ["", *draw(st.lists(any_text, max_size=8))]
    return "\n".join(lines)


@st.composite
def feeds(draw: st.DrawFn) -> bytes:
    """RSS or Atom with odd entries, or hostile XML (entity expansion, external entities)."""
    kind = draw(st.sampled_from(["rss", "atom", "hostile", "junk"]))
    if kind == "junk":
        return draw(st.binary(max_size=600))
    if kind == "hostile":
        return draw(st.sampled_from(HOSTILE_XML))
    items = []
    for _ in range(draw(st.integers(0, 6))):
        link = draw(
            st.sampled_from(["https://example.com/a", "javascript:alert(1)", "", "//x", "https://例え.jp/"])
        )
        when = draw(
            st.sampled_from(["Mon, 05 Feb 2024 17:01:00 GMT", "Mon, 01 Jan 0001 00:00:00 GMT", "garbage", ""])
        )
        title = _escape(draw(st.text(max_size=40)))
        if kind == "rss":
            items.append(f"<item><title>{title}</title><link>{link}</link><pubDate>{when}</pubDate></item>")
        else:
            items.append(
                f'<entry><title>{title}</title><link href="{_escape(link)}"/>'
                f"<updated>{when}</updated></entry>"
            )
    if kind == "rss":
        channel = "".join(items)
        return f'<rss version="2.0"><channel><title>t</title>{channel}</channel></rss>'.encode()
    return f'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>{"".join(items)}</feed>'.encode()


HOSTILE_XML = [
    b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
    b'<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">]>'
    b"<rss><channel><item><title>&f;&f;&f;&f;</title><link>https://example.com/x</link></item></channel></rss>",
    b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    b"<rss><channel><item><title>&x;</title><link>https://example.com/x</link></item></channel></rss>",
    b"<rss>" * 5000,
]


@st.composite
def warc_archives(draw: st.DrawFn) -> bytes:
    """A WARC archive written by warcio (gzip or not) with odd records, then maybe damaged: cut
    short, bytes flipped, or a header bomb appended."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=draw(st.booleans()))
    for _ in range(draw(st.integers(0, 4))):
        status = draw(st.sampled_from(["200 OK", "200 OK", "404 Not Found", "302 Found", "999 ?"]))
        ctype = draw(
            st.sampled_from(
                ["text/html", "text/plain; charset=latin-1", "image/jpeg", "", "text/html; charset=nope"]
            )
        )
        headers = [("Content-Type", ctype)] if ctype else []
        if draw(st.booleans()):
            headers.append(("Content-Encoding", draw(st.sampled_from(["gzip", "br", "deflate", "x"]))))
        payload = draw(st.one_of(html_pages().map(str.encode), st.binary(max_size=300)))
        uri = draw(
            st.sampled_from(["https://news.example.com/a", "ftp://x", "", "https://news.example.com/b?x=1"])
        )
        record = writer.create_warc_record(
            uri, draw(st.sampled_from(["response", "response", "request", "metadata", "revisit"])),
            payload=io.BytesIO(payload), length=len(payload),  # a length: no spooled temporary file
            http_headers=StatusAndHeaders(status, headers, protocol="HTTP/1.1"),
            warc_headers_dict={"WARC-Date": draw(st.sampled_from(DATES))},
        )  # fmt: skip
        writer.write_record(record)
    data = out.getvalue()
    damage = draw(st.sampled_from(["none", "none", "cut", "flip", "bomb"]))
    if damage == "cut" and data:
        data = data[: draw(st.integers(0, len(data) - 1))]
    elif damage == "flip" and data:
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1 :]
    elif damage == "bomb":
        import gzip

        data += gzip.compress(b"WARC/1.0\r\nX-Bomb: " + b"a" * (3 << 20) + b"\r\n\r\n", 1)
    return data


# values a query parameter or a path segment may take: numbers past 64 bits, floats that are not
# numbers, digits int() cannot read, dates at the calendar's ends, markup, NUL, very long strings
ADVERSARIAL = [
    "99999999999999999999", "-99999999999999999999", "9223372036854775807", "9223372036854775808",
    "-9223372036854775809", "0", "-1", "1e400", "nan", "inf", "-inf", "0x10", "²", "١٢٣", "1_000",
    "0001-01-01", "9999-12-31", "0000", "2024-02-30", "2024-13", "<script>", "%00", "\x00", "'", '"',
    "a" * 5000, "NEAR(", '"unclosed', "*", "AND OR NOT", "../../etc/passwd", "\ud7ff", "😀",
]  # fmt: skip
query_values = st.one_of(
    st.sampled_from(ADVERSARIAL),
    st.integers(-(2**70), 2**70).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.text(max_size=40),
)

# what a number parameter may be sent as: the edges of 64-bit integers and beyond, floats, words
EDGES = [2**63 - 1, 2**63, 2**64, 10**20, -(2**63) - 1, -1, 0, 1, 2**31, 10**400]
numbers = st.one_of(
    st.sampled_from(EDGES).map(str),
    st.integers(-(2**70), 2**70).map(str),
    st.sampled_from(["nan", "inf", "1e400", "1.5", "²", "١٢", " 1", "1 ", "0x1", "", "1_0"]),
)
NUMBER_NAMES = {
    "limit",
    "offset",
    "page",
    "version",
    "min_confidence",
    "min_statements",
    "claim_id",
    "speaker_id",
}


def value_for(name: str) -> st.SearchStrategy[str]:
    """Values for a parameter or option called ``name``: mostly number edges for a number."""
    key = name.lstrip("-").replace("-", "_")
    return st.one_of(numbers, numbers, query_values) if key in NUMBER_NAMES else query_values
