"""Bar charts for print: a figures layer's Bars in, a ReportLab Drawing (vector graphics) out. No Streamlit, no
browser: the board pack draws them straight into its PDF.

The same palette as the dashboard's charts (bsdash.charts.core); a flagged bar (over budget, target missed, inside
its lead time) is vermillion and hatched, so that it does not depend on colour; every bar has its figure written
beside it; a target is a grey mark across its bar.
"""

import math

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, Rect, String
from reportlab.lib.colors import HexColor
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont

from bsdash.analysis.figures.board_pack import Bars
from bsdash.charts.core import BAD, GOOD, PALETTE, TARGET

FONT, BOLD = "Vera", "VeraBd"
INK, GRID = "#1f1f1f", "#d9d9d9"
SIZE = 7.5  # points


def register_fonts() -> None:
    """Bitstream Vera, which ReportLab ships: embedded in the PDF (so it prints the same everywhere) and holding
    £, en dashes and the middle dot, which the PDF standard fonts' encoding does not all have."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    for name, file in ((FONT, "Vera.ttf"), (BOLD, "VeraBd.ttf"), ("VeraIt", "VeraIt.ttf"), ("VeraBI", "VeraBI.ttf")):
        pdfmetrics.registerFont(TTFont(name, file))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic="VeraIt", boldItalic="VeraBI")


register_fonts()


def colour_of(series: int, flagged: bool) -> str:
    """The first series is blue, or vermillion when flagged; further series take the palette's next colours."""
    if flagged:
        return BAD
    return GOOD if series == 0 else PALETTE[(series + 3) % len(PALETTE)]


def bar_chart(bars: Bars, width: float, height: float) -> Drawing:
    """Horizontal bars, the labels on the left, the value axis underneath, the legend on top."""
    drawing = Drawing(width, height)
    label_width = min(width * 0.34, max(_text_width(label) for label in bars.labels) + 8) if bars.labels else 0
    text_room = max((_text_width(t) for texts in bars.texts for t in texts), default=0) + 6
    legend_height = 12 * legend_rows(bars, width, label_width) + 2 if bars.legend else 0
    left, right = label_width, width - text_room
    top, bottom = height - legend_height - 4, 26
    values = [v for series in bars.values for v in series if _number(v)]
    targets = [t for t in (bars.targets or []) if _number(t)]
    low, high = _bounds(values + targets)
    ticks = _ticks(low, high)
    low, high = min(low, ticks[0]), max(high, ticks[-1])

    def x_of(value: float) -> float:
        return left + (value - low) / (high - low) * (right - left) if high > low else left

    for tick in ticks:
        x = x_of(tick)
        drawing.add(Line(x, bottom, x, top, strokeColor=_hex(GRID), strokeWidth=0.5))
        drawing.add(
            String(
                x,
                bottom - 9,
                _tick_text(tick, bars.unit),
                fontName=FONT,
                fontSize=SIZE - 1,
                textAnchor="middle",
                fillColor=_hex(INK),
            )
        )
    drawing.add(
        String((left + right) / 2, 2, bars.axis, fontName=FONT, fontSize=SIZE, textAnchor="middle", fillColor=_hex(INK))
    )
    if low < 0 < high:
        drawing.add(Line(x_of(0), bottom, x_of(0), top, strokeColor=_hex(INK), strokeWidth=0.8))

    rows, series = len(bars.labels), len(bars.series)
    band = (top - bottom) / max(rows, 1)
    thickness = min(band * 0.8 / series, 14)
    for row, label in enumerate(bars.labels):
        centre = top - band * (row + 0.5)
        drawing.add(
            String(
                left - 4,
                centre - SIZE / 3,
                _fit(label, label_width - 6),
                fontName=FONT,
                fontSize=SIZE,
                textAnchor="end",
                fillColor=_hex(INK),
            )
        )
        for s in range(series):
            value = bars.values[s][row]
            if not _number(value):
                continue
            y = centre + thickness * (series / 2 - s - 1)
            start, end = sorted((x_of(0 if low <= 0 <= high else low), x_of(value)))
            flagged = bars.flagged[s][row]
            drawing.add(_bar(start, y, max(end - start, 0.6), thickness, colour_of(s, flagged), flagged))
            text = bars.texts[s][row]
            target = bars.targets[row] if bars.targets else None
            after = max(end, x_of(target) + 2) if _number(target) else end
            if text:
                drawing.add(
                    String(
                        after + 3,
                        y + thickness / 2 - SIZE / 3,
                        text,
                        fontName=FONT,
                        fontSize=SIZE - 0.5,
                        fillColor=_hex(INK),
                    )
                )
        if bars.targets and _number(bars.targets[row]):
            x = x_of(bars.targets[row])
            half = band * 0.45
            drawing.add(Line(x, centre - half, x, centre + half, strokeColor=_hex(TARGET), strokeWidth=2.5))
    _legend(drawing, bars, left, height - 10)
    return drawing


def _bar(x: float, y: float, width: float, height: float, colour: str, hatched: bool) -> Group:
    group = Group(Rect(x, y, width, height, fillColor=_hex(colour), strokeColor=None))
    if hatched:
        for x1, y1, x2, y2 in hatch_lines(x, y, width, height, 4.0):
            group.add(Line(x1, y1, x2, y2, strokeColor=_hex("#ffffff"), strokeWidth=0.9))
    return group


def hatch_lines(x: float, y: float, width: float, height: float, step: float) -> list[tuple[float, ...]]:
    """Diagonal lines (bottom-left to top-right, as Plotly's '/' pattern) clipped to the rectangle."""
    lines = []
    offset = -height
    while offset < width:
        # the line x' = x + offset + t, y' = y + t for t in [0, height], clipped to [x, x + width]
        t0 = max(0.0, -offset)
        t1 = min(height, width - offset)
        if t1 > t0:
            lines.append((x + offset + t0, y + t0, x + offset + t1, y + t1))
        offset += step
    return lines


def _legend(drawing: Drawing, bars: Bars, x: float, y: float) -> None:
    """The legend's entries in a row, wrapping onto a row below when the chart is too narrow for them."""
    entries = [(name, series, flagged) for name, series, flagged in bars.legend]
    start, row = x, 0
    for name, series, flagged in entries:
        room = 30 + _text_width(name)
        if x + room > drawing.width and x > start:
            x, row = start, row + 1
        drawing.add(_bar(x, y - 12 * row, 16, 8, colour_of(series, flagged), flagged))
        drawing.add(String(x + 20, y - 12 * row + 1, name, fontName=FONT, fontSize=SIZE, fillColor=_hex(INK)))
        x += room
    if bars.targets:
        drawing.add(Line(x + 6, y - 12 * row - 1, x + 6, y - 12 * row + 9, strokeColor=_hex(TARGET), strokeWidth=2.5))
        drawing.add(String(x + 12, y - 12 * row + 1, "Target", fontName=FONT, fontSize=SIZE, fillColor=_hex(INK)))


def legend_rows(bars: Bars, width: float, left: float) -> int:
    """How many rows the legend takes in a chart `width` wide whose legend starts at `left`."""
    x, rows = left, 1
    for name, _, _ in bars.legend:
        room = 30 + _text_width(name)
        if x + room > width and x > left:
            x, rows = left, rows + 1
        x += room
    return rows


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not math.isnan(value)


def _bounds(values: list[float]) -> tuple[float, float]:
    if not values:
        return 0.0, 1.0
    low, high = min(min(values), 0.0), max(max(values), 0.0)
    return (low, high) if high > low else (low, low + 1.0)


def _ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round numbers spanning low..high: steps of 1, 2 or 5 times a power of ten."""
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.floor(low / step) * step
    ticks, tick = [], first
    while tick < high + step * 0.999:
        ticks.append(round(tick, 10))
        tick += step
    return ticks


def _tick_text(value: float, unit: str) -> str:
    if unit == "£":
        sign = "-" if value < 0 else ""
        amount = abs(value)
        if amount >= 1_000_000:
            return f"{sign}£{amount / 1_000_000:g}m"
        if amount >= 1_000:
            return f"{sign}£{amount / 1_000:g}k"
        return f"{sign}£{amount:g}"
    return f"{value:g}{unit}"


def _text_width(text: str) -> float:
    return stringWidth(text, FONT, SIZE)


def _fit(text: str, room: float) -> str:
    """The label, shortened with an ellipsis when it is wider than `room`."""
    if _text_width(text) <= room:
        return text
    while text and _text_width(text + "…") > room:
        text = text[:-1]
    return text.rstrip() + "…"


def _hex(colour: str) -> HexColor:
    return HexColor(colour)


LIGHT_COLOURS = {"good": GOOD, "watch": PALETTE[1], "act": BAD}


def light_mark(level: str, size: float = 10) -> Drawing:
    """A traffic light whose shape says it without colour: a circle on track, a triangle watch, a square act."""
    drawing = Drawing(size, size)
    colour = _hex(LIGHT_COLOURS[level])
    if level == "good":
        drawing.add(Circle(size / 2, size / 2, size / 2 - 0.5, fillColor=colour, strokeColor=None))
    elif level == "watch":
        drawing.add(Polygon([0, 0.5, size, 0.5, size / 2, size - 0.5], fillColor=colour, strokeColor=None))
    else:
        drawing.add(Rect(0.5, 0.5, size - 1, size - 1, fillColor=colour, strokeColor=None))
    return drawing
