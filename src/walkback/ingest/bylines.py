"""An HTML page's byline: the people (or the newsroom) it credits, as names.

Where the names come from, in this order: the JSON-LD article's ``author``; the page's byline block
when it agrees with that (it may add a co-author the metadata left out) or when there is none; the
``author`` meta tags (not when they name the site itself: the publisher is no author). Each source
is read into names by :func:`split_names`:

- "By", "Written by", "Text:" and the like, dates, times, e-mail addresses, handles and URLs go;
- "A and B", "A, B and C", "A; B" are several authors, "Last, First" is one ("Meg Kinnard");
- what follows a full name after a comma or a dash is the author's role, credentials or employer
  ("Staff Writer", "MS, RD", "Cleveland.com", "CNN", "Associated Press") and goes;
- names written in capitals are written as names (``LISA MASCARO`` → ``Lisa Mascaro``,
  by ``nameparser``);
- URL slugs (``sophie-foster``), URLs, CMS accounts (``admin``, ``rmb8090``) are no names.

A newsroom credited alone ("Associated Press", "BBC News", "Telegraph Sport") is kept as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from nameparser import HumanName
from nameparser.config import CONSTANTS

from .pagemeta import PageMeta, fold, name_key

__all__ = ["choose_authors", "split_names"]

_LEAD = re.compile(
    r"^(?:(?:written|posted|published|reported|compiled|analysis|commentary|opinion|story|text|words|"
    r"photos?|interview)\s+)?(?:by|von|por|par|di|door|av|af|de|texto|text|текст|автор)\s*[:\-–]?\s+",
    re.IGNORECASE,
)
_LABEL = re.compile(r"^(?:text|texto|текст|автор|author|authors|autor|byline)\s*:\s*", re.IGNORECASE)
_NOISE = re.compile(
    r"\S+@\S+|https?://\S+|www\.\S+|(?<!\w)@\w+|\(\d{3}\)\s*\d{3}-\d{4}|\d{3}[-.]\d{3}[-.]\d{4}",
    re.IGNORECASE,
)
_MONTH = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
# where a byline's names end: a date, a time, "Updated", a "|" or a bullet
_END = re.compile(
    rf"\s*(?:[|•·]|\b(?:updated|published|posted|last updated|follow|view|read|min read|share)\b|"
    rf"\b(?:on\s+)?(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\b|"
    rf"\b(?:{_MONTH})\.?\s+\d|\b\d{{1,2}}\s+(?:{_MONTH})\b|\b\d{{1,4}}[./-]\d{{1,2}}[./-]\d{{1,4}}|"
    rf"\b\d{{1,2}}:\d{{2}}|\b\d{{4}}-\d{{2}}-\d{{2}}|\b\d+\s*(?:hours?|minutes?|days?)\s+ago\b).*$",
    re.IGNORECASE,
)
_AND = re.compile(r"\s*;\s*|\s+(?:and|&|und|et|y|e|и|ja|og|och|en)\s+|\s*&\s*", re.IGNORECASE)
_ROLE_WORDS = frozenset(
    "writer writers editor editors editorial reporter reporters correspondent correspondents columnist "
    "contributor contributors contributing staff intern producer analyst photographer photojournalist "
    "critic editor-at-large at-large senior national political security chief bureau desk".split()
)
_ORG_WORDS = frozenset(
    "news press times post journal insider media wire wires service services agency network magazine "
    "daily tribune herald gazette bureau reports editorial team desk inc ltd llc group international "
    "radio tv television channel online digital associated reuters afp ap upi sport sports".split()
)
# news agencies and outlets that follow a reporter's name in syndicated bylines ("Tom Davies
# Associated Press"); the page's own names are added to them
_AGENCIES = frozenset(
    "associatedpress theassociatedpress ap reuters afp agencefrancepresse upi dpa bloomberg bloombergnews "
    "cnn usatoday".split()
)
_PARTICLES = frozenset(
    "van von de der den del della da di du le la st st. ter ten bin al el d' dos das".split()
)
_ACCOUNTS = frozenset("admin administrator webmaster root user guest anonymous unknown editor staff".split())
_SLUG = re.compile(r"^[\w.]+(?:-[\w.]+)+$")
_CASED = re.compile(r"[A-Za-zÀ-ɏͰ-ϿЀ-ӿ]")  # Latin, Greek, Cyrillic: scripts with capitals
_NAME_MAX_WORDS = 6
_AUTHOR_META = (
    "author",
    "byl",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dcterms.creator",
    "article:author",
)


def _tokens(text: str) -> list[str]:
    return text.split()


def _is_credential(part: str) -> bool:
    words = [w.strip(".").lower() for w in re.split(r"[\s,]+", part) if w.strip(".")]
    return bool(words) and all(
        w in CONSTANTS.suffix_acronyms or w in CONSTANTS.suffix_not_acronyms for w in words
    )


def _is_role(part: str) -> bool:
    words = [w.lower().strip(".,") for w in re.split(r"[\s/]+", part) if w]
    return bool(words) and any(w in _ROLE_WORDS for w in words)


def _is_org(part: str, site_keys: Sequence[str]) -> bool:
    words = [w.lower().strip(".,") for w in part.split()]
    key = name_key(part)
    if "." in part.replace(". ", " ").strip(".") and " " not in part.strip():  # a domain: Cleveland.com
        return True
    return any(w in _ORG_WORDS for w in words) or any(
        key and (key == k or (len(key) >= 4 and (key in k or k in key))) for k in site_keys
    )


def _is_full_name(part: str) -> bool:
    words = _tokens(part)
    return 2 <= len(words) <= _NAME_MAX_WORDS


def _looks_given(part: str) -> bool:
    """A given name or two ("Meg", "Mary Clare") after "Last,"."""
    words = _tokens(part)
    return 1 <= len(words) <= 2 and all(w[:1].isupper() and w.replace(".", "").isalpha() for w in words)


def _looks_surname(part: str) -> bool:
    words = _tokens(part)
    if not words or len(words) > 3:
        return False
    return len(words) == 1 or all(w.lower() in _PARTICLES for w in words[:-1])


def _comma_names(text: str, site_keys: Sequence[str]) -> list[str]:
    """The names in one "and"-free piece: "A, B, C", "Last, First", "Name, Role, Employer"."""
    parts = [p.strip(" .") for p in text.split(",") if p.strip(" .")]
    if not parts:
        return []
    if (
        len(parts) == 2
        and _looks_surname(parts[0])
        and _looks_given(parts[1])
        and not _is_org(parts[1], site_keys)
    ):
        return [f"{parts[1]} {parts[0]}"]
    names = [parts[0]]
    for part in parts[1:]:
        if _is_credential(part) or _is_role(part) or _is_org(part, site_keys):
            continue
        if _is_full_name(part):
            names.append(part)
        # a single word after a full name: an employer or a place ("Sandee LaMotte, CNN")
    return names


def _tail_trimmed(name: str, site_keys: Sequence[str]) -> str:
    """A name without the employer or role glued after it by the page ("Tom Davies Associated
    Press", "Carrie Arnold Contributing Writer", "Elliot Brownstein Florida Today"): cut when at
    least two words of name stay before it, and they are not the site's own name ("Practical
    Horseman Editorial Staff" stays on practicalhorsemanmag.com)."""
    words = name.split()
    keys = set(site_keys) | _AGENCIES
    for cut in range(2, len(words)):
        head, tail = words[:cut], words[cut:]
        tail_key = name_key(" ".join(tail))
        if any(w.lower().strip(".,") in _ROLE_WORDS for w in head):
            break
        role_tail = all(w.lower().strip(".,") in _ROLE_WORDS for w in tail)
        if (role_tail or tail_key in keys) and not _names_site(" ".join(head), site_keys):
            return " ".join(head)
    return name


def _clean(name: str, site_keys: Sequence[str]) -> str:
    name = re.sub(r"\s+[-–—/／]\s+.*$", "", name)  # "Yasemin Saplakoglu - Staff Writer"
    name = " ".join(name.strip(" .,:;-–—()[]\"'／/").split())
    name = _tail_trimmed(name, site_keys)
    if name.isupper() and any(c.isalpha() for c in name) and len(name.split()) >= 2:
        parsed = HumanName(name)
        parsed.capitalize(force=True)
        name = str(parsed)
    return name


def _acceptable(name: str) -> bool:
    words = _tokens(name)
    if not words or len(words) > _NAME_MAX_WORDS or len(name) > 60:
        return False
    if any(c.isdigit() for c in name) or not any(c.isalpha() for c in name):
        return False
    if len(words) == 1:
        word = words[0]
        if word.casefold() in _ACCOUNTS or "admin" in word.casefold() or _SLUG.match(word):
            return False
        if _CASED.search(word) and (word == word.lower() or (word.isupper() and len(word) > 4)):
            return False  # "rmb8090", "gto": an account; "KWCHCIK": a code, not a name
    if _SLUG.match(name) and name == name.lower():
        return False
    # in scripts with capitals, a name's words start with one ("de", "van" and the like apart)
    return all(
        not _CASED.match(w)
        or w[0].isupper()
        or w.lower() in _PARTICLES
        or not w[0].isalpha()
        or (i > 0 and (w in _ORG_WORDS or w in _ROLE_WORDS))  # "Detroit News wire services"
        for i, w in enumerate(words)
    )


def split_names(text: str, site_keys: Sequence[str] = ()) -> tuple[list[str], bool]:
    """The names one byline text credits (see the module docstring), and whether all of the text
    read as names (``False`` when a piece was left out as no name)."""
    text = _NOISE.sub(" ", " ".join(text.split()))
    text = _LABEL.sub("", _LEAD.sub("", text.strip()))
    text = _END.sub("", text)
    text = _LEAD.sub("", text.strip(" ,;:|-–—／/"))
    names: list[str] = []
    clean = True
    for piece in _AND.split(text):
        for name in _comma_names(piece, site_keys):
            name = _clean(_LEAD.sub("", name), site_keys)
            if not _acceptable(name):
                clean = False
            elif fold(name) not in {fold(n) for n in names}:
                names.append(name)
    return names, clean and bool(names)


def _ld_authors(meta: PageMeta) -> list[tuple[str, str]]:
    """(name, type) of the JSON-LD article's authors; an author given as a reference (``{"@id":
    …}``, as Yoast writes them) is looked up in the page's other JSON-LD objects."""
    by_id = {
        obj["@id"]: obj for obj in meta.ld_objects if isinstance(obj.get("@id"), str) and obj.get("name")
    }
    out: list[tuple[str, str]] = []
    for value in meta.article_values("author"):
        items: list[Any] = value if isinstance(value, list) else [value]
        for item in items:
            if isinstance(item, dict) and not item.get("name") and isinstance(item.get("@id"), str):
                item = by_id.get(item["@id"], item)
            name = item.get("name") if isinstance(item, dict) else item
            kind = item.get("@type") if isinstance(item, dict) else None
            if isinstance(name, str) and name.strip() and not re.match(r"https?://", name.strip()):
                out.append((name, kind if isinstance(kind, str) else ""))
        if out:
            break  # the first article object that names its authors
    return out


def _from(texts: Iterable[str], site_keys: Sequence[str]) -> list[str]:
    names: list[str] = []
    for text in texts:
        for name in split_names(text, site_keys)[0]:
            if fold(name) not in {fold(n) for n in names}:
                names.append(name)
    return names


def _shown(blocks: Sequence[str], site_keys: Sequence[str]) -> list[str]:
    """The names of the first byline block that reads wholly as names, else of the first that
    gives any."""
    parsed = [split_names(block, site_keys) for block in blocks]
    return next((names for names, clean in parsed if clean), next((n for n, _ in parsed if n), []))


def choose_authors(meta: PageMeta, site_keys: Sequence[str]) -> list[str]:
    """The page's authors (see the module docstring)."""
    declared = _ld_authors(meta)
    structured = _from([name for name, _ in declared], site_keys)
    shown = _shown(meta.bylines, site_keys) or _shown(meta.by_lines, site_keys)
    if structured:
        folded = {fold(n) for n in shown}
        if shown and all(fold(n) in folded for n in structured):
            return shown  # the same people, and any co-author the metadata left out
        if shown and all(kind == "Person" and _names_site(name, site_keys) for name, kind in declared):
            return shown  # a "person" named as the site is a placeholder; the byline names the people
        return structured
    if shown:
        return shown
    tags = [v for v in meta.meta(*_AUTHOR_META) if not re.match(r"https?://", v)]
    # an author tag that names the site itself ("The Washington Times", "www.washingtontimes.com")
    # names the publisher, not an author
    return [n for n in _from(tags, site_keys) if not _names_site(n, site_keys)]


def _names_site(name: str, site_keys: Sequence[str]) -> bool:
    """Whether ``name`` is the site's own: one of its names, holding one, or the start of its
    domain's name ("Practical Horseman" for practicalhorsemanmag.com)."""
    key = name_key(name)
    return bool(key) and any(
        key == k or (len(k) >= 5 and k in key) or (len(key) >= 5 and k.startswith(key)) for k in site_keys
    )
