"""Through which medium a statement was made, when its sentence says so.

The knowledge is a table: each :class:`MediumRule` maps a pattern to one canonical medium
(:data:`MEDIA`). :func:`detect_medium` runs the rules over the sentence, skipping the statement's own
words, and returns the medium with the words that gave it away (``in a statement to CNN`` ->
``statement``). A different table can be passed in ``rules``.

Choosing among several matches:

* Where matches overlap, the longer one wins (``in an emailed statement`` is a statement, not an
  email; ``in a radio interview`` an interview, not radio), then the earlier rule in the table.
* Generic rules (``told reporters``) count only when no specific one matched: ``told reporters at a
  briefing`` was a briefing.
* Among the rest, the match nearest the cue wins when a cue is given (``tweeted`` as the cue beats a
  speech mentioned in a side clause); otherwise the first in the window, since the attribution frame
  usually opens with its setting (``In a call with reporters on Friday, Kirby said ...``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from walkback.model import Span

__all__ = ["MEDIA", "MediumRule", "RULES", "detect_medium"]

#: The canonical media, in the order of the rule table.
MEDIA: tuple[str, ...] = (
    "call with reporters",
    "press conference",
    "briefing",
    "statement",
    "interview",
    "radio",
    "social media post",
    "speech",
    "testimony",
    "debate",
    "email",
    "op-ed",
    "letter",
    "remarks to reporters",
)


@dataclass(frozen=True, slots=True)
class MediumRule:
    """One way of writing a medium. ``generic`` rules yield to any specific rule in the same window."""

    medium: str
    pattern: re.Pattern[str]
    generic: bool = False


# Pieces shared by the patterns (all compiled case-insensitively unless a rule says otherwise).
_DET = r"(?:a|an|the|his|her|their|its|this|that|[A-Z][\w.]*['’]s)"  # "a", "Tuesday's", "CNN's"
_WORDS = r"(?:[\w.&'’-]+\s+){0,3}?"  # up to three words between the determiner and the head noun
_AT = rf"(?:(?:at|during|in|on|from|via)\s+{_DET}\s+{_WORDS})?"  # optional "at a Pentagon "
_NETWORKS = r"(?:CNN|MSNBC|Fox\s+News|Fox\s+Business|CNBC|NBC|ABC|CBS|NPR|PBS|C-SPAN|BBC|Sky\s+News|Newsmax)"
_SHOWS = (
    r"(?:State\s+of\s+the\s+Union|Meet\s+the\s+Press|Face\s+the\s+Nation|This\s+Week|Fox\s+News\s+Sunday"
    r"|Sunday\s+Morning\s+Futures|Good\s+Morning\s+America|The\s+View|Morning\s+Joe|Fox\s+(?:&|and)\s+Friends"
    r"|60\s+Minutes|New\s+Day|The\s+Lead|Hardball|Hannity|The\s+Situation\s+Room|CBS\s+This\s+Morning"
    r"|Tucker\s+Carlson\s+Tonight|The\s+Tonight\s+Show|The\s+Late\s+Show|The\s+Daily\s+Show|Real\s+Time"
    r"|Anderson\s+Cooper\s+360|Squawk\s+Box|Today)"
)
_PLATFORMS = r"(?:Twitter|X|Facebook|Instagram|Truth\s+Social|Threads|TikTok|Telegram|LinkedIn|YouTube)"
_I = re.IGNORECASE
# "in the FBI email probe": email as the topic, not the medium.
_NOT_AN_EMAIL_TOPIC = (
    r"(?!\s+(?:probe|server|servers|system|investigation|scandal|accounts?|address|controversy|case|inquiry"
    r"|practices|use|issue|saga|leaks?|hack|chain|list)\b)"
)

# (medium, pattern, flags, generic). Case-sensitive rules spell their case: "on X", show titles.
_TABLE: tuple[tuple[str, str, int, bool], ...] = (
    (
        "call with reporters",
        rf"\b{_AT}(?:(?:tele)?phone\s+|conference\s+|press\s+|briefing\s+)?call\s+with\s+"
        r"(?:\w+\s+){0,2}?(?:reporters|journalists)\b",
        _I,
        False,
    ),
    ("call with reporters", rf"\b{_AT}(?:conference|press|briefing)\s+call\b", _I, False),
    ("press conference", rf"\b{_AT}(?:press|news|joint\s+news|joint\s+press)\s+conference\b", _I, False),
    ("press conference", r"\bpresser\b", _I, False),
    (
        "briefing",
        rf"\b(?:(?:at|during|in|from)\s+{_DET}\s+{_WORDS}|(?:press|news|media)\s+)briefing\b"
        r"(?!\s+(?:call|paper|book|document|materials?)\b)",
        _I,
        False,
    ),
    ("briefing", r"\bbriefed\s+(?:reporters|journalists)\b", _I, False),
    ("statement", rf"\b(?:in|via)\s+{_DET}\s+{_WORDS}statements?\b", _I, False),
    (
        "statement",
        r"\b(?:a|the|his|her|their|its)\s+statement\s+(?:said|says|read|reads|added|continued)\b",
        _I,
        False,
    ),
    ("statement", r"\b(?:issued|released|put\s+out)\s+(?:a|an)\s+(?:\w+\s+)?statement\b", _I, False),
    ("interview", rf"\b(?:in|during)\s+{_DET}\s+{_WORDS}interviews?\b", _I, False),
    ("interview", r"\b(?:radio|television|TV|phone|telephone|podcast|video)\s+interview\b", _I, False),
    ("interview", r"\binterview(?:ed)?\s+with\b", _I, False),
    (
        "interview",
        rf"\b(?:[Oo]n|of|appeared\s+on)\s+(?:{_NETWORKS}['’]s\s+|NBC['’]s\s+)?[\"“']?{_SHOWS}\b",
        0,
        False,
    ),
    ("interview", rf"\b(?:[Oo]n|[Aa]ppearing\s+on|appeared\s+on)\s+{_NETWORKS}\b(?!['’])", 0, False),
    ("interview", rf"\b(?:on|in)\s+{_DET}\s+{_WORDS}podcast\b", _I, False),
    ("radio", r"\bon\s+(?:the\s+)?radio\b", _I, False),
    (
        "radio",
        r"\b(?:on\s+)?(?:[A-Z]{3,4}(?:-(?:AM|FM))?\s+)?radio\s+(?:show|program|station|appearance)\b",
        0,
        False,
    ),
    ("social media post", rf"\b(?:(?:in|via)\s+{_DET}\s+{_WORDS})?(?:re)?tweet(?:ed|ing|s)?\b", _I, False),
    ("social media post", rf"\b(?:on|to|via)\s+{_PLATFORMS}\b(?![-\w])", 0, False),
    (
        "social media post",
        rf"\b(?:[Ii]n|[Ii]n\s+{_DET}|[Oo]n)\s+(?:[\w'’-]+\s+){{0,3}}?(?:post|video|message)"
        rf"\s+(?:on|to)\s+{_PLATFORMS}\b(?![-\w])",
        0,
        False,
    ),
    (
        "social media post",
        r"\b(?:[Ii]n|[Vv]ia)\s+(?:a|an|his|her|their)\s+"
        r"(?:social\s+media|Facebook|Instagram"
        r"|Truth\s+Social|X|Twitter|blog|online)\s+(?:post|message|video)\b",
        0,
        False,
    ),
    ("social media post", r"\b(?:on\s+)?(?:social\s+media|Truth\s+Social)\b", 0, False),
    (
        "speech",
        rf"\b(?:in|during|at|from)\s+{_DET}\s+{_WORDS}(?:speech|remarks|keynote|rally"
        r"|town\s+hall|campaign\s+(?:event|stop))\b",
        _I,
        False,
    ),
    ("speech", r"\bin\s+(?:a\s+)?(?:speech|remarks|an\s+address)\b", _I, False),
    # "address" is a verb too ("provisions in the tax code that address losses"): only as a named event
    (
        "speech",
        rf"\b(?:in|during)\s+{_DET}\s+(?:[\w'’-]+\s+){{0,2}}?address\s+(?:to|at|on|before)\b",
        _I,
        False,
    ),
    (
        "speech",
        rf"\b(?:(?:in|during)\s+{_DET}\s+)?(?:commencement|keynote|inaugural|televised|farewell|weekly"
        r"|Oval\s+Office)\s+address\b",
        _I,
        False,
    ),
    (
        "speech",
        r"\b(?:told|telling|addressing|addressed)\s+(?:a\s+|the\s+|his\s+|her\s+)?(?:\w+\s+)?"
        r"(?:supporters|crowd|audience|rally(?:goers)?|delegates|convention|graduates)\b",
        _I,
        False,
    ),
    ("testimony", r"\btestif(?:ied|ies|ying|y)\b|\btestimony\b", _I, False),
    ("testimony", rf"\b(?:at|during|in|before)\s+{_DET}\s+{_WORDS}hearing\b", _I, False),
    (
        "testimony",
        r"\b(?:told|telling)\s+(?:lawmakers|Congress|senators|legislators|members\s+of\s+Congress"
        r"|(?:a|the)\s+(?:[\w'’-]+\s+){0,4}?(?:committee|subcommittee|panel))\b",
        _I,
        False,
    ),
    ("debate", rf"\b(?:at|during|in)\s+{_DET}\s+{_WORDS}debates?\b(?!\s+(?:over|about|on|of)\b)", _I, False),
    ("email", rf"\b(?:in|via)\s+{_DET}\s+{_WORDS}e-?mail\b{_NOT_AN_EMAIL_TOPIC}", _I, False),
    ("email", r"\be-?mailed\b|\b(?:by|via|over)\s+e-?mail\b", _I, False),
    ("op-ed", rf"\b(?:(?:in|wrote)\s+{_DET}\s+{_WORDS})?op-?eds?\b", _I, False),
    (
        "op-ed",
        rf"\b(?:in|wrote)\s+{_DET}\s+{_WORDS}(?:essay|column|opinion\s+(?:piece|article))\b",
        _I,
        False,
    ),
    ("letter", rf"\b(?:in|wrote)\s+{_DET}\s+{_WORDS}letter\b", _I, False),
    (
        "letter",
        r"\b(?:a|the|his|her|their|its)\s+letter\s+(?:said|says|read|reads|stated|states)\b",
        _I,
        False,
    ),
    (
        "remarks to reporters",
        r"\b(?:told|telling|tells|speaking\s+(?:with|to)|spoke\s+(?:with|to)|said\s+to"
        r"|remarks\s+to|comments\s+to)\s+(?:a\s+group\s+of\s+|the\s+|traveling\s+|waiting\s+)*(?:reporters"
        r"|journalists|press|news\s+media)\b",
        _I,
        True,
    ),
)

#: The default rule table, in priority order for overlapping matches.
RULES: tuple[MediumRule, ...] = tuple(
    MediumRule(medium, re.compile(pattern, flags), generic) for medium, pattern, flags, generic in _TABLE
)


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, b[0] - a[1], a[0] - b[1])


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def detect_medium(
    text: str,
    *,
    window: tuple[int, int],
    exclude: Sequence[tuple[int, int]] = (),
    cue: tuple[int, int] | None = None,
    rules: Sequence[MediumRule] = RULES,
) -> tuple[str, Span] | None:
    """The medium named in ``text[window[0]:window[1]]`` outside every ``exclude`` span, with its words.

    See the module docstring for how one match is chosen among several. None when nothing matches.
    """
    start, stop = window[0], min(window[1], len(text))
    found: list[tuple[int, int, int, MediumRule]] = []  # (start, end, rule rank, rule)
    for rank, rule in enumerate(rules):
        for m in rule.pattern.finditer(text, start, stop):
            if m.end() > m.start() and not any(_overlaps((m.start(), m.end()), ex) for ex in exclude):
                found.append((m.start(), m.end(), rank, rule))
    kept: list[tuple[int, int, int, MediumRule]] = []
    for hit in sorted(found, key=lambda h: (h[0] - h[1], h[2], h[0])):
        if all(not _overlaps((hit[0], hit[1]), (k[0], k[1])) for k in kept):
            kept.append(hit)
    if not kept:
        return None
    specific = [k for k in kept if not k[3].generic] or kept
    if cue is None:
        best = min(specific, key=lambda k: k[0])
    else:
        best = min(specific, key=lambda k: (_gap((k[0], k[1]), cue), k[0]))
    return best[3].medium, Span.of(text, best[0], best[1])
