"""Printing a page (Chromium's print to PDF, A4) leaves out the sidebar and the toolbars and keeps every chart
whole, read on the printed pages themselves: nothing of the sidebar is in their text, nothing is drawn past the
paper's right edge (before this work the main pane ran on past it: Capital and revenue and the suppliers' bars
were cut off, and the budget chart lost its overspending departments' bars), and the budget chart's figure for
every overspending department is printed."""

import io

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from bsdash.analysis.figures.spend import spend
from tests.analysis.conftest import filters_of, runner_over
from tests.browser.conftest import wait_until_drawn

pytestmark = pytest.mark.browser
SIDEBAR = ("Filters", "Provider type", "Data explorer", "Outsourcing before & after", "View 3 more", "Planning")


def _times(m: list[float], n: list[float]) -> list[float]:
    a, b, c, d, e, f = m
    g, h, i, j, k, l = n  # noqa: E741 (the matrix's usual letters)
    return [a * g + b * i, a * h + b * j, c * g + d * i, c * h + d * j, e * g + f * i + k, e * h + f * j + l]


def right_edge(reader: PdfReader, sheet) -> float:
    """How far right anything is drawn on a printed page, in points: every path point and rectangle and every
    text's start, through the page's transformation matrices."""
    ctm, saved, edge = [1.0, 0, 0, 1.0, 0, 0], [], 0.0
    for operands, operator in ContentStream(sheet.get_contents(), reader).operations:
        if operator == b"q":
            saved.append(ctm)
        elif operator == b"Q":
            ctm = saved.pop()
        elif operator == b"cm":
            ctm = _times([float(v) for v in operands], ctm)
        elif operator in (b"m", b"l", b"re", b"Tm"):
            x, y = (float(v) for v in (operands[4:6] if operator == b"Tm" else operands[:2]))
            if operator == b"re":
                x += float(operands[2])
            edge = max(edge, _times([1, 0, 0, 1, x, y], ctm)[4])
    return edge


def printed(page, url: str) -> str:
    """The page printed to PDF on A4: checks that nothing is drawn past any sheet's right edge, returns the text."""
    page.goto(url)
    page.locator("h1").first.wait_for(timeout=90_000)
    wait_until_drawn(page)
    page.wait_for_timeout(500)  # the page's script gives each chart its scale on the next frame
    reader = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    for number, sheet in enumerate(reader.pages, start=1):
        width = float(sheet.mediabox.width)
        assert right_edge(reader, sheet) <= width, f"sheet {number}: drawn past the paper's right edge"
    text = "\n".join(sheet.extract_text() for sheet in reader.pages)
    for word in SIDEBAR:
        assert word not in text, f"the sidebar's {word!r} is printed"
    assert "Download" not in text  # no buttons on paper
    return text


def test_spend_and_budgets_prints_whole_with_every_overspending_department(page, dashboard_url, sample_con):
    text = "".join(printed(page, f"{dashboard_url}/spend?fy=2024-25").split())
    run = runner_over(sample_con)
    budget = spend(filters_of(run, "2024/25"), run).budget.frame.query("forecast_variance > 0")
    assert len(budget) >= 3
    for share in budget["forecast_variance_share"]:
        assert f"{100 * share:+.1f}%" in text  # the figure written at the end of each overspending bar


def test_the_overview_prints_without_sidebar_or_toolbars(page, dashboard_url):
    text = printed(page, f"{dashboard_url}/?fy=2024-25")
    assert "Business services overview" in text and "Board pack" not in text
