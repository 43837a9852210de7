"""The records that flow between walkback's stages.

Every record is a frozen dataclass with keyword-only fields. Spans carry character offsets into
``Article.text`` (the body, headline excluded), so any statement can be shown in its source.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from .textnorm import body_key

__all__ = [
    "Span",
    "Article",
    "Speaker",
    "SaidOn",
    "Statement",
    "StatementKind",
    "Precision",
    "stable_id",
    "Stance",
    "RelationType",
    "SpeakerIdentity",
    "Claim",
    "Relation",
]

StatementKind = Literal["direct", "partial", "mixed", "indirect"]
Precision = Literal["day", "month", "year"]
Stance = Literal["affirms", "denies", "neither"]
RelationType = Literal["contradicts", "walkback", "supports"]


def stable_id(*parts: str, prefix: str = "", length: int = 16) -> str:
    """A short, stable id from text parts (sha256, hex)."""
    h = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:length]
    return f"{prefix}{h}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Span:
    """``text == article.text[start:end]``."""

    start: int
    end: int
    text: str

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"span offsets must satisfy 0 <= start <= end, got {self.start}..{self.end}")

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(start=start, end=end, text=text[start:end])

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """One version of a news article."""

    id: str
    url: str | None
    outlet: str | None
    title: str
    authors: tuple[str, ...]
    published: datetime | None
    updated: datetime | None
    text: str
    paragraphs: tuple[tuple[int, int], ...]
    source: str | None = None  # the path or URL it was read from
    fetched_at: datetime | None = None
    language: str | None = None  # ISO 639-1 code of the language it is written in; None: unknown

    @property
    def content_hash(self) -> str:
        """Identifies this version: the body with white space folded (statement ids derive from it)."""
        return stable_id(" ".join(self.text.split()), length=32)

    @property
    def norm_hash(self) -> str:
        """What a new version must change: the body without white-space, encoding or date-line
        differences (see :mod:`walkback.textnorm`)."""
        return stable_id(body_key(self.text), length=32)

    @property
    def date(self) -> datetime | None:
        """The date statements are resolved against: published, else updated."""
        return self.published or self.updated

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "url": self.url,
            "outlet": self.outlet,
            "title": self.title,
            "authors": list(self.authors),
            "published": self.published.isoformat() if self.published else None,
            "updated": self.updated.isoformat() if self.updated else None,
            "text": self.text,
            "paragraphs": [list(p) for p in self.paragraphs],
            "language": self.language,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class Speaker:
    """Who made a statement.

    ``mention`` is where the text names them (``he``, ``Kirby``, ``a senior defense official``);
    ``name`` is the resolved name (``John Kirby``), or the mention itself when nothing better is known.
    """

    name: str | None
    mention: Span | None = None
    role: str | None = None
    affiliation: str | None = None
    anonymous: bool = False
    kind: Literal["person", "organization", "group", "unknown"] = "unknown"
    resolved_from: Span | None = None  # the antecedent a pronoun or description was resolved to

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "mention": self.mention.to_dict() if self.mention else None,
            "role": self.role,
            "affiliation": self.affiliation,
            "anonymous": self.anonymous,
            "kind": self.kind,
            "resolved_from": self.resolved_from.to_dict() if self.resolved_from else None,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class SaidOn:
    """When a statement was made, and how we know."""

    value: str | None  # "YYYY-MM-DD", "YYYY-MM", "YYYY" or None
    precision: Precision | None
    source: Literal["text", "article_date", "none"]
    evidence: Span | None = None  # the words that date it ("on Friday")


@dataclass(frozen=True, slots=True, kw_only=True)
class Statement:
    """speaker + cue + content, located in one article."""

    id: str
    article_id: str
    kind: StatementKind
    content: Span
    cue: Span | None
    speaker: Speaker
    said_on: SaidOn
    medium: str | None = None
    medium_span: Span | None = None
    confidence: float = 0.5
    sentence: Span | None = None  # the sentence(s) the statement sits in
    rule: str = ""  # which extraction rule found it ("ccomp", "according", "continuation", …)
    segments: tuple[Span, ...] = ()  # the quoted parts, without the cue words between them

    def to_dict(self) -> dict[str, Any]:
        """The evaluation contract's statement object (see README, `walkback extract`)."""
        return {
            "id": self.id,
            "kind": self.kind,
            "content": self.content.to_dict(),
            "cue": self.cue.to_dict() if self.cue else None,
            "speaker": self.speaker.to_dict(),
            "said_on": self.said_on.value,
            "said_on_precision": self.said_on.precision,
            "said_on_source": self.said_on.source,
            "said_on_evidence": self.said_on.evidence.to_dict() if self.said_on.evidence else None,
            "medium": self.medium,
            "confidence": round(self.confidence, 3),
            "rule": self.rule,
            "segments": [seg.to_dict() for seg in self.segments],
        }


# -- across articles ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class SpeakerIdentity:
    """One speaker across articles: ``John Kirby``, ``Kirby`` and ``he`` (once resolved) share it.

    ``key`` is what identities are merged on (``person:john kirby``, ``org:state department``,
    ``anon:<article>:senior defense official``); anonymous sources are keyed by their article, so
    they are never merged with a named person or with another article's anonymous source.
    """

    key: str
    name: str
    kind: Literal["person", "organization", "group", "unknown"]
    anonymous: bool = False
    aliases: tuple[str, ...] = ()  # folded names this identity is also known by (``kirby``, ``nsc``)

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "name": self.name, "kind": self.kind, "anonymous": self.anonymous}


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """Statements about one proposition, across articles.

    The proposition is read in its positive form: a statement ``affirms`` it or ``denies`` it
    (``neither`` for questions and reports that take no side).
    """

    id: int
    summary: str
    statement_count: int
    first_said: str | None = None
    last_said: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "summary": self.summary,
            "statement_count": self.statement_count,
            "first_said": self.first_said,
            "last_said": self.last_said,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class Relation:
    """``from_statement`` (the later one) contradicts, walks back or supports ``to_statement``.

    ``evidence`` holds the words a reader checks the flag by: the sentence that reports the dispute or
    the retreat, the cue (``denied``, ``misspoke``), the negation, antonym or numbers that flip;
    ``basis`` says how it was found: ``reported`` (the article reports the dispute or the walk-back),
    ``stance`` (opposite or same stances on one proposition) or ``inferred`` (the same speaker later
    takes the opposite stance); ``rule`` names the rule that made it, for auditing.

    ``to_statement`` is ``None`` when the words disputed or taken back were never quoted as a
    statement: ``target_text`` then holds what the report says of them (``that women who sought them
    should be punished``, or ``the allegations``) and ``target_speaker`` whose words they were, when
    the report says.
    """

    type: RelationType
    from_statement: int  # statement pk
    to_statement: int | None
    evidence: tuple[str, ...]
    confidence: float
    basis: Literal["reported", "stance", "inferred"]
    speaker_key: str | None = None
    claim_id: int | None = None
    rule: str = ""
    target_text: str | None = None
    target_speaker: str | None = None
    score: float | None = None  # the rule's own score; ``confidence`` is calibrated from it

    def __post_init__(self) -> None:
        if self.to_statement is None and not self.target_text:
            raise ValueError("a relation needs a target statement or the words the report gives for it")
