"""Article bodies from several extractors, scored alone on the Zyte pages: which second extractor.

Runs every body extractor installed in this interpreter over the benchmark's pages (the tuning
pages unless ``--held-out``), drops a first line that repeats the page's headline (as walkback
does), and prints word precision, recall and F1 (the benchmark's metric, ``_html.py``) and the
speed of each; ``--agreement`` adds how often two of them agree on a page. The figures and the
choice are in ``benchmarks/body_backends.md``. Candidates that are not installed are skipped:

    .venv/bin/pip install readability-lxml goose3 newspaper4k resiliparse boilerpy3
    .venv/bin/python benchmarks/body_backends.py [--held-out] [--cache FILE]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import pickle
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _html as H  # noqa: E402  (benchmarks/ is no package: its helpers are loaded by path)


def _lines_of_html(fragment: str) -> str:
    """The text of an HTML fragment, a line per block element."""
    import lxml.html

    tree = lxml.html.fromstring(fragment or "<div></div>")
    blocks = tree.xpath("//p|//li|//h2|//h3|//h4|//blockquote|//pre|//td|//dd")
    out = [" ".join(b.text_content().split()) for b in blocks if not b.xpath(".//p|.//li")]
    return "\n".join(line for line in out if line) or " ".join(tree.text_content().split())


def extractors() -> dict[str, Callable[[str, str], str]]:
    import trafilatura

    out: dict[str, Callable[[str, str], str]] = {}

    def traf(**options):  # type: ignore[no-untyped-def]
        return lambda html, url: trafilatura.extract(html, url=url, include_comments=False, **options) or ""

    out["trafilatura default"] = traf()
    out["trafilatura precision (walkback today)"] = traf(favor_precision=True)
    out["trafilatura recall"] = traf(favor_recall=True)
    out["trafilatura fast"] = traf(fast=True)
    if importlib.util.find_spec("readability"):
        from readability import Document

        out["readability-lxml"] = lambda html, url: _lines_of_html(Document(html).summary(html_partial=True))
    if importlib.util.find_spec("goose3"):
        from goose3 import Goose

        goose = Goose({"enable_image_fetching": False, "http_timeout": 0.001})
        out["goose3"] = lambda html, url: goose.extract(raw_html=html).cleaned_text or ""
    if importlib.util.find_spec("newspaper"):
        import newspaper

        def news(html: str, url: str) -> str:
            art = newspaper.Article(url or "https://example.com/")
            art.download(input_html=html)
            art.parse()
            return art.text or ""

        out["newspaper4k"] = news
    if importlib.util.find_spec("resiliparse"):
        from resiliparse.extract.html2text import extract_plain_text

        out["resiliparse (main content)"] = lambda html, url: extract_plain_text(
            html, main_content=True, alt_texts=False, links=False, list_bullets=False
        )
    if importlib.util.find_spec("boilerpy3"):
        from boilerpy3 import extractors as bp

        article = bp.ArticleExtractor(raise_on_failure=False)
        out["boilerpy3 article"] = lambda html, url: article.get_content(html) or ""
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--held-out", action="store_true", help="score the 30 held-out pages (to report)")
    parser.add_argument("--cache", type=Path, help="also write every extractor's texts to this pickle")
    parser.add_argument("--only", default="", help="comma-separated extractor names")
    args = parser.parse_args(argv)
    truth = H.load_truth()
    pages = H.load_pages()
    keys = H.splits(pages, truth)["held-out" if args.held_out else "tune"]
    from walkback.ingest.headline import declared_titles, is_headline
    from walkback.ingest.pagemeta import read_page_meta

    titles = {}
    import trafilatura

    for key in keys:
        meta = read_page_meta(trafilatura.load_html(pages[key].html), pages[key].url)
        titles[key] = [*meta.headings, *declared_titles(meta)]
    texts: dict[str, dict[str, str]] = {}
    rows = []
    for name, extract in extractors().items():
        if args.only and name not in args.only.split(","):
            continue
        run = H.Run(name)
        started = time.perf_counter()
        for key in keys:
            try:
                text = extract(pages[key].html, pages[key].url)
            except Exception as e:  # noqa: BLE001 - a candidate that breaks on a page scores nothing there
                print(f"  {name}: {key[:10]}: {type(e).__name__}: {e}", file=sys.stderr)
                text = ""
            lines = [line.strip() for line in text.split("\n") if line.strip()]
            if lines and is_headline(lines[0], titles[key]):
                lines = lines[1:]
            run.pages[key] = H.Extracted(text="\n\n".join(lines))
        seconds = time.perf_counter() - started
        scores = H.body_scores(pages, run, keys)
        rows.append((name, scores, len(keys) / seconds))
        texts[name] = {k: run.pages[k].text for k in keys}
        print(f"{name:42} P {scores['precision']:.3f}  R {scores['recall']:.3f}  F1 {scores['f1']:.3f}  "
              f"{len(keys) / seconds:6.1f} pages/s", flush=True)  # fmt: skip
    if args.cache:
        args.cache.write_bytes(pickle.dumps({"keys": keys, "texts": texts}))
    print(json.dumps({"pages": len(keys), "split": "held-out" if args.held_out else "tune"}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
