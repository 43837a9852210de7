"""A claim's timeline drawn as SVG: statements by date in one lane per stance, relations as arcs.

Two drawings of the same timeline: ``wide`` (time runs left to right, the lanes are rows; for a
desktop) and ``narrow`` (time runs down, the lanes are columns; for a phone, where a wide drawing
would shrink its labels below reading size). The page shows one or the other by its width.

Time is drawn to scale, except that a gap much longer than the others (a statement 15 months after
the rest) is cut short and marked as a break with the time it skips, so one outlier cannot squeeze
the other events against one edge.

The drawing is plain SVG text (no script, no external resources), so a page can inline it and it
stays inert whatever the statements say: every piece of text is XML-escaped here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from statistics import median
from typing import Any, Literal
from xml.sax.saxutils import escape, quoteattr

__all__ = ["LANES", "axis", "timeline_svg"]

LANES = ("affirms", "neither", "denies")
_LANE_LABEL = {"affirms": "affirms", "neither": "neither / reports", "denies": "denies"}
_ARC = {"walkback": ("wb-walkback", "walk-back"), "contradicts": ("wb-contradicts", "contradicts")}
_BREAK = 46  # the length of a break in the time axis (at least)
_BREAK_FACTOR, _BREAK_MIN_DAYS = 5, 30  # a gap is broken when this many times the others' median


@dataclass(frozen=True, slots=True)
class _Dot:
    pk: int
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class _Break:
    at: float  # the middle of the break along the axis
    days: int  # the time it skips


def _day(ls: Any) -> date | None:
    value = ls.statement.said_on.value
    try:
        return date.fromisoformat(value if len(value) == 10 else value + "-01") if value else None
    except ValueError:
        return None


def axis(
    days: Sequence[date], start: float, span: float, min_gap: float, gap: float = _BREAK
) -> tuple[dict[date, float], list[_Break]]:
    """Where each distinct day goes along an axis from ``start`` over ``span``, and the breaks.

    Gaps are to scale, except a gap of more than ``_BREAK_MIN_DAYS`` days and ``_BREAK_FACTOR``
    times the median of the other gaps: it is drawn ``gap`` long and reported as a break. Days
    are never closer than ``min_gap`` (squeezed back into the span when that pushes past it).
    """
    distinct = sorted(set(days))
    if len(distinct) == 1:
        return {distinct[0]: start + span / 2}, []
    gaps = [(b - a).days for a, b in zip(distinct, distinct[1:], strict=False)]
    broken = []
    for i, g in enumerate(gaps):
        others = gaps[:i] + gaps[i + 1 :]
        ref = median(others) if others else None
        broken.append(ref is not None and g > _BREAK_MIN_DAYS and g > _BREAK_FACTOR * max(ref, 1))
    scaled = sum(g for g, b in zip(gaps, broken, strict=True) if not b)
    room = span - gap * sum(broken)
    pos, breaks = [start], []
    for g, b in zip(gaps, broken, strict=True):
        step = gap if b else (room * g / scaled if scaled else room)
        step = max(step, min_gap)
        if b:
            breaks.append(_Break(pos[-1] + step / 2, g))
        pos.append(pos[-1] + step)
    if pos[-1] > start + span:  # pushed past the end: squeeze back into the span
        scale = span / (pos[-1] - start)
        pos = [start + (p - start) * scale for p in pos]
        breaks = [_Break(start + (b.at - start) * scale, b.days) for b in breaks]
    return dict(zip(distinct, pos, strict=True)), breaks


def _skipped(days: int) -> str:
    if days >= 60:
        months = round(days / 30.44)
        return (
            f"{months // 12} yr {months % 12} mo"
            if months >= 24 and months % 12
            else (f"{months // 12} years" if months >= 24 else f"{months} months")
        )
    return f"{days} days"


def _label(ls: Any) -> str:
    sp = ls.statement.speaker
    who = ls.speaker_name or sp.name or (sp.mention.text if sp.mention else "unknown speaker")
    text = " ".join(ls.statement.content.text.split())
    text = text if len(text) <= 200 else text[:199] + "…"
    return f"{ls.statement.said_on.value or 'date unknown'} — {who}: {text}"


@dataclass(frozen=True, slots=True)
class _Frame:
    """The geometry of one orientation."""

    width: float
    height: float
    start: float  # where time starts along its axis
    span: float  # how long the time axis is
    min_gap: float
    lane_at: dict[str, float]  # the lane's position across the time axis
    label_gap: float  # the least distance between two date labels
    stack: float  # between dots of one day in one lane
    gap: float  # the length of a break in the time axis


def _frame(orientation: Literal["wide", "narrow"], n_days: int) -> _Frame:
    if orientation == "wide":
        top, lane_h = 40, 70
        return _Frame(width=900, height=top + 3 * lane_h + 40, start=130, span=900 - 130 - 30, min_gap=34,
                      lane_at={lane: top + i * lane_h + lane_h / 2 for i, lane in enumerate(LANES)},
                      label_gap=80, stack=12, gap=100)  # fmt: skip
    span = max(260.0, 46.0 * max(n_days - 1, 1))
    return _Frame(width=360, height=70 + span + 50, start=70, span=span, min_gap=30,
                  lane_at={"affirms": 140, "neither": 225, "denies": 310}, label_gap=18, stack=18,
                  gap=_BREAK)  # fmt: skip


def timeline_svg(
    timeline: Sequence[Any],
    relations: Sequence[Any] = (),
    *,
    anchor: str = "s-",
    orientation: Literal["wide", "narrow"] = "wide",
) -> str:
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
    f = _frame(orientation, len(set(days)))
    wide = orientation == "wide"
    cols, breaks = axis(days, f.start, f.span, f.min_gap, f.gap) if days else ({}, [])
    undated_t = f.start + f.span + (15 if wide else 30)

    def point(t: float, across: float) -> tuple[float, float]:
        return (t, across) if wide else (across, t)

    stacks: dict[tuple[float, str], int] = {}
    dots: dict[int, _Dot] = {}
    parts: list[str] = []
    for ls, d in dated:
        lane = ls.stance if ls.stance in LANES and ls.pk in members else "neither"
        t = cols[d] if d is not None else undated_t
        n = stacks.get((t, lane), 0)
        stacks[(t, lane)] = n + 1
        x, y = point(t, f.lane_at[lane] + min(n, 3) * f.stack - f.stack / 2 * (n > 0))
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
            f'cy="{y:.1f}" r="{7 if wide else 8}"><title>{escape(label)}</title></circle></a>'
        )
    arcs: list[str] = []
    for r in relations:
        if r.type not in _ARC or r.target is None or r.source.pk not in dots or r.target.pk not in dots:
            continue
        a, b = dots[r.target.pk], dots[r.source.pk]  # earlier -> later
        cls, name = _ARC[r.type]
        sign = -1 if r.type == "walkback" else 1
        if wide:
            lift = 28 + abs(b.x - a.x) / 6
            edge = min(a.y, b.y) - lift if sign < 0 else max(a.y, b.y) + lift
            ctrl = ((a.x + b.x) / 2, max(-40.0, min(f.height, edge)))
        else:
            lift = 24 + abs(b.y - a.y) / 6
            edge = min(a.x, b.x) - lift if sign < 0 else max(a.x, b.x) + lift
            ctrl = (max(60.0, min(f.width - 4, edge)), (a.y + b.y) / 2)
        d = f"M{a.x:.1f},{a.y:.1f} Q{ctrl[0]:.1f},{ctrl[1]:.1f} {b.x:.1f},{b.y:.1f}"
        arcs.append(
            f'<path class="wb-arc {cls}" d="{d}" marker-end="url(#wb-head-{r.type}-{orientation})">'
            f"<title>{escape(name + ': ' + '; '.join(r.evidence))}</title></path>"
        )
    grid = _grid(f, wide, cols, breaks, undated_t if any(d is None for _, d in dated) else None)
    defs = "".join(
        f'<marker id="wb-head-{t}-{orientation}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        f'markerHeight="7" orient="auto-start-reverse"><path class="wb-head {cls}" d="M0,0 L10,5 L0,10 z"/>'
        "</marker>"
        for t, (cls, _) in _ARC.items()
    )
    return (
        f'<svg class="wb-timeline wb-{orientation}" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {f.width:.0f} {f.height:.0f}" role="img" '
        f'aria-label="timeline of {len(dots)} statements">'
        f"<defs>{defs}</defs>{''.join(grid)}{''.join(arcs)}{''.join(parts)}</svg>"
    )


def _grid(
    f: _Frame, wide: bool, cols: dict[date, float], breaks: list[_Break], undated_t: float | None
) -> list[str]:
    """Lane lines and labels, date labels along the time axis, and the breaks in it."""
    grid = []
    end = f.start + f.span + (25 if wide else 45)
    for lane, at in f.lane_at.items():
        if wide:
            grid.append(f'<line class="wb-lane" x1="{f.start - 10}" y1="{at}" x2="{end}" y2="{at}"/>')
            grid.append(f'<text class="wb-lane-label" x="8" y="{at + 4}">{escape(_LANE_LABEL[lane])}</text>')
        else:
            grid.append(f'<line class="wb-lane" x1="{at}" y1="{f.start - 20}" x2="{at}" y2="{end}"/>')
            grid.append(
                f'<text class="wb-lane-label" x="{at}" y="28" text-anchor="middle">{escape(lane)}</text>'
            )
    last = -1e9
    for d, t in sorted(cols.items()):
        if t - last < f.label_gap:  # keep the date labels from overlapping
            continue
        text = f"{d.day} {d:%b %Y}"
        if wide:
            where = "end" if t > f.width - 60 else "middle"
            y = f.lane_at["denies"] + 35 + 14
            grid.append(f'<text class="wb-date" x="{t:.1f}" y="{y}" text-anchor="{where}">{text}</text>')
        else:
            grid.append(f'<text class="wb-date" x="6" y="{t + 4:.1f}">{text}</text>')
        last = t
    for b in breaks:
        note = f"{_skipped(b.days)} later"
        if wide:
            lo, hi = f.lane_at["affirms"] - 30, f.lane_at["denies"] + 30
            grid.append(
                f'<g class="wb-break"><path d="M{b.at - 4:.1f},{lo} l8,6 l-8,6 l8,6" />'
                f'<path d="M{b.at - 4:.1f},{hi - 18} l8,6 l-8,6 l8,6" />'
                f'<text x="{b.at:.1f}" y="{lo - 6}" text-anchor="middle">{escape(note)}</text></g>'
            )
        else:
            grid.append(
                f'<g class="wb-break"><line x1="4" y1="{b.at:.1f}" x2="{f.width - 4}" y2="{b.at:.1f}"/>'
                f'<text x="{f.width - 6}" y="{b.at - 4:.1f}" text-anchor="end">{escape(note)}</text></g>'
            )
    if undated_t is not None:
        if wide:
            y = f.lane_at["denies"] + 35 + 14
            grid.append(f'<text class="wb-date" x="{undated_t:.1f}" y="{y}" text-anchor="end">undated</text>')
        else:
            grid.append(f'<text class="wb-date" x="6" y="{undated_t + 4:.1f}">undated</text>')
    return grid
