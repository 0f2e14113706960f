"""Each export's own day on the Overview: a spend file a week ahead of the tickets leaves every ticket figure as
it was, and the page says which export is behind."""

from streamlit.testing.v1 import AppTest

from tests.analysis.conftest import import_spend_a_week_ahead
from tests.pages.conftest import ROOT


def overview(database, monkeypatch) -> AppTest:
    monkeypatch.setenv("BSDASH_DB", str(database))
    monkeypatch.chdir(ROOT)
    test = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    test.query_params["fy"] = "2025-26"
    return test.run()


def test_a_spend_export_a_week_ahead_moves_no_ticket_tile_and_the_notice_names_the_tickets(
    sample_db, writable_sample_db, tmp_path, monkeypatch
):
    # The copy is written before the dashboard opens it (it holds its file open, read-only, once it has).
    before = overview(sample_db, monkeypatch)
    tiles_before = {m.label: (m.value, m.delta) for m in before.metric}
    assert not [w.value for w in before.warning if "behind" in w.value]

    import_spend_a_week_ahead(writable_sample_db, tmp_path)

    after = overview(writable_sample_db, monkeypatch)
    tiles_after = {m.label: (m.value, m.delta) for m in after.metric}
    for label in ("IT SLA compliance", "Open IT tickets"):
        assert tiles_after[label] == tiles_before[label]
    notice = next(w.value for w in after.warning if "behind" in w.value)
    assert notice.startswith("The tickets and service levels exports end on 31/01/2026, 7 days behind the payments")
    assert any("Payments to 07/02/2026 · Tickets to 31/01/2026" in c.value for c in after.caption)
