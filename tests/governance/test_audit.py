"""The audit log: entries are added, read back newest first, narrowed as the administrator's page narrows them."""

import json
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest

from bsdash.governance.audit import AuditLog, Entry, audit_path, sha256_of


def download(who: str, what: str, rows: int, **parameters) -> Entry:
    return Entry(
        who=who,
        role="analyst",
        action="download",
        what=what,
        file_name=f"{what}.csv",
        row_count=rows,
        outcome="CSV",
        place="/explorer",
        parameters=parameters,
        sha256=sha256_of(what.encode()),
    )


def test_the_log_lives_beside_the_data_in_a_file_of_its_own(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("BSDASH_AUDIT_DB", raising=False)
    assert audit_path(Path("/srv/data/bsdash.duckdb")) == Path("/srv/data/bsdash.audit.duckdb")
    monkeypatch.setenv("BSDASH_AUDIT_DB", "/var/log/bsdash-audit.duckdb")
    assert audit_path(Path("/srv/data/bsdash.duckdb")) == Path("/var/log/bsdash-audit.duckdb")


def test_entries_read_back_newest_first_with_their_parameters(tmp_path: Path):
    log = AuditLog(tmp_path / "audit.duckdb")
    assert log.count() == 0 and log.read().empty  # no file yet: an empty log, not an error
    first = log.append(download("sam@kent.police.uk", "payments", 120, departments=["CYB"], date_from=date(2024, 4, 1)))
    second = log.append(download("alex@kent.police.uk", "ticket_list", 7))
    assert second == first + 1
    entries = log.read()
    assert list(entries["audit_id"]) == [second, first]
    newest, oldest = entries.iloc[0], entries.iloc[1]
    assert (newest["who"], newest["what"], newest["row_count"]) == ("alex@kent.police.uk", "ticket_list", 7)
    assert json.loads(oldest["parameters"]) == {"date_from": "2024-04-01", "departments": ["CYB"]}
    assert oldest["sha256"] == sha256_of(b"payments")
    assert log.people() == ["alex@kent.police.uk", "sam@kent.police.uk"]


def test_the_log_is_narrowed_by_day_person_action_and_text(tmp_path: Path):
    log = AuditLog(tmp_path / "audit.duckdb")
    log.append(download("sam@kent.police.uk", "payments", 120, departments=["NPT-CAN"]))
    log.append(download("alex@kent.police.uk", "ticket_list", 7))
    today = date.today()
    assert len(log.read(date_from=today, date_to=today)) == 2
    assert log.read(date_from=today + timedelta(days=1)).empty
    assert log.read(date_to=today - timedelta(days=1)).empty
    assert list(log.read(who=["sam@kent.police.uk"])["what"]) == ["payments"]
    assert log.read(actions=["import"]).empty
    assert list(log.read(containing="npt-can")["what"]) == ["payments"]  # found in the parameters
    assert list(log.read(containing="TICKET")["what"]) == ["ticket_list"]


def test_an_entry_the_log_does_not_know_how_to_read_is_refused(tmp_path: Path):
    log = AuditLog(tmp_path / "audit.duckdb")
    with pytest.raises(duckdb.ConstraintException):
        log.append(
            Entry(
                who="x", role="analyst", action="delete", what="spend", file_name="", row_count=0, outcome="", place=""
            )
        )
    assert log.count() == 0
