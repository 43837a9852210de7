"""An HTML page's outlet: one name for a site, from what it calls itself and from its domain.

A page names its site in several places: ``og:site_name``, the JSON-LD publisher and organisation,
``application-name``, the logo that links home, the end of its ``<title>``, its Twitter account.
They disagree (``WSJ`` / ``Wall Street Journal``; an Associated Press story's publisher is the
Associated Press on sfgate.com), some are taglines ("Expert how-to for English Riders") or
sections ("U.S."). The name chosen is the one that matches the site's domain best:

1. the domain's name is spelt out from it (``The New York Times`` for nytimes.com, ``Wall Street
   Journal`` for wsj.com, ``Los Angeles Times`` for latimes.com), else
2. its letters are the domain's name (``SFGate`` for sfgate.com, ``Inexhibit``), else
3. one starts with the other (``Vortex Cannon Entertainment`` for vortexcannon.org), else
4. one holds the other, or they start alike (``Sputnik International`` for sputniknews.com);

among equals, the one closest in length to the domain's name, then the publisher's and the site's
declared names before the logo and the title. A Twitter account's name is never taken for a
declared one. When no name fits the domain, the name the site declares first (``Connecticut
Post`` for ctpost.com) unless it is a tagline, else its account's name when that is the
domain's, else the registered domain (``vse-diety.com``). So every page of a site gets the same
name, whatever story it carries. The ``outlets`` setting maps a domain to the name to use instead
(``"wsj.com" = "The Wall Street Journal"``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping

from courlan import extract_domain

from .pagemeta import SEPARATOR, PageMeta, domain_label, fold

__all__ = ["choose_outlet", "outlet_override"]

_PREFERENCE = {  # where a name comes from: lower is preferred among equally good matches
    "publisher": 0,
    "og:site_name": 0,
    "organization": 1,
    "application-name": 1,
    "publisher-meta": 2,
    "al:ios:app_name": 3,
    "logo": 3,
    "title": 4,
    "copyright": 6,
    "twitter:site": 7,
    "twitter:creator": 8,
}
# when no name fits the domain: the site's own declarations first; an article's publisher may be
# the wire service that wrote it ("Associated Press" on ctpost.com)
_FALLBACK = {
    "og:site_name": 0,
    "application-name": 1,
    "organization": 2,
    "publisher-meta": 3,
    "title": 4,
    "publisher": 5,
}
_COPYRIGHT = re.compile(r"(?i)copyright|\(c\)|©|all rights reserved|\d{4}")
_URL = re.compile(r"(?i)^(?:https?://|www\.)")
_LOGO_WORD = re.compile(r"(?i)logo|^[\w-]+_[\w-]+$")  # "express_logo", "logo-compact": a file's name
_SKIP_WORDS = frozenset({"the", "of", "and", "a"})
_JOINING = frozenset("of the and on in at a an de la le les du des di da del do dos van von der den".split())


def _words(name: str) -> list[str]:
    return [w for w in re.split(r"[\W_]+", fold(name)) if w]


def _abbreviates(label: str, words: list[str]) -> bool:
    """``label`` is the starts of ``words`` run together, each word giving at least one letter
    ("the", "of", "and" and numbers may give none): ``nytimes`` for New York Times, ``wsj``,
    ``latimes``, ``nbcdfw`` for NBC 5 Dallas-Fort Worth."""
    if not label:
        return all(w in _SKIP_WORDS or w.isdigit() for w in words)
    if not words:
        return False
    word, rest = words[0], words[1:]
    if (word in _SKIP_WORDS or word.isdigit()) and _abbreviates(label, rest):
        return True
    return any(
        label[:k] == word[:k] and _abbreviates(label[k:], rest)
        for k in range(1, min(len(word), len(label)) + 1)
    )


def _match(name: str, label: str) -> int:
    """How well a name fits the domain's name: 4 it is spelt out from it (The New York Times for
    nytimes), 3 it is it, 2 one starts the other, 1 one holds the other, 0 no fit."""
    words = _words(name)
    key = "".join(words)
    if not key or not label:
        return 0
    bare = key[3:] if words[0] == "the" and len(words) > 1 else key
    if label in {key, bare}:
        return 3
    if len(words) >= 2 and _abbreviates(label, words):
        return 4
    if len(label) >= 3 and any(k.startswith(label) or label.startswith(k) for k in (key, bare)):
        return 2
    if len(bare) >= 4 and (bare in label or label in key):
        return 1
    if len(os.path.commonprefix([bare, label])) >= max(5, len(label) // 2):  # Sputnik International
        return 1
    return 0


def _candidates(meta: PageMeta) -> list[tuple[str, str]]:
    """(where, name) of every name the page gives its site, split at separators ("A | tagline")."""
    found = [("publisher-meta" if where == "publisher" and not meta.articles else where, name)
             for where, name in meta.site_names]  # fmt: skip
    for title in [meta.title, *meta.meta("og:title")]:
        parts = re.split(SEPARATOR, title)
        # the last part of a title is the site's name when it is short and has no figures
        if len(parts) >= 2 and len(parts[-1].split()) <= 4 and not re.search(r"\d", parts[-1]):
            found.append(("title", parts[-1]))
    out: list[tuple[str, str]] = []
    for where, name in found:
        if where == "copyright":
            name = _COPYRIGHT.sub(" ", name)
        for part in re.split(SEPARATOR, name):
            part = " ".join(part.split()).strip(" ,:;-@")
            if where == "logo" and _LOGO_WORD.search(part):
                continue
            if part and not _URL.match(part) and (where, part) not in out:
                out.append((where, part))
    return out


def _is_tagline(name: str) -> bool:
    """A phrase, not a name: two words or more in lower case ("Expert how-to for English Riders",
    "Nigeria's popular news platform"), short joining words apart."""
    lower = [w for w in name.split() if w[:1].islower() and w not in _JOINING]
    return len(lower) >= 2


def _is_account(where: str, name: str) -> bool:
    return where.startswith("twitter")


def _cased(name: str, candidates: list[tuple[str, str]]) -> str:
    """A name written all in lower case ("@politifact") as another name of the site writes it
    ("PolitiFact West Virginia" → "PolitiFact")."""
    if name != name.lower():
        return name
    for _, other in candidates:
        if (
            other != other.lower()
            and other.lower().startswith(name)
            and other[len(name) : len(name) + 1] in {"", " "}
        ):
            return other[: len(name)]
    return name


def outlet_override(url: str | None, outlets: Mapping[str, str]) -> str | None:
    """The name the ``outlets`` setting gives the site of ``url`` (its host or a parent domain)."""
    if not url or not outlets:
        return None
    host = (re.sub(r"^[a-z]+://", "", url.lower()).split("/")[0]).split(":")[0]
    wanted = {k.lower().removeprefix("www."): v for k, v in outlets.items()}
    parts = host.removeprefix("www.").split(".")
    for i in range(len(parts) - 1):
        if ".".join(parts[i:]) in wanted:
            return wanted[".".join(parts[i:])]
    return None


def choose_outlet(meta: PageMeta, url: str | None = None) -> str | None:
    """The site's name (see the module docstring), or ``None`` when the page gives none."""
    label = domain_label(url or meta.host)
    candidates = _candidates(meta)
    names = [(w, n) for w, n in candidates if not _is_account(w, n)]
    scored = [(_match(name, label), where, name, i) for i, (where, name) in enumerate(names)]
    scored = [c for c in scored if c[0] > 0]
    if scored:
        best = min(
            scored,
            key=lambda c: (
                -c[0],
                abs(len("".join(_words(c[2]))) - len(label)),  # PanARMENIAN.Net before PanARMENIAN Network
                _PREFERENCE.get(c[1], 5),
                c[3],
            ),
        )
        return _cased(best[2], candidates)
    # nothing the site calls itself fits its domain: the name it declares first, else its account's
    # name when that is its domain's, else the domain
    declared = sorted(
        (_FALLBACK.get(w, 9), i, n) for i, (w, n) in enumerate(names) if w in _FALLBACK and not _is_tagline(n)
    )
    if declared:
        return _cased(declared[0][2], candidates)
    accounts = [
        n.lstrip("@") for w, n in candidates if _is_account(w, n) and _match(n.lstrip("@"), label) == 3
    ]
    if accounts:
        return accounts[0]
    target = url if url and "://" in url else f"https://{meta.host}/"
    return (extract_domain(target) or meta.host or None) if (url or meta.host) else None
