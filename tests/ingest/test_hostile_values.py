"""Odd and hostile values (tests/ingest/hostile_values.py): each file is refused with its message, or each of its
rows is loaded with exactly the value written, or quarantined with its reason; never a value coerced, never a
traceback, and the database consistent after each."""

import pytest

from bsdash.ingest.errors import ExportError
from bsdash.ingest.pipeline import import_file
from bsdash.store.checks import broken_relationships
from tests.conftest import bsdash_cli, table_counts
from tests.ingest.hostile_values import CASES, LOADED, ValueCase

REFUSED = [c for c in CASES if c.error]
IMPORTED = [c for c in CASES if c.counts]


def test_the_corpus_is_large_and_new():
    from tests.corpus import CASES as OLD

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
