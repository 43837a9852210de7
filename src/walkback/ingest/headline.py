"""An HTML page's headline: the one it shows, when its metadata agrees; never the site's name.

The headline a reader sees is the page's ``<h1>``, but pages also use ``<h1>`` for their masthead,
their section or a sign-in box, and some have none. So the ``<h1>`` (not a site name) is taken
that agrees best with the titles the page declares (``og:title``, ``twitter:title``, the JSON-LD
``headline``, ``<title>``): they share two words at least, and a Jaccard index of at least
:data:`AGREE` over their words. Otherwise the declared title is taken, with the site's name cut
from its start or end (``… | TechCrunch``, ``LinkNaija | …: ``) as the site names itself in its
metadata or domain; a page that declares none takes its one heading of four words or more.

Titles are compared folded (:func:`~.pagemeta.fold`): NFKC, curly quotes and dashes straightened,
case and white space ignored; so is the first line of the body, which is dropped when it repeats
the headline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from .pagemeta import SEPARATOR, PageMeta, domain_label, fold, name_key

__all__ = [
    "choose_headline",
    "strip_site_name",
    "is_headline",
    "declared_titles",
    "site_keys",
    "is_site",
    "AGREE",
]

AGREE = 0.2  # the Jaccard index over words at which a heading agrees with a declared title
# a logo's alt text that is its file's name ("lat-logo-inverse.svg", "express_logo"), not a name
_FILE_NAME = re.compile(r"(?i)\blogo\b|logo[-_]|[-_]logo|\.(?:svg|png|jpe?g|gif|webp)$")
_WORD = re.compile(r"\w+")
_DECLARED = ("og:title", "twitter:title", "title", "headline", "parsely-title", "sailthru.title")


def _words(text: str) -> set[str]:
    return set(_WORD.findall(fold(text)))


def site_keys(meta: PageMeta, extra: Iterable[str] = ()) -> list[str]:
    """The keys (:func:`~.pagemeta.name_key`) of every name the site goes by, and of its domain."""
    names = [n for where, n in meta.site_names if where != "twitter:creator" and not _FILE_NAME.search(n)]
    keys = {name_key(name) for name in names} | {name_key(name) for name in extra if name}
    keys |= {name_key(meta.host), domain_label(meta.host)}
    return sorted((k for k in keys if len(k) >= 2), key=len, reverse=True)


def is_site(segment: str, keys: Sequence[str]) -> bool:
    """Whether ``segment`` is the site's name: equal to one, or mostly one (``Sportsnet.ca``)."""
    key = name_key(segment)
    if not key:
        return False
    for k in keys:
        if (
            key == k
            or (len(key) >= 4 and key in k)
            or (len(k) >= 4 and k in key and len(k) >= 0.6 * len(key))
        ):
            return True
    return False


def strip_site_name(title: str, meta: PageMeta, extra: Iterable[str] = ()) -> str:
    """``title`` without the site's name at its start or end, and the separator that joined them."""
    title = " ".join(title.split())
    keys = site_keys(meta, extra)
    for _ in range(3):  # "Story | Section | Site" loses the site; sections are left
        parts = re.split(f"({SEPARATOR})", title)
        if len(parts) >= 3 and is_site(parts[-1], keys):
            title = "".join(parts[:-2]).strip()
            continue
        if len(parts) >= 3 and is_site(parts[0], keys):
            title = "".join(parts[2:]).strip()
            continue
        # "LinkNaija | Nigeria's popular news platform: Headline": a whole site name, then a colon
        whole = [n for _, n in meta.site_names] + [
            p for _, n in meta.site_names for p in re.split(SEPARATOR, n)
        ]
        for name in sorted(whole, key=len, reverse=True):
            if len(name) >= 4 and fold(title).startswith(fold(name) + ":"):
                title = title[len(name) + 1 :].strip()
                break
        else:
            break
    return title


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def declared_titles(meta: PageMeta) -> list[str]:
    """The titles the page declares, best first: JSON-LD headline, og:title, <title>, and the rest."""
    found = [h for h in meta.article_values("headline") if isinstance(h, str)]
    found += meta.meta(*_DECLARED)
    found += [meta.title]
    out: list[str] = []
    for title in found:
        title = " ".join(str(title).split())
        if title and title not in out:
            out.append(title)
    return out


def choose_headline(meta: PageMeta, extractor_title: str = "", site_names: Iterable[str] = ()) -> str:
    """The page's headline (see the module docstring); ``extractor_title`` is the last resort (it
    is often the page's first ``<h1>`` itself, so it takes no part in the agreement)."""
    names = list(site_names)
    declared = [strip_site_name(t, meta, names) for t in declared_titles(meta)]
    declared = [t for t in declared if t]
    keys = site_keys(meta, names)
    headings = [h for h in meta.headings if len(_words(h)) >= 2 and not is_site(h, keys)]
    best, score = "", 0.0
    for heading in headings:
        words = _words(heading)
        for title in declared:
            agreement = _jaccard(words, _words(title))
            if len(words & _words(title)) >= 2 and agreement > score:
                best, score = heading, agreement
    if best and score >= AGREE:
        return best
    long = [h for h in headings if len(_words(h)) >= 4]
    if len(long) == 1 and not declared:
        return long[0]
    if declared:
        return declared[0]
    return long[0] if len(long) == 1 else strip_site_name(extractor_title, meta, names)


def is_headline(line: str, titles: Iterable[str]) -> bool:
    """Whether a line of the body only repeats one of the ``titles`` (folded)."""
    key = fold(line)
    return bool(key) and any(key == fold(t) for t in titles if t)
