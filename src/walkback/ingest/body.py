"""The article body: trafilatura's careful reading, checked against other readings of the page.

trafilatura (``favor_precision``) reads most pages best, but on some it keeps the wrong block or
stops where an article runs on in another container (an advertisement between two halves, a
"paywall" wrapper). So its reading is compared with cheaper ones made from the same page: the main
content as Resiliparse finds it, the page's JSON-LD ``articleBody`` and its ``<article>`` element.
When it agrees with one of them (4-word shingle F1 of at least :data:`AGREE`), it stands. When it
agrees with none, readability-lxml reads the page too, and the reading that agrees best with the
others wins (it must agree with one of them at least :data:`CONFIRM`, else trafilatura's stands).
The choice of readability-lxml and of the threshold is measured in ``benchmarks/body_backends.md``.

Then, whoever read it, lines that are the page's furniture rather than the article are dropped by
rule (:func:`drop_furniture`): "Read more:", "Related:" and "Don't miss" lines and the link lists
under them, newsletter and social-media calls ("Follow us on Twitter", "Sign up for our
newsletter"), "Advertisement", WordPress shortcodes, related-story lines tagged ``[PICS]``.
Person pop-ups inside paragraphs (The Hill's "rollover" cards) are removed from the page before
any reading (:func:`remove_popups`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

import lxml.html
from lxml.etree import _Element, strip_elements
from readability import Document as Readability
from resiliparse.extract.html2text import extract_plain_text

from .pagemeta import PageMeta

__all__ = ["choose_body", "drop_furniture", "remove_popups", "article_element_lines", "AGREE", "CONFIRM"]

AGREE = 0.7  # shingle F1 at which trafilatura's reading agrees with another one
CONFIRM = 0.5  # ... at which a replacement must agree with one other reading
_WORD = re.compile(r"\w+")
_BLOCKS = ".//p|.//li|.//h2|.//h3|.//h4|.//blockquote|.//pre|.//td|.//dd"
_NOT_TEXT = ("script", "style", "noscript", "template", "aside", "figure", "nav", "form", "button", "svg")
# elements a reader only sees on hovering a name: text that is not in the paragraph
_POPUP = re.compile(r"rollover-people-block|\bhovercard\b|\bpopover\b|\btooltip-content\b", re.IGNORECASE)
_POPUP_WORDS = ("rollover-people-block", "hovercard", "popover", "tooltip-content")
_POPUP_XPATH = "//*[" + " or ".join(f"contains(@class, '{word}')" for word in _POPUP_WORDS) + "]"


def _shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    words = _WORD.findall(text.casefold())
    if len(words) < n:
        return Counter([tuple(words)] if words else [])
    return Counter(zip(*(words[i:] for i in range(n)), strict=False))


def agreement(a: str, b: str) -> float:
    """How much two readings of a page say the same: the F1 of their 4-word shingles."""
    sa, sb = _shingles(a), _shingles(b)
    common = sum((sa & sb).values())
    return 2 * common / (sum(sa.values()) + sum(sb.values())) if common else 0.0


def remove_popups(tree: _Element) -> None:
    """Remove the pop-up cards some pages put inside paragraphs (a person's photo, name and latest
    headlines, shown on hover), which readers would otherwise read as part of the sentence."""
    for element in tree.xpath(_POPUP_XPATH):
        if not _POPUP.search(element.get("class") or ""):
            continue
        parent = element.getparent()
        if parent is None:
            continue
        previous = element.getprevious()
        if element.tail:  # keep the text that followed the pop-up
            if previous is not None:
                previous.tail = (previous.tail or "") + element.tail
            else:
                parent.text = (parent.text or "") + element.tail
        parent.remove(element)


def _block_lines(root: _Element) -> list[str]:
    lines = []
    for block in root.xpath(_BLOCKS):
        if block.xpath(".//p|.//li"):
            continue  # its inner blocks are read instead
        text = " ".join(block.text_content().split())
        if text:
            lines.append(text)
    return lines


def article_element_lines(tree: _Element) -> list[str]:
    """The paragraphs of the page's ``<article>`` element (the longest, when there are several),
    without scripts, figures, asides and forms; read before trafilatura prunes the tree."""
    best: list[str] = []
    for article in tree.iter("article"):
        copy = lxml.html.fromstring(lxml.html.tostring(article))
        strip_elements(copy, *_NOT_TEXT, with_tail=False)
        lines = _block_lines(copy)
        if sum(map(len, lines)) > sum(map(len, best)):
            best = lines
    return best


def _resiliparse_lines(html: str) -> list[str]:
    text = extract_plain_text(html, main_content=True, alt_texts=False, links=False, list_bullets=False)
    return [line.strip() for line in text.split("\n") if line.strip()]


def _readability_lines(html: str) -> list[str]:
    summary = Readability(html).summary(html_partial=True)
    return _block_lines(lxml.html.fromstring(summary or "<div></div>"))


def _json_ld_lines(meta: PageMeta) -> list[str]:
    bodies = [b for b in meta.article_values("articleBody") if isinstance(b, str)]
    return [line.strip() for line in bodies[0].split("\n") if line.strip()] if bodies else []


def choose_body(
    precise: Sequence[str],
    html: str,
    meta: PageMeta,
    article_lines: Sequence[str],
    *,
    readers: Sequence[tuple[str, Callable[[str], list[str]]]] | None = None,
) -> tuple[list[str], str]:
    """The body's lines and the name of the reading they come from (see the module docstring).

    ``precise`` is trafilatura's reading, ``article_lines`` the ``<article>`` element's;
    ``readers`` replaces the cheap and the second reader (for tests)."""
    cheap, second = (readers or [("resiliparse", _resiliparse_lines), ("readability", _readability_lines)])[
        :2
    ]
    readings: dict[str, list[str]] = {
        cheap[0]: _safe(cheap[1], html),
        "json-ld": _json_ld_lines(meta),
        "article": list(article_lines),
    }
    text = "\n".join(precise)
    if text and any(agreement(text, "\n".join(lines)) >= AGREE for lines in readings.values() if lines):
        return list(precise), "trafilatura"
    readings[second[0]] = _safe(second[1], html)
    if text and agreement(text, "\n".join(readings[second[0]])) >= AGREE:
        return list(precise), "trafilatura"
    texts = {name: "\n".join(lines) for name, lines in readings.items() if lines}
    best, score = "", 0.0
    for name, candidate in texts.items():
        if name == "json-ld" and len(readings[name]) < 2:
            continue  # one block without paragraphs: it may vote, not stand for the body
        others = [agreement(candidate, other) for o, other in texts.items() if o != name]
        if others and max(others) >= CONFIRM and sum(others) / len(others) > score:
            best, score = name, sum(others) / len(others)
    return (readings[best], best) if best else (list(precise), "trafilatura")


def _safe(read: Callable[[str], list[str]], html: str) -> list[str]:
    """A second opinion that breaks on a page gives none; trafilatura's reading decides."""
    try:
        return read(html)
    except Exception:  # noqa: BLE001 - any failure of an optional reader means "no reading"
        return []


# -- furniture -------------------------------------------------------------------------------------

_LEAD = re.compile(
    r"(?i)^\s*(?:(?:read more|more|related|related articles?|related stories|related coverage|see also|"
    r"also read|read also|don'?t miss|watch|recommended|trending|most read|popular|more from|latest)\s*:|"
    r"(?:read more|don'?t miss|sign up for|subscribe to|follow us|got a story|tell us what you think|"
    r"share this|advertisement|continue reading|you may also like)\b)"
)
_TAGGED = re.compile(r"\[[A-Z][A-Z ]+\]\s*$")  # "Plane passengers quarantined [NEWS]"
_BARE = re.compile(r"(?i)^(?:comments?|share|advertisement|ad|print|e-?mail|tweet|loading\.*|related|more)$")
_SOCIAL = re.compile(r"(?i)\bfollow\b.{0,40}?\bon (?:twitter|facebook|instagram)|\bfollow @\w+")
_NEWSLETTER = re.compile(
    r"(?i)\b(?:sign up|subscribe)\b.{0,80}\b(?:newsletter|inbox)"
    r"|\bnewsletters?\b.{0,40}\b(?:sign up|subscribe)"
)
_SHORTCODE = re.compile(r"^\[\w+[^\]]*\].*\[/\w+\]$")
_LIST_ITEM = re.compile(r"^[-–•]\s")
_SHORT = 25  # words: a longer line is article text even when it starts like furniture
_CALL = 60  # words: a social-media or newsletter call is no longer than this


def _is_furniture(line: str) -> bool:
    words = len(line.split())
    return bool(
        (_LEAD.match(line) and words <= _SHORT)
        or (_TAGGED.search(line) and words <= 20)
        or _BARE.match(line)
        or (_SOCIAL.search(line) and words <= _CALL)
        or (_NEWSLETTER.search(line) and words <= _CALL)
        or _SHORTCODE.match(line)
    )


def drop_furniture(lines: Sequence[str]) -> list[str]:
    """``lines`` without the page furniture the extractors keep (see the module docstring); the
    "- item" lines right after a dropped "Related:" line go with it."""
    out: list[str] = []
    after_dropped = False
    for line in lines:
        stripped = line.strip()
        if _is_furniture(stripped) or (after_dropped and _LIST_ITEM.match(stripped)):
            after_dropped = True
            continue
        after_dropped = False
        out.append(line)
    return out
