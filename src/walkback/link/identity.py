"""Speaker identity across articles.

The extractor already resolves a speaker within its article (``he`` -> ``John Kirby``); here each
resolved speaker gets an identity that other articles' statements share:

* a named person is keyed by the name folded, without titles or middle initials
  (``John F. Kirby`` and ``Mr. John Kirby`` -> ``person:john kirby``); a surname alone joins the
  one known person with that surname, and stays apart when there are several;
* an organisation by its name without ``the`` and a national prefix (``the U.S. State
  Department`` -> ``org:state department``), also known by its initials (``nsc``);
* an anonymous source (``a senior defense official``) by its article and description, so it is
  never merged with a named person nor with another article's anonymous source;
* a speaker with no name, or a one-letter name, has no identity (and so takes part in no relation).

A person's affiliation (``State Department`` for Vedant Patel, ``NSC`` for an anonymous
spokesperson) names the organisation they speak for: :func:`organization_key`.
"""

from __future__ import annotations

import re
import unicodedata

from ..model import Speaker, SpeakerIdentity

__all__ = ["acronym", "fold_name", "identity_of", "organization_key", "surname"]

_TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "sen", "senator", "rep", "gov", "governor",
    "president", "vice", "secretary", "gen", "general", "lt", "col", "maj", "capt", "adm", "sgt",
    "rev", "judge", "justice", "mayor", "minister", "prime", "chancellor", "speaker", "leader",
}  # fmt: skip
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}  # kept in a person's key: the son is not the father
_NATIONAL = {"us", "u.s", "u.s.", "american", "the", "united states", "uk", "u.k.", "british"}
_ORG_STOP = {"the", "of", "for", "and", "on", "in", "a", "an", "&"}


def fold_name(name: str) -> str:
    """Lower case, accents and punctuation off, white space folded: ``"Ryder’s"`` -> ``"ryder s"``."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"[’'`]s\b", "", text)
    return " ".join(re.sub(r"[^\w\s-]", " ", text).replace("_", " ").split())


def _person_key(name: str) -> str | None:
    words = [w for w in fold_name(name).split() if w not in _TITLES and len(w) > 1]
    return " ".join(words) if words else None


def surname(name: str) -> str | None:
    """The last word of a person's folded name, titles and initials off."""
    words = [w for w in (_person_key(name) or "").split() if w not in _SUFFIXES]
    return words[-1] if words else None


def _org_key(name: str) -> str | None:
    words = fold_name(name.replace(".", "")).split()
    while words and (words[0] in _NATIONAL or words[0] in {"u s", "us"}):
        words = words[1:]
    return " ".join(words) if words else None


def acronym(name: str) -> str | None:
    """The initials of a name of three words or more (``National Security Council`` -> ``nsc``)."""
    words = [w for w in (_org_key(name) or "").split() if w not in _ORG_STOP]
    return "".join(w[0] for w in words) if len(words) >= 3 else None


def organization_key(name: str | None) -> str | None:
    """The key of the organisation ``name`` names, or ``None``; initials are keyed as they are."""
    if not name:
        return None
    key = _org_key(name)
    return f"org:{key}" if key and len(key) > 1 else None


def identity_of(speaker: Speaker, *, article_id: str) -> SpeakerIdentity | None:
    """The identity of a resolved speaker, or ``None`` when it names no one usable."""
    name = (speaker.name or "").strip()
    folded = fold_name(name)
    if len(folded.replace(" ", "")) < 2:
        return None
    if speaker.anonymous:
        return SpeakerIdentity(
            key=f"anon:{article_id}:{folded}", name=name, kind=speaker.kind, anonymous=True, aliases=()
        )
    if speaker.kind == "person":
        key = _person_key(name)
        if key is None:
            return None
        aliases = (key, key.split()[-1]) if " " in key else (key,)
        return SpeakerIdentity(key=f"person:{key}", name=name, kind="person", aliases=aliases)
    org = _org_key(name)
    if org is None or len(org) < 2:
        return None
    initials = acronym(name)
    aliases = (org, initials) if initials else (org,)
    kind = speaker.kind if speaker.kind in ("organization", "group") else "unknown"
    return SpeakerIdentity(key=f"org:{org}", name=name, kind=kind, aliases=aliases)
