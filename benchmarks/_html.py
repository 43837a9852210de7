"""Scoring HTML extraction on the Zyte article benchmark: bodies, headlines, bylines, outlets, languages.

Shared by ``benchmarks/html_extraction.py`` and ``tests/test_quality_gate.py`` (loaded by path, like
``_common.py``). The body metric is the benchmark's own: text split on ``\\w+`` into 4-word shingles;
per page, precision and recall from the shingle counts; both averaged over pages; F1 of the averages.
The metadata metrics compare with the hand-written truth in ``benchmarks/metadata/truth.json`` (its
README gives the annotation rules and how names are compared).
"""

from __future__ import annotations

import gzip
import json
import re
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]
ZYTE = (REPO / ".." / "shared" / "data" / "zyte-article-benchmark").resolve()
METADATA_TRUTH = REPO / "benchmarks" / "metadata" / "truth.json"
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Page:
    key: str
    url: str
    html: str  # decoded the way walkback decodes a fetched page
    body: str  # the benchmark's true body


@dataclass(frozen=True, slots=True)
class Extracted:
    """What one extractor made of one page (empty strings and lists when it found nothing)."""

    text: str = ""
    title: str = ""
    authors: tuple[str, ...] = ()
    outlet: str = ""
    language: str = ""


@dataclass(slots=True)
class Run:
    name: str
    pages: dict[str, Extracted] = field(default_factory=dict)
    failures: int = 0
    seconds: float = 0.0


def load_truth(path: Path = METADATA_TRUTH) -> dict[str, Any]:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def load_pages(data: Path = ZYTE, keys: Iterable[str] | None = None) -> dict[str, Page]:
    """The benchmark's pages, decoded with walkback's own charset rules."""
    from walkback.ingest.fetch import decode_page

    truth = json.loads((Path(data) / "ground-truth.json").read_text(encoding="utf-8"))
    wanted = sorted(truth) if keys is None else sorted(keys)
    pages = {}
    for key in wanted:
        raw = gzip.decompress((Path(data) / "html" / f"{key}.html.gz").read_bytes())
        pages[key] = Page(
            key, truth[key].get("url", ""), decode_page(raw, "text/html"), truth[key]["articleBody"]
        )
    return pages


# -- extractors ------------------------------------------------------------------------------------


def run_walkback(pages: Mapping[str, Page]) -> Run:
    """walkback's HTML reader, as ``walkback ingest`` runs it on a fetched page."""
    from walkback.errors import WalkbackError
    from walkback.ingest.html import read_html
    from walkback.ingest.readers import Document

    run = Run("walkback")
    started = time.perf_counter()
    for key, page in pages.items():
        doc = Document(text=page.html, source=key, url=page.url, content_type="text/html")
        try:
            art = read_html(doc, published=None, outlet=None)
        except WalkbackError:
            run.failures += 1
            run.pages[key] = Extracted()
            continue
        run.pages[key] = Extracted(
            text=art.text,
            title=art.title,
            authors=tuple(art.authors),
            outlet=art.outlet or "",
            language=getattr(art, "language", None) or "",
        )
    run.seconds = time.perf_counter() - started
    return run


def run_trafilatura(pages: Mapping[str, Page], name: str = "trafilatura", **options: Any) -> Run:
    """trafilatura alone (its defaults unless ``options`` say otherwise); the headline line it puts
    first is dropped from the body, as walkback drops it, so both are scored on the same text."""
    import trafilatura

    run = Run(name)
    started = time.perf_counter()
    for key, page in pages.items():
        result = trafilatura.bare_extraction(page.html, url=page.url, with_metadata=True, **options)
        if result is None:
            run.failures += 1
            run.pages[key] = Extracted()
            continue
        title = result.title or ""
        lines = [line.strip() for line in (result.text or "").split("\n") if line.strip()]
        if lines and title and " ".join(lines[0].split()) == " ".join(title.split()):
            lines = lines[1:]
        run.pages[key] = Extracted(
            text="\n\n".join(lines),
            title=title,
            authors=tuple(a.strip() for a in (result.author or "").split(";") if a.strip()),
            outlet=result.sitename or "",
            language=result.language or "",
        )
    run.seconds = time.perf_counter() - started
    return run


# -- body ------------------------------------------------------------------------------------------


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    words = _WORD.findall(text)
    if len(words) < n:  # a short text is one (short) shingle, an empty one none
        return Counter([tuple(words)] if words else [])
    return Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))


def page_scores(truth: str, predicted: str) -> tuple[float | None, float | None]:
    """(precision, recall) of one page; ``None`` where it is undefined (nothing predicted / expected)."""
    want, got = shingles(truth), shingles(predicted)
    tp = sum((want & got).values())
    fp = sum((got - want).values())
    fn = sum((want - got).values())
    if fp == fn == 0:
        return (1.0 if tp else None), (1.0 if tp else None)
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    return precision, recall


def body_scores(pages: Mapping[str, Page], run: Run, keys: Iterable[str]) -> dict[str, float]:
    precisions: list[float] = []
    recalls: list[float] = []
    for key in keys:
        p, r = page_scores(pages[key].body, run.pages[key].text)
        if p is not None:
            precisions.append(p)
        if r is not None:
            recalls.append(r)
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def page_f1(truth: str, predicted: str) -> float:
    p, r = page_scores(truth, predicted)
    return 2 * p * r / (p + r) if p and r else 0.0


# -- metadata --------------------------------------------------------------------------------------

_QUOTES = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "′": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "«": '"',
        "»": '"',
        "–": "-",
        "—": "-",
        "‐": "-",
        "‑": "-",
        "−": "-",
    }
)


def fold_text(text: str) -> str:
    """A headline or name as compared: NFKC, case folded, quotes and dashes straight, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold().split())


def fold_name(name: str) -> str:
    return fold_text(name.replace(".", " "))


_DOMAIN_END = re.compile(r"\.(?:com|net|org|info|co\.uk|co\.kr|ca|in|ru|it|de|br|com\.br|jp|uk)$")


def fold_outlet(name: str) -> str:
    folded = fold_text(name)
    folded = re.sub(r"^the\s+", "", folded)
    folded = _DOMAIN_END.sub("", folded.replace("www.", ""))
    return re.sub(r"\W+|_", "", folded)


def headline_right(truth: str, predicted: str) -> bool:
    return fold_text(truth) == fold_text(predicted)


def byline_f1(truth: Iterable[str], predicted: Iterable[str]) -> float:
    want = {fold_name(n) for n in truth if n.strip()}
    got = {fold_name(n) for n in predicted if n.strip()}
    if not want and not got:
        return 1.0
    hits = len(want & got)
    if not hits:
        return 0.0
    precision, recall = hits / len(got), hits / len(want)
    return 2 * precision * recall / (precision + recall)


def outlet_right(entry: Mapping[str, Any], predicted: str) -> tuple[bool, bool]:
    """(exact, accepted): the predicted outlet is the true name, or one of the names it also goes by."""
    got = fold_outlet(predicted)
    if not got:
        return False, False
    exact = got == fold_outlet(entry["outlet"])
    return exact, exact or any(got == fold_outlet(a) for a in entry.get("outlet_also", ()))


def metadata_scores(truth: Mapping[str, Any], run: Run, keys: Iterable[str]) -> dict[str, float]:
    keys = list(keys)
    entries = truth["pages"]
    heads = sum(headline_right(entries[k]["headline"], run.pages[k].title) for k in keys)
    bylines = sum(byline_f1(entries[k]["authors"], run.pages[k].authors) for k in keys)
    outlets = [outlet_right(entries[k], run.pages[k].outlet) for k in keys]
    n = len(keys) or 1
    return {
        "headline": heads / n,
        "byline_f1": bylines / n,
        "outlet_exact": sum(e for e, _ in outlets) / n,
        "outlet_accepted": sum(a for _, a in outlets) / n,
    }


def site(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def outlet_names_per_site(pages: Mapping[str, Page], run: Run) -> dict[str, list[str]]:
    """The sites (host names) whose pages were given more than one outlet name, with those names."""
    names: dict[str, set[str]] = defaultdict(set)
    for key, page in pages.items():
        names[site(page.url)].add(run.pages[key].outlet)
    return {s: sorted(n) for s, n in sorted(names.items()) if len(n) > 1}


def language_accuracy(truth: Mapping[str, Any], run: Run, keys: Iterable[str]) -> float:
    keys = list(keys)
    langs = truth["languages"]

    def code(value: str) -> str:
        return value.lower().replace("_", "-").split("-")[0]

    return sum(code(run.pages[k].language) == langs[k] for k in keys) / (len(keys) or 1)


# -- the report ------------------------------------------------------------------------------------


def splits(pages: Mapping[str, Page], truth: Mapping[str, Any]) -> dict[str, list[str]]:
    """Page keys: ``all``; body pages to tune on (all but the held-out) and ``held-out``; metadata
    pages to tune on (``meta-tune``, the 90 annotated ones not held out) and ``meta-held-out``."""
    held = set(truth["held_out"])
    annotated = set(truth["pages"])
    every = sorted(pages)
    return {
        "all": every,
        "tune": [k for k in every if k not in held],
        "held-out": [k for k in every if k in held],
        "meta-tune": [k for k in every if k in annotated and k not in held],
        "meta-held-out": [k for k in every if k in held],
    }


def evaluate(
    pages: Mapping[str, Page], truth: Mapping[str, Any], run: Run, *, held_out: bool = False
) -> dict[str, Any]:
    """Every figure of one run on the tuning pages, and on the held-out pages when asked."""
    parts = splits(pages, truth)
    out: dict[str, Any] = {
        "pages": len(pages),
        "failures": run.failures,
        "pages_per_s": len(run.pages) / run.seconds if run.seconds else 0.0,
        "body_all": body_scores(pages, run, parts["all"]),
        "body_tune": body_scores(pages, run, parts["tune"]),
        "meta_tune": metadata_scores(truth, run, parts["meta-tune"]),
        "language_all": language_accuracy(truth, run, parts["all"]),
        "outlet_sites_with_several_names": outlet_names_per_site(pages, run),
    }
    if held_out:
        out["body_held_out"] = body_scores(pages, run, parts["held-out"])
        out["meta_held_out"] = metadata_scores(truth, run, parts["meta-held-out"])
    return out


def misses(
    pages: Mapping[str, Page], truth: Mapping[str, Any], run: Run, keys: Iterable[str]
) -> list[tuple[str, str, str, str]]:
    """(key, what, true, predicted) for every metadata miss on ``keys``: for looking at, not scoring."""
    rows = []
    for key in keys:
        entry = truth["pages"].get(key)
        if entry is None:
            continue
        got = run.pages[key]
        if not headline_right(entry["headline"], got.title):
            rows.append((key, "headline", entry["headline"], got.title))
        if byline_f1(entry["authors"], got.authors) < 1:
            rows.append((key, "byline", "; ".join(entry["authors"]), "; ".join(got.authors)))
        if not outlet_right(entry, got.outlet)[1]:
            rows.append((key, "outlet", entry["outlet"], got.outlet))
    return rows
