"""The board pack typeset as a PDF: A4 landscape, a cover with the headline figures and their lights, what
changed, then a page each for spend, service levels, contracts, benchmarks and risks.

Every page carries the OFFICIAL marking at the top and the bottom, the pack's title, the period and filters,
how far each dataset reaches, the named queries the page's figures came from, and its number. ReportLab
typesets it (a pure-Python wheel: no browser, no binary, nothing downloaded at run time) and draws the charts as
vector graphics (bsdash.charts.vector). The figures and sentences are the figures layer's
(bsdash.analysis.figures.board_pack): nothing is computed here.
"""

import io
from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from bsdash.analysis.figures import Headline
from bsdash.analysis.figures.board_pack import BoardPack, Grid, PackPage
from bsdash.analysis.periods import Filters, Period
from bsdash.charts.vector import BOLD, FONT, bar_chart, light_mark
from bsdash.governance.audit import Entry, sha256_of

PAGE = landscape(A4)
MARGIN = 14 * mm
HEADER, FOOTER = 27 * mm, 16 * mm
INK, MUTED, RULE, MARK_RED = HexColor("#1f1f1f"), HexColor("#555555"), HexColor("#bfbfbf"), HexColor("#b00020")

TITLE = ParagraphStyle("title", fontName=BOLD, fontSize=15, leading=19, textColor=INK, spaceAfter=4)
HEADING = ParagraphStyle("heading", fontName=BOLD, fontSize=11, leading=14, textColor=INK, spaceAfter=2)
BODY = ParagraphStyle("body", fontName=FONT, fontSize=9, leading=12, textColor=INK, spaceAfter=3)
SMALL = ParagraphStyle("small", fontName=FONT, fontSize=7, leading=8.6, textColor=INK)
SMALL_RIGHT = ParagraphStyle("small_right", parent=SMALL, alignment=TA_RIGHT)
NOTE = ParagraphStyle("note", fontName=FONT, fontSize=7.5, leading=9.5, textColor=MUTED)
FIGURE = ParagraphStyle("figure", fontName=BOLD, fontSize=17, leading=21, textColor=INK)
LABEL = ParagraphStyle("label", fontName=FONT, fontSize=8.5, leading=11, textColor=MUTED)


class PageInfo(Flowable):
    """Takes no room: tells the page's header and footer which page of the pack they are on."""

    def __init__(self, title: str, sources: list[str]):
        super().__init__()
        self.title, self.sources = title, sources
        self.width = self.height = 0

    def draw(self) -> None:
        self.canv._bsdash_page = (self.title, self.sources)  # read by the page's header and footer


class _Pack(BaseDocTemplate):
    def __init__(self, out: io.BytesIO, pack: BoardPack, page_count: int = 0):
        super().__init__(
            out,
            pagesize=PAGE,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=HEADER,
            bottomMargin=FOOTER,
            title=f"{pack.marking}: {pack.title}, {pack.period}",
            author="Business services dashboard",
            subject=f"{pack.marking}. {pack.period}. {pack.filters}",
            keywords=[pack.marking, "board pack", pack.period],
            creator="bsdash boardpack",
        )
        self.pack, self.page_count = pack, page_count
        frame = Frame(MARGIN, FOOTER, PAGE[0] - 2 * MARGIN, PAGE[1] - HEADER - FOOTER, id="body", showBoundary=0)
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPageEnd=self._furniture)])

    def _furniture(self, canvas, doc) -> None:
        """Header and footer, drawn once the page's content is placed (so its PageInfo has been seen)."""
        pack = self.pack
        title, sources = getattr(canvas, "_bsdash_page", ("", []))
        width, height = PAGE
        canvas.saveState()
        for y in (height - 7 * mm, 5 * mm):  # the marking, top and bottom, centred on a line of its own
            canvas.setFont(BOLD, 10)
            canvas.setFillColor(MARK_RED)
            canvas.drawCentredString(width / 2, y, pack.marking)
        canvas.setFillColor(INK)
        canvas.setFont(BOLD, 9)
        canvas.drawString(
            MARGIN, height - 12 * mm, _clip(canvas, f"{pack.title}: {title}", width - 2 * MARGIN - 45 * mm)
        )
        canvas.setFont(FONT, 7.5)
        canvas.drawRightString(width - MARGIN, height - 12 * mm, f"Made {pack.made}")
        line = f"{pack.period} · {pack.filters}"
        canvas.drawString(MARGIN, height - 16 * mm, _clip(canvas, line, width - 2 * MARGIN))
        canvas.setFillColor(MUTED)
        as_at = "Data as at: " + " · ".join(pack.as_at)
        canvas.drawString(MARGIN, height - 20 * mm, _clip(canvas, as_at, width - 2 * MARGIN))
        canvas.setStrokeColor(RULE)
        canvas.line(MARGIN, height - HEADER + 4.5 * mm, width - MARGIN, height - HEADER + 4.5 * mm)
        canvas.line(MARGIN, FOOTER - 3 * mm, width - MARGIN, FOOTER - 3 * mm)
        canvas.setFillColor(MUTED)
        names = "Sources (named queries in queries/): " + (", ".join(sources) or "none")
        canvas.setFont(FONT, 6.5)
        for number, text in enumerate(_lines(canvas, names, width - 2 * MARGIN - 30 * mm, 2)):
            canvas.drawString(MARGIN, FOOTER - 6 * mm - number * 8, text)
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(INK)
        canvas.drawRightString(
            width - MARGIN,
            FOOTER - 7 * mm,
            f"Page {doc.page} of {self.page_count}" if self.page_count else f"Page {doc.page}",
        )
        canvas.restoreState()


def _lines(canvas, text: str, room: float, most: int) -> list[str]:
    """`text` broken at its spaces into lines no wider than `room`; the last of `most` lines clipped."""
    lines, current = [], ""
    for word in text.split(" "):
        trial = f"{current} {word}".strip()
        if canvas.stringWidth(trial) <= room or not current:
            current = trial
        else:
            lines.append(current)
            current = word
    lines.append(current)
    return [*lines[: most - 1], _clip(canvas, " ".join(lines[most - 1 :]), room)] if len(lines) > most else lines


def _clip(canvas, text: str, room: float) -> str:
    if canvas.stringWidth(text) <= room:
        return text
    while text and canvas.stringWidth(text + "…") > room:
        text = text[:-1]
    return text + "…"


def render(pack: BoardPack) -> tuple[bytes, int]:
    """The pack as PDF bytes, and its number of pages. Typeset twice: the first pass counts the pages, so that
    every footer can say "Page n of N"."""
    counter = _Pack(io.BytesIO(), pack)
    counter.build(_story(pack))
    out = io.BytesIO()
    _Pack(out, pack, page_count=counter.page).build(_story(pack))
    return out.getvalue(), counter.page


def file_name(period: Period) -> str:
    """board-pack-2024-25.pdf, or board-pack-2024-07-01-to-2024-09-30.pdf for dates."""
    if period.financial_year:
        return f"board-pack-{period.financial_year.replace('/', '-')}.pdf"
    return f"board-pack-{period.date_from.isoformat()}-to-{period.date_to.isoformat()}.pdf"


def audit_entry(
    pack: BoardPack, filters: Filters, data: bytes, pages: int, *, who: str, role: str, place: str, file_name: str
) -> Entry:
    """The audit log's entry for a board pack leaving the dashboard or the shell: its filters, file, SHA-256 and
    number of pages."""
    return Entry(
        who=who,
        role=role,
        action="download",
        what="board pack",
        parameters=filters.params()
        | {"service_types": list(filters.service_types), "provider_types": list(filters.provider_types)},
        file_name=file_name,
        sha256=sha256_of(data),
        row_count=pages,
        outcome="PDF",
        place=place,
    )


def _story(pack: BoardPack) -> list:
    story: list = [PageInfo("Headline figures and what changed", pack.cover_sources), *_cover(pack), PageBreak()]
    for number, page in enumerate(pack.pages):
        story += [PageInfo(page.title, page.sources), *_page(page)]
        if number < len(pack.pages) - 1:
            story.append(PageBreak())
    return story


def _p(text: str, style: ParagraphStyle = BODY) -> Paragraph:
    return Paragraph(escape(text), style)


def _cover(pack: BoardPack) -> list:
    content = [
        _p(pack.title, ParagraphStyle("cover", parent=TITLE, fontSize=22, leading=27)),
        _p(f"{pack.period} · {pack.filters}", BODY),
        _p("Data as at: " + " · ".join(pack.as_at), NOTE),
        Spacer(1, 6 * mm),
    ]
    tiles = [_tile(tile) for tile in pack.headlines]
    rows = [tiles[i : i + 3] for i in range(0, len(tiles), 3)]
    width = (PAGE[0] - 2 * MARGIN) / 3
    grid = Table(rows, colWidths=[width] * 3)
    grid.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOX", (0, 0), (-1, -1), 0.6, RULE),
                ("INNERGRID", (0, 0), (-1, -1), 0.6, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    content.append(grid)
    content.append(Spacer(1, 2 * mm))
    content.append(
        _p(
            "Lights: a circle for on track, a triangle for watch, a square for act, each with its word (never colour "
            "alone); how each is set is at the foot of this page. The same figures as the dashboard's Overview for "
            "this period and these filters.",
            NOTE,
        )
    )
    return content + _what_changed(pack)


def _tile(tile: Headline) -> list:
    parts = [_p(tile.label, LABEL), _p(tile.value, FIGURE)]
    if tile.status is not None:
        light = Table(
            [
                [
                    light_mark(tile.status.level),
                    _p(tile.status.text, ParagraphStyle("light", parent=BODY, fontName=BOLD)),
                ]
            ],
            colWidths=[14, None],
            hAlign="LEFT",
        )
        light.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 1),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ]
            )
        )
        parts += [light, _p(tile.status.reason, SMALL)]
    if tile.delta:
        parts.append(_p(f"Change: {tile.delta}", SMALL))
    if tile.note:
        parts.append(_p(tile.note, SMALL))
    return parts


def _what_changed(pack: BoardPack) -> list:
    content = [Spacer(1, 3 * mm), _p("What changed", HEADING)]
    content += [_p(f"• {line}") for line in pack.summary]
    content += [Spacer(1, 2 * mm), _p("How the traffic lights are set", HEADING)]
    content += [_p(f"• {name}: {rule}", NOTE) for name, rule in pack.thresholds.items()]
    return content


def _page(page: PackPage) -> list:
    content: list = [_p(page.title, TITLE)]
    content += [_p(line) for line in page.lines]
    content.append(Spacer(1, 3 * mm))
    room = PAGE[0] - 2 * MARGIN
    if page.chart is not None and page.grid is not None:
        chart_width = room * 0.42 if page.beside else room * 0.6
        height = max(150.0, min(330.0, 13.0 * len(page.chart.labels) * len(page.chart.series) + 60))
        chart = [_p(page.chart.title, LABEL), bar_chart(page.chart, chart_width - 8, height)]
        table = _grid(page.grid, room - chart_width)
        if page.beside and _height(table, room - chart_width) <= BODY_HEIGHT - _height(content, room) - 8:
            side = Table([[chart, table]], colWidths=[chart_width, room - chart_width])
            side.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
            content.append(side)
        else:  # the table under the chart, at the page's width, running on to the next page if it must
            content += [*chart, Spacer(1, 3 * mm), *_listed(_grid(page.grid, room))]
    elif page.grid is not None:
        content += _listed(_grid(page.grid, room))
    if page.second_grid is not None:
        content += [Spacer(1, 3 * mm), KeepTogether(_listed(_grid(page.second_grid, room)))]
    return content


BODY_HEIGHT = PAGE[1] - HEADER - FOOTER - 12  # the frame's height less its padding


def _height(flowables: list | Flowable, width: float) -> float:
    items = flowables if isinstance(flowables, list) else [flowables]
    return sum(item.wrap(width, 10_000)[1] for item in items)


def _listed(flowables: list | Flowable) -> list:
    return flowables if isinstance(flowables, list) else [flowables]


def _grid(grid: Grid, width: float) -> list | Table:
    cells = [[Paragraph(escape(h), ParagraphStyle("head", parent=SMALL, fontName=BOLD)) for h in grid.headings]]
    for row in grid.rows:
        cells.append(
            [
                Paragraph(escape(text), SMALL_RIGHT if numeric else SMALL)
                for text, numeric in zip(row, grid.numeric, strict=True)
            ]
        )
    weights = grid.weights or [1.0 if numeric else 2.4 for numeric in grid.numeric]
    total = sum(weights)
    table = Table(cells, colWidths=[width * w / total for w in weights], repeatRows=1)
    style = [
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
        ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.2),
    ]
    for number, flagged in enumerate(grid.flagged, start=1):
        if flagged:
            style.append(("BACKGROUND", (0, number), (-1, number), HexColor("#fbe3d6")))
    table.setStyle(TableStyle(style))
    return [table, _p(grid.note, NOTE)] if grid.note else table
