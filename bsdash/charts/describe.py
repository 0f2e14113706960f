"""A chart in one sentence, for people who cannot see it: what its figures say (the largest and smallest bars,
where a line starts and ends, how many), not its axis labels.

Read from the Plotly figure a chart builder made (bsdash.charts), so every chart has its summary without a page
writing one; values are written as its value axis writes them (£ with thousands, or per cent). The page gives it
to the chart as its accessible name and description.
"""

import math
from datetime import date, datetime

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from bsdash.formatting import money_short

MOST = 3  # bars named at the top of a ranking


def summary(figure: go.Figure) -> str:
    """One sentence (two at most) on what the chart shows."""
    traces = [t for t in figure.data if getattr(t, "visible", True) not in (False, "legendonly")]
    bars = [t for t in traces if t.type == "bar"]
    lines = [t for t in traces if t.type == "scatter" and "lines" in (t.mode or "lines")]
    heatmaps = [t for t in traces if t.type == "heatmap"]
    points = [t for t in traces if t.type == "scatter" and "lines" not in (t.mode or "lines")]
    parts = []
    if bars:
        parts.append(_bars(figure, bars))
    if lines:
        parts.append(_lines(figure, lines))
    if heatmaps:
        parts.append(_heatmap(heatmaps[0]))
    if points and (bars or lines):  # marks beside bars or lines: targets, misses
        horizontal = bool(bars and bars[0].orientation == "h")
        for trace in points:
            values = [v for _, v in _pairs(trace, horizontal)]
            if values:
                fmt = _formatter(figure, bars[0] if bars else trace, horizontal)
                low, high = min(values), max(values)
                span = fmt(low) if round(low, 6) == round(high, 6) else f"from {fmt(low)} to {fmt(high)}"
                parts.append(f"{trace.name or 'marks'} {span}")
    elif points:
        parts.append(f"{sum(len(_seq(t.x)) for t in points)} points")
    text = "; ".join(part for part in parts if part)
    return (text[0].upper() + text[1:] + ".") if text else "No figures to show."


def _bars(figure: go.Figure, bars: list) -> str:
    horizontal = all(t.orientation == "h" for t in bars)
    stacked = figure.layout.barmode in ("stack", "relative") and len(bars) > 1
    named = [t for t in bars if t.name]
    if stacked or len(bars) == 1:
        totals: dict[object, float] = {}
        for trace in bars:
            for label, value in _pairs(trace, horizontal):
                totals[label] = totals.get(label, 0.0) + value
        fmt = _formatter(figure, bars[0], horizontal)
        text = _ranking(totals, fmt)
        if stacked and named:
            shares = {t.name: sum(v for _, v in _pairs(t, horizontal)) for t in named}
            text += ", made up of " + ", ".join(f"{name} {fmt(v)}" for name, v in _top(shares, 4))
        return text
    parts = []
    for trace in bars:  # grouped: each series ranked on its own
        pairs = dict(_pairs(trace, horizontal))
        if pairs:
            parts.append(f"{trace.name or 'bars'}: " + _ranking(pairs, _formatter(figure, trace, horizontal)))
    return "; ".join(parts)


def _lines(figure: go.Figure, lines: list) -> str:
    parts = []
    for trace in lines:
        pairs = [(x, y) for x, y in zip(_seq(trace.x), _seq(trace.y), strict=False) if _number(y)]
        if not pairs:
            continue
        fmt = _formatter(figure, trace, horizontal=False)
        (first_x, first), (last_x, last) = pairs[0], pairs[-1]
        if len(pairs) == 1 or len({round(y, 6) for _, y in pairs}) == 1:
            parts.append(f"{trace.name or 'line'} at {fmt(last)}")
            continue
        high_x, high = max(pairs, key=lambda p: p[1])
        low_x, low = min(pairs, key=lambda p: p[1])
        parts.append(
            f"{trace.name or 'line'} from {fmt(first)} in {_label(first_x)} to {fmt(last)} in {_label(last_x)} "
            f"(highest {fmt(high)} in {_label(high_x)}, lowest {fmt(low)} in {_label(low_x)})"
        )
    return "; ".join(parts)


def _heatmap(trace) -> str:
    cells = []
    for y, row in zip(_seq(trace.y), _seq(trace.z), strict=False):
        for x, value in zip(_seq(trace.x), _seq(row), strict=False):
            if _number(value):
                cells.append((value, f"{y}, {x}"))
    if not cells:
        return ""
    high, low = max(cells), min(cells)
    return f"{len(cells)} cells from {low[0]:,.0f} ({low[1]}) to {high[0]:,.0f} ({high[1]})"


def _pairs(trace, horizontal: bool) -> list[tuple[object, float]]:
    labels, values = (trace.y, trace.x) if horizontal else (trace.x, trace.y)
    return [(label, float(v)) for label, v in zip(_seq(labels), _seq(values), strict=False) if _number(v)]


def _ranking(totals: dict[object, float], fmt) -> str:
    if not totals:
        return ""
    ordered = sorted(totals.items(), key=lambda item: item[1], reverse=True)
    count = len(ordered)
    top = ", ".join(f"{_label(label)} {fmt(value)}" for label, value in ordered[:MOST])
    noun = "month" if all(_is_month(label) for label, _ in ordered) else "bar"
    text = f"{count} {noun}{'s' if count != 1 else ''}; highest {top}"
    if count > MOST:
        label, value = ordered[-1]
        text += f"; lowest {_label(label)} {fmt(value)}"
    return text


def _top(values: dict[str, float], most: int) -> list[tuple[str, float]]:
    return sorted(values.items(), key=lambda item: item[1], reverse=True)[:most]


def _formatter(figure: go.Figure, trace, horizontal: bool):
    """How the trace's value axis writes its numbers: £ (short), per cent, or plain."""
    axis_name = (trace.xaxis if horizontal else trace.yaxis) or ("x" if horizontal else "y")
    axis = figure.layout[f"{axis_name[0]}axis{axis_name[1:]}"]
    prefix, suffix = axis.tickprefix or "", axis.ticksuffix or ""
    if prefix == "£":
        return money_short
    if suffix.strip() == "%":
        return lambda v: f"{v:,.1f}%"
    return lambda v: f"{v:,.0f}" if abs(v) >= 100 or float(v).is_integer() else f"{v:,.1f}"


def _is_month(value: object) -> bool:
    return _label(value) != str(value) and " " in _label(value) and "/" not in _label(value)


def _label(value: object) -> str:
    """A category as people say it: a month as "April 2024", a label that carries its figure after a middle dot
    ("Catering · 87.3%") as its name alone, anything else as it is."""
    if isinstance(value, str) and " · " in value:
        return value.split(" · ")[0]
    if isinstance(value, datetime | date | pd.Timestamp | np.datetime64 | str):
        try:
            stamp = pd.Timestamp(value)
        except (ValueError, TypeError):
            return str(value)
        if isinstance(value, str) and not value[:4].isdigit():
            return value
        return stamp.strftime("%B %Y") if stamp.day == 1 else stamp.strftime("%d/%m/%Y")
    return str(value)


def _seq(values: object) -> list:
    """A trace's array (a tuple, a NumPy array, or nothing) as a list."""
    return [] if values is None else list(values)


def _number(value: object) -> bool:
    try:
        return value is not None and not math.isnan(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
