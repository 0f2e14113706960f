"""The board pack: its figures are the figures layer's (so the pack and the pages agree), and the PDF made from
the shell carries them, with the OFFICIAL marking, the period, the as-at dates, its sources and page numbers on
every page, and is recorded in the audit log."""

import io

import pytest
from pypdf import PdfReader

from bsdash import formatting as fmt
from bsdash.analysis.figures.board_pack import board_pack
from bsdash.analysis.figures.overview import overview
from bsdash.analysis.figures.service_levels import service_levels
from bsdash.analysis.figures.spend import spend
from bsdash.cli import main
from bsdash.governance.audit import AuditLog
from tests.analysis.conftest import filters_of, runner_over


@pytest.fixture
def run(sample_con):
    return runner_over(sample_con)


def test_the_packs_headlines_and_pages_are_the_figures_the_pages_show(run):
    filters = filters_of(run, "2024/25")
    pack = board_pack(filters, run)
    shown = overview(filters, run)
    assert [(h.label, h.value, h.status) for h in pack.headlines] == [
        (h.label, h.value, h.status) for h in shown.headlines
    ]
    assert pack.summary == shown.summary
    money = spend(filters, run)
    spend_page = next(p for p in pack.pages if p.title == "Spend against budget and outturn")
    assert f"Outturn: {fmt.money(money.outturn.outturn)}" in " ".join(spend_page.lines)
    budget = money.budget.frame.dropna(subset=["forecast_variance_share"])
    over = budget[budget["forecast_variance"] > 0]
    assert sum(spend_page.chart.flagged[0]) == len(over) > 0  # every overspending department is drawn, hatched
    assert len(spend_page.chart.labels) == len(budget)
    levels = service_levels(filters, run).it.levels.frame
    sla_page = next(p for p in pack.pages if p.title == "Service levels against target")
    assert [row[3] for row in sla_page.grid.rows] == [fmt.percent(v) for v in levels["sla_compliance"]]


def test_the_risks_name_each_overspending_department_missed_priority_and_contract_in_its_lead_time(run):
    filters = filters_of(run, "2024/25")
    pack = board_pack(filters, run)
    keys = {risk.key for risk in pack.risks}
    over = spend(filters, run).budget.frame.query("forecast_variance > 0")
    assert {f"department:{code}" for code in over["department_id"].dropna()} <= keys
    levels = service_levels(filters, run).it.levels.frame
    assert {f"priority:{p}" for p in levels.loc[~levels["target_met"], "priority"]} == {
        key for key in keys if key.startswith("priority:")
    }
    assert [r.level for r in pack.risks] == sorted((r.level for r in pack.risks), key=["act", "watch"].index)


def test_the_pack_made_from_the_shell_carries_the_figures_and_the_marking_on_every_page(
    sample_db, run, tmp_path, monkeypatch, capsys
):
    monkeypatch.setenv("BSDASH_AUDIT_DB", str(tmp_path / "audit.duckdb"))
    out = tmp_path / "pack.pdf"
    assert main(["--db", str(sample_db), "boardpack", "--fy", "2024/25", "--out", str(out)]) == 0
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(out.read_bytes())).pages]
    assert f"written to {out}: {len(pages)} pages" in capsys.readouterr().out
    assert len(pages) >= 6
    for number, text in enumerate(pages, start=1):
        assert text.count("OFFICIAL") >= 2, f"page {number} lacks the marking in its header and footer"
        assert "Financial year 2024/25" in text, f"page {number} does not say its period"
        assert "Data as at: Payments to 31/01/2026" in text
        assert f"Page {number} of {len(pages)}" in text
        assert "Sources (named queries in queries/):" in text
    filters = filters_of(run, "2024/25")
    headline = run("headline_figures", filters.params() | {"as_at": filters.dates.of("contracts")}).iloc[0]
    cover = pages[0]
    assert fmt.money_short(headline["spend"]) in cover  # spend to date, from the named query itself
    assert fmt.percent(headline["sla_compliance"]) in cover
    budget = run("budget_by_department", filters.params() | {"as_at": filters.dates.of("spend")})
    budget = budget.set_index("department_id")
    assert fmt.money(budget.loc["CYB", "budget"]) in " ".join(pages)  # the Cyber Crime Unit's budget, to the pound
    entry = AuditLog(tmp_path / "audit.duckdb").read().iloc[0]
    assert (entry["action"], entry["what"], entry["file_name"], entry["outcome"]) == (
        "download",
        "board pack",
        "pack.pdf",
        "PDF",
    )


def test_an_unknown_department_is_refused_with_the_codes_the_data_knows(sample_db, tmp_path, capsys):
    out = tmp_path / "pack.pdf"
    assert main(["--db", str(sample_db), "boardpack", "--dept", "NOPE", "--out", str(out)]) == 2
    assert "Unknown department NOPE: the data knows CCJ, CYB" in capsys.readouterr().err
    assert not out.exists()
