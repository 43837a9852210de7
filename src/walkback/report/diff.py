"""What changed between two stored versions of an article: its paragraphs and its statements.

Paragraphs are aligned with :mod:`difflib` on their normalised text (:mod:`walkback.textnorm`: white
space, encoding and date lines do not count), so an edit shows as a paragraph ``added``,
``removed`` or ``altered``; an altered paragraph carries its word-level change. Statements are
matched across the versions by speaker and by the similarity of their words (rapidfuzz): a statement
of the old version with no match was ``removed``, one of the new version ``added``, a matched pair
whose words or speaker differ ``altered``. A quotation (a direct, partial or mixed statement) that
was removed or reworded is flagged as such (``quote removed``, ``quote altered``): those are the
silent edits a reader of the new version cannot see; a statement now given to someone else is
flagged ``speaker changed``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any, Literal

from rapidfuzz import fuzz

from ..errors import NotFoundError
from ..model import Article, Statement
from ..textnorm import is_date_line, normalise_text
from .formats import statement_json

__all__ = [
    "QUOTE_KINDS",
    "ArticleDiff",
    "ParagraphChange",
    "StatementChange",
    "WordOp",
    "compare_versions",
    "diff_json",
    "diff_paragraphs",
    "diff_statements",
    "diff_stored",
    "find_article",
    "version_json",
    "word_diff",
]

QUOTE_KINDS = frozenset({"direct", "partial", "mixed"})
Change = Literal["added", "removed", "altered"]

PARAGRAPH_SIMILARITY = 50.0  # rapidfuzz ratio at which two paragraphs are one, altered
SAME_SPEAKER_SIMILARITY = 60.0  # ... at which two statements of one speaker are one
OTHER_SPEAKER_SIMILARITY = 85.0  # ... of two speakers (the attribution may have changed)

_ARTICLE_ID = re.compile(r"a[0-9a-f]{16}")
_EDGE = " \"',.;:"


@dataclass(frozen=True, slots=True, kw_only=True)
class WordOp:
    """One step of a word-level change: ``equal`` words, words ``delete``d, ``insert``ed or ``replace``d."""

    op: Literal["equal", "delete", "insert", "replace"]
    old: str
    new: str

    def to_dict(self) -> dict[str, str]:
        return {"op": self.op, "old": self.old, "new": self.new}


@dataclass(frozen=True, slots=True, kw_only=True)
class ParagraphChange:
    change: Change
    old_index: int | None  # 1-based position among the old version's paragraphs
    new_index: int | None
    old: str | None
    new: str | None
    words: tuple[WordOp, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class StatementChange:
    change: Change
    flag: str | None  # "quote removed", "quote altered", "speaker changed"
    old: Statement | None
    new: Statement | None
    similarity: float | None = None  # 0..100, for a matched pair
    words: tuple[WordOp, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleDiff:
    """Two versions of one article and what changed from ``old`` to ``new`` (store rows)."""

    article_id: str
    url: str | None
    old: Any  # walkback.store.ArticleRow
    new: Any
    title: tuple[str, str] | None
    paragraphs: tuple[ParagraphChange, ...]
    statements: tuple[StatementChange, ...]

    @property
    def changed(self) -> bool:
        return bool(self.title or self.paragraphs or self.statements)

    @property
    def flags(self) -> dict[str, int]:
        """How many statement changes carry each flag."""
        return dict(Counter(c.flag for c in self.statements if c.flag))


# -- words and paragraphs --------------------------------------------------------------------------


def word_diff(old: str, new: str) -> tuple[WordOp, ...]:
    """The word-level change from ``old`` to ``new``; words equal once normalised count as equal."""
    a, b = old.split(), new.split()
    matcher = SequenceMatcher(
        None, [normalise_text(w) for w in a], [normalise_text(w) for w in b], autojunk=False
    )
    return tuple(
        WordOp(op=tag, old=" ".join(a[i1:i2]), new=" ".join(b[j1:j2]))  # type: ignore[arg-type]
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
    )


def _paragraphs(article: Article) -> list[tuple[int, str]]:
    """(1-based position, text) of the paragraphs that count (date lines left out)."""
    out = []
    for n, (start, end) in enumerate(article.paragraphs, start=1):
        text = article.text[start:end]
        if not is_date_line(text):
            out.append((n, text))
    return out


def _pair_in_order(old: list[str], new: list[str], floor: float) -> list[tuple[int, int, float]]:
    """Pairs (i, j, similarity) of similar texts, both indices increasing: each old text takes the
    most similar new text after the last one taken."""
    pairs: list[tuple[int, int, float]] = []
    after = 0
    for i, text in enumerate(old):
        best = max(((fuzz.ratio(text, new[j]), j) for j in range(after, len(new))), default=(0.0, -1))
        if best[0] >= floor:
            pairs.append((i, best[1], best[0]))
            after = best[1] + 1
    return pairs


def diff_paragraphs(old: Sequence[tuple[int, str]], new: Sequence[tuple[int, str]]) -> list[ParagraphChange]:
    """Paragraphs added, removed and altered from ``old`` to ``new`` ((position, text) pairs)."""
    old_keys = [normalise_text(t) for _, t in old]
    new_keys = [normalise_text(t) for _, t in new]
    out: list[ParagraphChange] = []

    def removed(i: int) -> None:
        out.append(
            ParagraphChange(change="removed", old_index=old[i][0], new_index=None, old=old[i][1], new=None)
        )

    def added(j: int) -> None:
        out.append(
            ParagraphChange(change="added", old_index=None, new_index=new[j][0], old=None, new=new[j][1])
        )

    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old_keys, new_keys, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        i, j = i1, j1
        for a, b, _ in _pair_in_order(old_keys[i1:i2], new_keys[j1:j2], PARAGRAPH_SIMILARITY):
            for k in range(i, i1 + a):
                removed(k)
            for k in range(j, j1 + b):
                added(k)
            (pos_a, text_a), (pos_b, text_b) = old[i1 + a], new[j1 + b]
            out.append(
                ParagraphChange(
                    change="altered",
                    old_index=pos_a,
                    new_index=pos_b,
                    old=text_a,
                    new=text_b,
                    words=word_diff(text_a, text_b),
                )
            )
            i, j = i1 + a + 1, j1 + b + 1
        for k in range(i, i2):
            removed(k)
        for k in range(j, j2):
            added(k)
    return out


# -- statements ------------------------------------------------------------------------------------


def statement_words(st: Statement) -> str:
    """The words a statement puts in the speaker's mouth: a quotation's quoted parts, else its content."""
    if st.kind in QUOTE_KINDS and st.segments:
        return " … ".join(seg.text.strip(" ,") for seg in st.segments)
    return st.content.text


def _key(st: Statement) -> str:
    return normalise_text(statement_words(st)).strip(_EDGE).casefold()


def _speaker(st: Statement) -> str:
    sp = st.speaker
    return normalise_text(sp.name or (sp.mention.text if sp.mention else "")).casefold()


def _same_speaker(a: Statement, b: Statement) -> bool:
    ka, kb = _speaker(a), _speaker(b)
    if ka == kb:
        return True
    return bool(ka and kb) and ka.split()[-1] == kb.split()[-1]  # "John Kirby" and "Kirby"


def _similarity(a: str, b: str) -> float:
    return max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b))


def diff_statements(old: Sequence[Statement], new: Sequence[Statement]) -> list[StatementChange]:
    """Statements added, removed and altered from ``old`` to ``new``, in the order of the text."""
    old_keys, new_keys = [_key(s) for s in old], [_key(s) for s in new]
    candidates = []
    for i, a in enumerate(old):
        for j, b in enumerate(new):
            same = _same_speaker(a, b)
            sim = _similarity(old_keys[i], new_keys[j])
            if sim >= (SAME_SPEAKER_SIMILARITY if same else OTHER_SPEAKER_SIMILARITY):
                candidates.append((-(sim + (5 if same else 0)), abs(i - j), i, j, sim))
    taken_old: dict[int, tuple[int, float]] = {}
    taken_new: set[int] = set()
    for _, _, i, j, sim in sorted(candidates):
        if i not in taken_old and j not in taken_new:
            taken_old[i] = (j, sim)
            taken_new.add(j)

    changes: list[tuple[float, StatementChange]] = []
    old_len = max((s.content.end for s in old), default=1) or 1
    new_len = max((s.content.end for s in new), default=1) or 1
    for i, a in enumerate(old):
        if i not in taken_old:
            flag = "quote removed" if a.kind in QUOTE_KINDS else None
            changes.append(
                (a.content.start / old_len, StatementChange(change="removed", flag=flag, old=a, new=None))
            )
            continue
        j, sim = taken_old[i]
        b = new[j]
        if old_keys[i] != new_keys[j]:
            flag = "quote altered" if a.kind in QUOTE_KINDS or b.kind in QUOTE_KINDS else None
        elif not _same_speaker(a, b):
            flag = "speaker changed"
        else:
            continue  # the same statement
        change = StatementChange(
            change="altered",
            flag=flag,
            old=a,
            new=b,
            similarity=round(sim, 1),
            words=word_diff(statement_words(a), statement_words(b)),
        )
        changes.append((b.content.start / new_len, change))
    for j, b in enumerate(new):
        if j not in taken_new:
            changes.append(
                (b.content.start / new_len, StatementChange(change="added", flag=None, old=None, new=b))
            )
    return [c for _, c in sorted(changes, key=lambda pc: pc[0])]


def compare_versions(
    old: Article, new: Article, old_statements: Sequence[Statement], new_statements: Sequence[Statement]
) -> tuple[tuple[str, str] | None, list[ParagraphChange], list[StatementChange]]:
    """(title change, paragraph changes, statement changes) from ``old`` to ``new``."""
    title = (old.title, new.title) if normalise_text(old.title) != normalise_text(new.title) else None
    return (
        title,
        diff_paragraphs(_paragraphs(old), _paragraphs(new)),
        diff_statements(old_statements, new_statements),
    )


# -- stored versions -------------------------------------------------------------------------------


def find_article(store: Any, ref: str) -> str:
    """The id of the stored article a URL (or an article id) names; :class:`NotFoundError` if none."""
    from ..ingest.ids import article_id
    from ..ingest.sources import is_url

    ref = ref.strip()
    candidates = [ref] if _ARTICLE_ID.fullmatch(ref) else []
    if is_url(ref):
        candidates.append(article_id(ref, None, "", None))  # the URL's canonical form names it
    for candidate in candidates:
        if store.versions(candidate):
            return candidate
    found = store.article_ids_at(ref)
    if found:
        return str(found[0])
    raise NotFoundError(
        f"no stored article at {ref!r}; give its URL or its id (`walkback articles --format json` lists them)"
    )


def diff_stored(
    store: Any, ref: str, old_version: int | None = None, new_version: int | None = None
) -> ArticleDiff:
    """The changes between two stored versions of the article at ``ref`` (a URL or an article id).

    With no version given, the two latest; with one, that version against the latest.
    """
    aid = find_article(store, ref)
    rows = {r.version: r for r in store.versions(aid)}
    known = f"stored versions: 1..{max(rows)}" if len(rows) > 1 else "only version 1 is stored"
    if old_version is None and new_version is None:
        if len(rows) < 2:
            raise NotFoundError(f"{ref}: only version 1 is stored; a diff needs two versions")
        old_version, new_version = sorted(rows)[-2:]
    elif new_version is None:
        new_version = max(rows)
    for v in (old_version, new_version):
        if v not in rows:
            raise NotFoundError(f"{ref}: no version {v} ({known})")
    assert old_version is not None and new_version is not None
    old, new = store.article(aid, old_version), store.article(aid, new_version)
    old_st = [st for _, st in store.version_statements(aid, old_version)]
    new_st = [st for _, st in store.version_statements(aid, new_version)]
    title, paragraphs, statements = compare_versions(old, new, old_st, new_st)
    return ArticleDiff(
        article_id=aid,
        url=new.url or old.url,
        old=rows[old_version],
        new=rows[new_version],
        title=title,
        paragraphs=tuple(paragraphs),
        statements=tuple(statements),
    )


# -- JSON ------------------------------------------------------------------------------------------


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def version_json(row: Any) -> dict[str, Any]:
    """One stored version, without its text."""
    return {
        "version": row.version,
        "ingested_at": _iso(row.ingested_at),
        "title": row.title,
        "published": _iso(row.published),
        "updated": _iso(row.updated),
        "statements": row.statement_count,
        "content_hash": row.content_hash,
        "url": row.url,
        "source": row.source,
    }


def _statement_side(st: Statement | None) -> dict[str, Any] | None:
    if st is None:
        return None
    d = statement_json(st)
    d["words"] = statement_words(st)
    return d


def diff_json(d: ArticleDiff) -> dict[str, Any]:
    return {
        "article": {"id": d.article_id, "url": d.url},
        "from": version_json(d.old),
        "to": version_json(d.new),
        "changed": d.changed,
        "flags": d.flags,
        "title": {"old": d.title[0], "new": d.title[1]} if d.title else None,
        "paragraphs": [
            {
                "change": p.change,
                "old_index": p.old_index,
                "new_index": p.new_index,
                "old": p.old,
                "new": p.new,
                "words": [w.to_dict() for w in p.words],
            }
            for p in d.paragraphs
        ],
        "statements": [
            {
                "change": s.change,
                "flag": s.flag,
                "similarity": s.similarity,
                "old": _statement_side(s.old),
                "new": _statement_side(s.new),
                "words": [w.to_dict() for w in s.words],
            }
            for s in d.statements
        ],
    }
