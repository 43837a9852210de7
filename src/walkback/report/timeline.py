"""A claim's timeline drawn as SVG: statements by date in one lane per stance, relations as arcs.

The drawing is plain SVG text (no script, no external resources), so a page can inline it and it
stays inert whatever the statements say: every piece of text is XML-escaped here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from xml.sax.saxutils import escape, quoteattr

__all__ = ["timeline_svg", "LANES"]

LANES = ("affirms", "neither", "denies")
_LANE_LABEL = {"affirms": "affirms", "neither": "neither / reports", "denies": "denies"}
_WIDTH, _LEFT, _RIGHT, _TOP, _LANE_H, _STACK, _MIN_GAP = 900, 130, 30, 40, 70, 12, 34
_ARC = {"walkback": ("wb-walkback", "walk-back"), "contradicts": ("wb-contradicts", "contradicts")}


@dataclass(frozen=True, slots=True)
class _Dot:
    pk: int
    x: float
    y: float


def _day(ls: Any) -> date | None:
    value = ls.statement.said_on.value
    try:
        return date.fromisoformat(value if len(value) == 10 else value + "-01") if value else None
    except ValueError:
        return None


def _columns(days: Sequence[date]) -> dict[date, float]:
    """x of each distinct day: proportional to time, but never closer than ``_MIN_GAP``."""
    distinct = sorted(set(days))
    span = _WIDTH - _LEFT - _RIGHT
    if len(distinct) == 1:
        return {distinct[0]: _LEFT + span / 2}
    first, last = distinct[0], distinct[-1]
    total = max((last - first).days, 1)
    xs = [_LEFT + span * (d - first).days / total for d in distinct]
    for i in range(1, len(xs)):
        xs[i] = max(xs[i], xs[i - 1] + _MIN_GAP)
    if xs[-1] > _LEFT + span:  # pushed past the edge: squeeze back into the width
        scale = span / (xs[-1] - _LEFT)
        xs = [_LEFT + (x - _LEFT) * scale for x in xs]
    return dict(zip(distinct, xs, strict=True))


def _label(ls: Any) -> str:
    sp = ls.statement.speaker
    who = ls.speaker_name or sp.name or (sp.mention.text if sp.mention else "unknown speaker")
    text = " ".join(ls.statement.content.text.split())
    text = text if len(text) <= 200 else text[:199] + "…"
    return f"{ls.statement.said_on.value or 'date unknown'} — {who}: {text}"


def timeline_svg(timeline: Sequence[Any], relations: Sequence[Any] = (), *, anchor: str = "s-") -> str:
    """An SVG drawing of ``timeline`` (linked statements of one claim) with the walk-back and
    contradiction ``relations`` between them as arcs. Each dot links to ``#{anchor}{pk}``."""
    members = {ls.pk for ls in timeline}
    outside: dict[int, tuple[Any, int]] = {}  # the other end of a walk-back reported off the claim
    for r in relations:
        if r.type in _ARC:
            for ls in (r.source, r.target):
                if ls is not None and ls.pk not in members:
                    outside.setdefault(ls.pk, (ls, r.id))
    drawn = list(timeline) + [ls for ls, _ in outside.values()]
    dated = [(ls, _day(ls)) for ls in drawn]
    days = [d for _, d in dated if d is not None]
    cols = _columns(days) if days else {}
    undated_x = _WIDTH - _RIGHT / 2
    stacks: dict[tuple[float, str], int] = {}
    dots: dict[int, _Dot] = {}
    parts: list[str] = []
    for ls, d in dated:
        lane = ls.stance if ls.stance in LANES and ls.pk in members else "neither"
        x = cols[d] if d is not None else undated_x
        n = stacks.get((x, lane), 0)
        stacks[(x, lane)] = n + 1
        y = _TOP + LANES.index(lane) * _LANE_H + _LANE_H / 2 + min(n, 3) * _STACK - _STACK
        dots[ls.pk] = _Dot(ls.pk, x, y)
        target, cls, label = f"#{anchor}{ls.pk}", f"wb-dot wb-{lane}", _label(ls)
        if ls.pk in outside:  # not on this claim: drawn hollow, and leads to its relation
            target, cls, label = (
                f"#r-{outside[ls.pk][1]}",
                "wb-dot wb-outside",
                label + " (outside this claim)",
            )
        parts.append(
            f'<a href={quoteattr(target)}><circle class="{cls}" cx="{x:.1f}" '
            f'cy="{y:.1f}" r="7"><title>{escape(label)}</title></circle></a>'
        )
    arcs: list[str] = []
    for r in relations:
        if r.type not in _ARC or r.target is None or r.source.pk not in dots or r.target.pk not in dots:
            continue
        a, b = dots[r.target.pk], dots[r.source.pk]  # earlier -> later
        cls, name = _ARC[r.type]
        mid_x, lift = (a.x + b.x) / 2, 28 + abs(b.x - a.x) / 6
        bottom = _TOP + len(LANES) * _LANE_H
        ctrl_y = (
            max(-_TOP, min(a.y, b.y) - lift)
            if r.type == "walkback"
            else min(bottom + _TOP, max(a.y, b.y) + lift)
        )
        title = f"{name}: {'; '.join(r.evidence)}"
        d = f"M{a.x:.1f},{a.y:.1f} Q{mid_x:.1f},{ctrl_y:.1f} {b.x:.1f},{b.y:.1f}"
        arcs.append(
            f'<path class="wb-arc {cls}" d="{d}" '
            f'marker-end="url(#wb-head-{r.type})"><title>{escape(title)}</title></path>'
        )
    height = _TOP + len(LANES) * _LANE_H + 40
    grid = []
    for i, lane in enumerate(LANES):
        y = _TOP + i * _LANE_H + _LANE_H / 2
        grid.append(f'<line class="wb-lane" x1="{_LEFT - 10}" y1="{y}" x2="{_WIDTH - 10}" y2="{y}"/>')
        grid.append(f'<text class="wb-lane-label" x="8" y="{y + 4}">{escape(_LANE_LABEL[lane])}</text>')
    axis_y = _TOP + len(LANES) * _LANE_H + 14
    last_x = -1e9
    for d, x in sorted(cols.items()):
        if x - last_x >= 70:  # keep the date labels from overlapping
            where = "end" if x > _WIDTH - 60 else "middle"
            grid.append(f'<text class="wb-date" x="{x:.1f}" y="{axis_y}" text-anchor="{where}">{d}</text>')
            last_x = x
    if any(d is None for _, d in dated):
        grid.append(
            f'<text class="wb-date" x="{undated_x:.1f}" y="{axis_y}" text-anchor="end">undated</text>'
        )
    defs = "".join(
        f'<marker id="wb-head-{t}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        f'orient="auto-start-reverse"><path class="wb-head {cls}" d="M0,0 L10,5 L0,10 z"/></marker>'
        for t, (cls, _) in _ARC.items()
    )
    return (
        f'<svg class="wb-timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_WIDTH} {height}" '
        f'role="img" aria-label="timeline of {len(dots)} statements">'
        f"<defs>{defs}</defs>{''.join(grid)}{''.join(arcs)}{''.join(parts)}</svg>"
    )
