"""Odd and hostile files (tests/ingest/hostile_read.py): each is refused with its message or read with every row
accounted for, its values as written; nothing raises anything but a clear message. And the accounting itself:
when the rows read and the file's own rows part, the file stops there and nothing is written."""

from pathlib import Path

import pytest

from bsdash import cli
from bsdash.ingest import pipeline, text_rows
from bsdash.ingest.errors import ExportError
from bsdash.ingest.pipeline import import_file
from tests.conftest import assert_every_row_accounted, bsdash_cli, table_counts
from tests.ingest.corpus import CASES as EARLIER_CASES
from tests.ingest.corpus import lines, row
from tests.ingest.hostile_read import CASES, IMPORTED, REFUSED, Hostile

SMALL = 1 << 20


def write(case: Hostile, folder: Path) -> tuple[Path, dict]:
    built = case.make()
    path = folder / case.name
    path.write_bytes(built.content)
    return path, built.loaded


def test_the_corpus_holds_forty_new_files_of_every_outcome():
    assert len(CASES) >= 40
    assert len({c.name for c in CASES}) == len(CASES)
    assert {c.outcome for c in CASES} == {"loaded", "quarantined", "refused"}
    earlier = {c.content for c in EARLIER_CASES}
    assert not [c.name for c in CASES if c.make().content in earlier]


@pytest.mark.parametrize("case", REFUSED, ids=lambda c: c.name)
def test_a_hostile_file_that_cannot_be_imported_says_why_and_changes_nothing(reference_db, tmp_path, case):
    before = table_counts(reference_db)
    path, _ = write(case, tmp_path)
    with pytest.raises(ExportError) as raised:
        import_file(reference_db, path, "spend")
    assert case.error in str(raised.value)
    assert str(raised.value).startswith(case.name)
    assert table_counts(reference_db) == before


@pytest.mark.parametrize("case", IMPORTED, ids=lambda c: c.name)
def test_every_row_of_a_hostile_file_is_loaded_as_written_or_quarantined_with_its_reason(reference_db, tmp_path, case):
    path, loaded = write(case, tmp_path)
    report = import_file(reference_db, path, "spend")
    assert (report.rows_read, report.loaded, report.quarantined, report.duplicates) == case.counts, report.reasons
    assert report.header_row == case.header_row
    quarantined = dict(
        reference_db.execute(
            "select reason, list(row_number order by row_number) from quarantine where import_id = $id group by 1",
            {"id": report.import_id},
        ).fetchall()
    )
    assert sum(len(rows) for rows in quarantined.values()) == report.quarantined
    for start, rows in case.reasons.items():
        named = [reason for reason in quarantined if reason.startswith(start)]
        assert len(named) == 1, (start, quarantined)
        assert quarantined[named[0]] == rows
    assert len(quarantined) == len(case.reasons), quarantined
    values = reference_db.execute("select transaction_number, supplier_name, amount::varchar from spend").fetchall()
    assert {number: (supplier, amount) for number, supplier, amount in values} == loaded
    told = "\n".join(report.layout_lines())
    for note in case.notes:
        assert note in told
    assert_every_row_accounted(reference_db, report)


def test_the_command_line_reads_every_small_hostile_file_and_never_shows_a_traceback(writable_sample_db, tmp_path):
    small = [c for c in CASES if len(c.make().content) < SMALL]
    paths = [write(case, tmp_path)[0] for case in small]
    done = bsdash_cli("--db", str(writable_sample_db), "import", "--kind", "spend", "--quiet", *map(str, paths))
    assert "Traceback" not in done.stderr + done.stdout
    assert done.returncode == 1  # some files cannot be imported, and it says so
    for case in small:
        if case.error:
            assert f"error: {case.name}: " in done.stderr
        else:
            assert f"{case.name}: spend, read {case.counts[0]:,}, " in done.stdout


def _reader_losing_row(row_number: int):
    read = text_rows._read

    def losing(con, trip, scan):
        read(con, trip, scan)
        con.execute("delete from src where _row = $row", {"row": row_number})

    return losing


def test_rows_the_reader_loses_stop_the_file_at_the_first_row_where_it_and_the_file_part(
    reference_db, tmp_path, monkeypatch
):
    path = tmp_path / "spend.csv"
    path.write_text(lines(*[row(f"AP{i}") for i in range(1, 9)]))
    before = table_counts(reference_db)
    monkeypatch.setattr(text_rows, "_read", _reader_losing_row(5))
    with pytest.raises(ExportError) as raised:
        import_file(reference_db, path, "spend")
    message = str(raised.value)
    assert message.startswith("spend.csv: the rows read and the file's own rows part at row 5")
    assert "the file has 8 rows below its header, and 7 were read" in message
    assert "row 5 is '03/04/2024,AP4,Cyber Crime Unit" in message
    assert table_counts(reference_db) == before


def test_a_fault_nobody_foresaw_is_one_message_on_the_command_line_and_the_next_file_is_imported(
    writable_sample_db, tmp_path, monkeypatch, capsys
):
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    first.write_text(lines(row("AP9001")))
    second.write_text(lines(row("AP9002")))
    stages = pipeline.WRITING

    def broken(trip):
        if trip.file_name == "first.csv":
            raise RuntimeError("disk full")

    monkeypatch.setattr(pipeline, "WRITING", (broken, *stages))
    code = cli.main(["--db", str(writable_sample_db), "import", "--kind", "spend", str(first), str(second)])
    out, err = capsys.readouterr()
    assert code == 1
    assert "error: first.csv: the import stopped on an unexpected fault (RuntimeError: disk full). Nothing was " in err
    assert "Traceback" not in err
    assert "second.csv: spend, read 1, loaded 1" in out
