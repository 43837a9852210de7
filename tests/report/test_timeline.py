"""The claim timeline's drawing: to scale, but an outlier date is a break in the axis, not a squeeze;
a wide drawing for desktops and a narrow one for phones, both inert SVG."""

from __future__ import annotations

import re
from datetime import date
from types import SimpleNamespace
from typing import Any
from xml.etree import ElementTree

from walkback.report.timeline import axis, timeline_svg


def statement(pk: int, said: str | None, stance: str, text: str = "words") -> Any:
    st = SimpleNamespace(
        said_on=SimpleNamespace(value=said),
        speaker=SimpleNamespace(name=f"Speaker {pk}", mention=None),
        content=SimpleNamespace(text=text),
    )
    return SimpleNamespace(pk=pk, statement=st, stance=stance, speaker_name=None)


# the seed's events (2 and 5 Feb 2024), and an unrelated statement 15 months later
EVENTS = [statement(1, "2024-02-02", "affirms"), statement(2, "2024-02-05", "denies"),
          statement(3, "2024-02-05", "denies"),
          statement(4, "2025-05-09", "affirms", "<b>later</b>")]  # fmt: skip


def dots(svg: str) -> dict[int, tuple[float, float]]:
    return {
        int(pk): (float(x), float(y))
        for pk, x, y in re.findall(r'href="#s-(\d+)"><circle [^>]*cx="([\d.]+)" cy="([\d.]+)"', svg)
    }


def test_an_outlier_is_a_break_not_a_squeeze() -> None:
    where, breaks = axis([date(2024, 2, 2), date(2024, 2, 5), date(2025, 5, 9)], 130, 740, 34)
    assert len(breaks) == 1 and breaks[0].days == 459
    # the real events spread over most of the axis; the outlier sits one break further
    assert where[date(2024, 2, 5)] - where[date(2024, 2, 2)] > 0.8 * 740
    assert where[date(2025, 5, 9)] == 130 + 740
    svg = timeline_svg(EVENTS)
    assert "15 months later" in svg
    d = dots(svg)
    assert d[2][0] - d[1][0] > 600  # 2 -> 5 Feb drawn wide apart on a 900-wide drawing


def test_no_break_when_gaps_are_alike() -> None:
    where, breaks = axis([date(2024, 1, 1), date(2024, 4, 1), date(2024, 7, 1)], 0, 100, 10)
    assert breaks == [] and abs(where[date(2024, 4, 1)] - 50) < 1  # to scale


def test_narrow_drawing_runs_down_in_lane_columns() -> None:
    svg = timeline_svg(EVENTS, orientation="narrow")
    root = ElementTree.fromstring(svg)
    width = float(root.get("viewBox", "").split()[2])
    assert width == 360
    d = dots(svg)
    assert d[1][1] < d[2][1] < d[4][1]  # later is lower
    assert d[1][0] < d[2][0] - 100 and abs(d[2][0] - d[3][0]) <= 24  # a column a stance; stacked within
    assert d[2][1] - d[1][1] > 150 and "15 months later" in svg
    assert all(0 <= x <= width for x, _ in d.values())


def test_drawings_are_inert_svg() -> None:
    for orientation in ("wide", "narrow"):
        svg = timeline_svg(EVENTS, orientation=orientation)  # type: ignore[arg-type]
        ElementTree.fromstring(svg)  # well-formed
        assert "<b>" not in svg and "&lt;b&gt;later&lt;/b&gt;" in svg and "<script" not in svg
