#!/usr/bin/env python3
"""Regenerate the golden files: tests/golden/<name>.txt -> tests/golden/<name>.expected.json.

Each expected file holds what ``walkback extract --format json`` prints for the input (``path``,
``article``, ``statements``), with two changes that keep it stable across machines and readable as a
diff: ``path`` is the input's file name, and the article body (``text``, ``paragraphs``) is left out.
JSON with sorted keys, indent 2, ensure_ascii False.

    .venv/bin/python scripts/regen_golden.py            # rewrite every expected file
    .venv/bin/python scripts/regen_golden.py --check    # exit 1 when any would change

Review the diff (``git diff tests/golden``) before committing: it is the record of what extraction
now finds.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

GOLDEN = Path(__file__).resolve().parents[1] / "tests" / "golden"


def inputs(folder: Path = GOLDEN) -> list[Path]:
    return sorted(folder.glob("*.txt"))


def expected_path(path: Path) -> Path:
    return path.with_name(path.stem + ".expected.json")


def golden_output(path: Path, extractor: Any = None) -> dict[str, Any]:
    """What ``walkback extract --format json`` prints for ``path``, made machine-independent."""
    from walkback.extract import Extractor
    from walkback.ingest import read_article
    from walkback.report import formats
    from walkback.settings import Settings

    settings = Settings()
    extractor = extractor or Extractor(settings)
    article = read_article(str(path), settings=settings)
    obj = formats.extraction_json(path.name, article, extractor.extract(article))
    obj["article"].pop("text", None)
    obj["article"].pop("paragraphs", None)
    return obj


def dumps(obj: dict[str, Any]) -> str:
    return json.dumps(obj, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 when a file would change")
    args = parser.parse_args(argv)

    from walkback.extract import Extractor

    extractor = Extractor()
    changed = 0
    for path in inputs():
        out = expected_path(path)
        new = dumps(golden_output(path, extractor))
        old = out.read_text(encoding="utf-8") if out.exists() else None
        if new == old:
            print(f"unchanged  {out.name}")
            continue
        changed += 1
        if args.check:
            print(f"would change  {out.name}")
        else:
            out.write_text(new, encoding="utf-8")
            print(f"{'wrote' if old is None else 'updated'}  {out.name}")
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
