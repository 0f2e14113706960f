"""Odd and hostile values (tests/ingest/hostile_values.py): each file is refused with its message, or each of its
rows is loaded with exactly the value written, or quarantined with its reason; never a value coerced, never a
traceback, and the database consistent after each."""

from decimal import Decimal

import pytest

from bsdash.ingest.errors import ExportError, MappingError
from bsdash.ingest.mapping import dump_mapping, parse_mapping
from bsdash.ingest.pipeline import import_file
from bsdash.store.checks import broken_relationships
from tests.conftest import bsdash_cli, table_counts
from tests.ingest.helpers import preview_text
from tests.ingest.hostile_values import CASES, LOADED, ValueCase, dated, semicolons

REFUSED = [c for c in CASES if c.error]
IMPORTED = [c for c in CASES if c.counts]


def test_the_corpus_is_large_and_new():
    from tests.ingest.corpus import CASES as OLD

    assert len(CASES) >= 40
    assert {c.name for c in CASES}.isdisjoint(c.name for c in OLD)
    assert len({c.name for c in CASES}) == len(CASES)
    assert {c.content for c in CASES}.isdisjoint(c.content for c in OLD)


@pytest.mark.parametrize("case", REFUSED, ids=lambda c: c.name)
def test_a_file_refused_for_its_values_says_why_and_changes_nothing(reference_db, tmp_path, monkeypatch, case):
    for name, value in case.environment.items():
        monkeypatch.setenv(name, value)
    before = table_counts(reference_db)
    path = tmp_path / case.name
    path.write_bytes(case.content)
    with pytest.raises(ExportError) as raised:
        import_file(reference_db, path, case.kind)
    assert str(raised.value).startswith(case.name)
    assert case.error in str(raised.value)
    assert table_counts(reference_db) == before


@pytest.mark.parametrize("case", IMPORTED, ids=lambda c: c.name)
def test_each_value_is_loaded_as_written_or_quarantined_with_its_reason(
    reference_db, tmp_path, monkeypatch, case: ValueCase
):
    for name, value in case.environment.items():
        monkeypatch.setenv(name, value)
    if case.kind == "contracts":  # the register's supplier, known before the import
        reference_db.execute("delete from contracts")
    path = tmp_path / case.name
    path.write_bytes(case.content)
    report = import_file(reference_db, path, case.kind)
    assert (report.rows_read, report.loaded, report.quarantined, report.duplicates) == case.counts, report.reasons
    quarantined = reference_db.execute(
        "select reason, list(row_number order by row_number) from quarantine where import_id = $id group by reason",
        {"id": report.import_id},
    ).fetchall()
    assert dict(quarantined) == case.reasons
    rows = reference_db.execute(LOADED[case.kind]).fetchall()
    assert {r[0]: tuple(r[1:]) for r in rows} == case.loaded
    for note in case.notes:
        assert any(note in n for n in report.notes), report.notes
    assert broken_relationships(reference_db) == []


def test_the_command_line_imports_every_file_of_the_corpus_without_a_traceback(tmp_path):
    """Each kind's files in one command, as an analyst would: every file reported, none with a traceback."""
    database = tmp_path / "hostile.duckdb"
    for kind in sorted({c.kind for c in CASES}):
        paths = []
        for case in (c for c in CASES if c.kind == kind and not c.environment):
            paths.append(tmp_path / case.name)
            paths[-1].write_bytes(case.content)
        result = bsdash_cli("--db", str(database), "import", "--kind", kind, *map(str, paths))
        assert "Traceback" not in result.stdout + result.stderr, result.stderr
        for path in paths:
            assert path.name in result.stdout + result.stderr


def test_a_mapping_file_settles_the_decimal_separator_the_values_leave_open(reference_db, tmp_path):
    case = next(c for c in CASES if c.name == "ambiguous-separators.csv")
    path = tmp_path / case.name
    path.write_bytes(case.content)
    report = import_file(reference_db, path, "spend", mapping=parse_mapping({"decimal": "."}, "points.toml"))
    assert report.quarantined == 0, report.reasons
    amounts = dict(reference_db.execute("select transaction_number, amount::varchar from spend").fetchall())
    assert amounts == {"AP1": "1234.00", "AP2": "2.50", "AP3": "500.00", "AP4": "12345.00"}


def test_a_mapping_file_says_which_separators_it_accepts():
    with pytest.raises(MappingError) as raised:
        parse_mapping({"decimal": "comma"}, "bad.toml")
    assert str(raised.value) == 'bad.toml: decimal must be "." or ",", not \'comma\'.'
    assert 'decimal = ","' in dump_mapping(parse_mapping({"decimal": ","}, "commas.toml"))


def test_a_total_row_is_read_as_the_file_reads_its_amounts(reference_db, tmp_path):
    text = semicolons("1.234,56", "1.234,56") + ";;;;;Total;2.469,12\nGrand total: 2.469,12\n"
    path = tmp_path / "european-totals.csv"
    path.write_text(text, encoding="utf-8")
    report = import_file(reference_db, path, "spend")
    assert report.loaded == 2 and report.reasons == {"totals row": 2}
    assert report.money.loaded == Decimal("2469.12")
    assert report.money.file_total == Decimal("2469.12")
    assert report.money.total_rows == [4, 5]


def test_the_preview_reads_values_as_the_import_will(tmp_path):
    preview = preview_text(tmp_path, semicolons("1.234,56", "12,5", "1.234"), "spend")
    amount = next(c for c in preview.columns if c.ours == "Amount")
    assert amount.readable == 3
    assert "Amount: read with a decimal comma (1.234,56 is 1234.56), as its values show" in preview.notes
    preview = preview_text(tmp_path, dated("05/03/24", "31/12/23"), "spend")
    assert next(c for c in preview.columns if c.ours == "Paid Date").readable == 2
    assert any(n.startswith("Paid Date: every date has a two-digit year") for n in preview.notes)
