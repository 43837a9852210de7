"""Confidence that means something: the judged precision of the rule that made a flag.

Every contradiction and walk-back carries the rule that made it (``reported.deny:words``,
``inferred.polarity``, ``reported.retreat``). ``calibration.json`` beside this module holds, for each
rule and band of its raw score, how many of its flags a person judged true among those judged (the
judged set of ``benchmarks/flags/``, written by ``flags.py calibrate``). A flag's confidence is that
precision, smoothed towards the rule family's (and the relation basis's) so that a rule judged a few
times cannot claim certainty: ``(true + k·prior) / (judged + k)``.

The default threshold for showing flags (``flag_threshold`` in the settings) is the lowest confidence
at which the judged flags above it were at least 90% true.
"""

from __future__ import annotations

import json
from dataclasses import replace
from functools import lru_cache
from importlib import resources

from ..model import Relation

__all__ = ["BANDS", "band", "calibrate", "confidence", "family", "load_table"]

BANDS = (0.6, 0.75)  # raw scores below, between and above these are judged apart
_STRENGTH = 3.0  # how many judged flags the prior counts as


def band(raw: float) -> str:
    return "low" if raw < BANDS[0] else "mid" if raw < BANDS[1] else "high"


def family(rule: str) -> str:
    """The rule without its target note: ``reported.deny:words`` -> ``reported.deny``."""
    return rule.split(":", 1)[0]


@lru_cache(maxsize=1)
def load_table() -> dict:
    try:
        text = resources.files("walkback.link").joinpath("calibration.json").read_text(encoding="utf-8")
    except FileNotFoundError:
        return {"keys": {}, "priors": {}}
    return json.loads(text)


def _estimate(counts: dict | None, prior: float) -> float:
    if not counts:
        return prior
    return (counts["true"] + _STRENGTH * prior) / (counts["judged"] + _STRENGTH)


def confidence(type: str, basis: str, rule: str, score: float, table: dict | None = None) -> float:
    """The calibrated confidence of a flag of ``type`` made by ``rule`` with its own ``score``."""
    table = table if table is not None else load_table()
    keys, priors = table.get("keys", {}), table.get("priors", {})
    base = priors.get(f"{type}/{basis}", 0.5)
    fam = _estimate(keys.get(f"{type}/{family(rule)}"), base)
    exact = _estimate(keys.get(f"{type}/{rule}"), fam)
    return round(_estimate(keys.get(f"{type}/{rule}@{band(score)}"), exact), 3)


def calibrate(rel: Relation, table: dict | None = None) -> Relation:
    """``rel`` with its calibrated confidence; its own score is kept in ``score``. Supports are not
    flags and keep their score."""
    if rel.type == "supports":
        return replace(rel, score=rel.confidence)
    conf = confidence(rel.type, rel.basis, rel.rule, rel.confidence, table)
    return replace(rel, confidence=conf, score=rel.confidence)
