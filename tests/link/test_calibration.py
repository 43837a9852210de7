"""Calibrated confidence: the judged precision of the rule, smoothed towards its family and basis."""

from __future__ import annotations

from walkback.link.calibration import band, calibrate, confidence, family
from walkback.model import Relation

TABLE = {
    "keys": {
        "contradicts/reported.deny": {"judged": 20, "true": 18},
        "contradicts/reported.deny:not quoted": {"judged": 10, "true": 10},
        "contradicts/reported.deny:not quoted@mid": {"judged": 10, "true": 10},
        "contradicts/inferred.polarity": {"judged": 100, "true": 6},
    },
    "priors": {"contradicts/reported": 0.6, "contradicts/stance": 0.1},
}


def test_a_rule_judged_often_takes_its_precision_and_one_judged_rarely_leans_on_its_family() -> None:
    assert family("reported.deny:not quoted") == "reported.deny"
    assert band(0.5) == "low" and band(0.68) == "mid" and band(0.8) == "high"
    noisy = confidence("contradicts", "stance", "inferred.polarity", 0.7, TABLE)
    assert noisy < 0.1
    sure = confidence("contradicts", "reported", "reported.deny:not quoted", 0.68, TABLE)
    assert 0.9 < sure < 1.0  # ten of ten, but never certain
    unseen = confidence("contradicts", "reported", "reported.deny:speaker", 0.68, TABLE)
    assert abs(unseen - (18 + 3 * 0.6) / 23) < 0.01  # the family's precision, smoothed to the basis
    assert confidence("walkback", "reported", "reported.retreat", 0.9, TABLE) == 0.5  # nothing known


def test_calibrate_keeps_the_rules_own_score() -> None:
    rel = Relation(
        type="contradicts", from_statement=2, to_statement=None, evidence=("denied",), confidence=0.68,
        basis="reported", rule="reported.deny:not quoted", target_text="any bargaining took place",
    )  # fmt: skip
    out = calibrate(rel, TABLE)
    assert out.score == 0.68 and out.confidence == confidence(
        "contradicts", "reported", rel.rule, 0.68, TABLE
    )
