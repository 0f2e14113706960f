"""Threshold alerts against a local SMTP server in the test process (aiosmtpd), never a real one: the first run
records the state and sends nothing, a run with no change sends nothing, and a change of light after an import
sends one message naming it, with the credentials taken from the environment."""

import email
import email.policy

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from bsdash.analysis import alerts
from bsdash.analysis.figures import Headline
from bsdash.analysis.figures.risks import Risk
from bsdash.analysis.measures import Status
from bsdash.bench.server import free_port
from bsdash.cli import main
from bsdash.ingest.pipeline import import_file
from bsdash.store import db
from tests.ingest.corpus import lines, row


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], str]] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content.decode("utf-8")))
        return "250 OK"


def only_our_credentials(server, session, envelope, mechanism, auth_data):
    return AuthResult(success=(auth_data.login, auth_data.password) == (b"alerts-user", b"s3cret"))


@pytest.fixture
def inbox():
    inbox = Inbox()
    controller = Controller(
        inbox,
        hostname="127.0.0.1",
        port=free_port(),
        authenticator=only_our_credentials,
        auth_require_tls=False,  # loopback, in this process: no certificate to present
    )
    controller.start()
    yield inbox, controller.port
    controller.stop()


@pytest.fixture
def settings(inbox, tmp_path, monkeypatch):
    _, port = inbox
    monkeypatch.setenv("ALERTS_SMTP_USER", "alerts-user")
    monkeypatch.setenv("ALERTS_SMTP_PASSWORD", "s3cret")
    path = tmp_path / "alerts.toml"
    path.write_text(
        f"""
[smtp]
host = "127.0.0.1"
port = {port}
security = "none"
sender = "bsdash@kent.police.uk"
recipients = ["chief.officers@kent.police.uk", "finance@kent.police.uk"]
username_env = "ALERTS_SMTP_USER"
password_env = "ALERTS_SMTP_PASSWORD"

[alerts]
state_file = "{tmp_path / "alerts.json"}"
dashboard_url = "https://bsdash.example.police.uk"
""",
        encoding="utf-8",
    )
    return path


def alerts_run(database, settings, *more: str) -> int:
    return main(["--db", str(database), "alerts", "--config", str(settings), *more])


def test_a_change_of_light_after_an_import_sends_one_message_naming_it(
    writable_sample_db, settings, inbox, capsys, tmp_path
):
    messages = inbox[0].messages
    assert alerts_run(writable_sample_db, settings) == 0
    assert "First run of this selection" in capsys.readouterr().out
    assert alerts_run(writable_sample_db, settings) == 0
    assert "No change since the run of" in capsys.readouterr().out
    assert messages == []  # neither the first run nor a run with no change sends anything

    # The night's import: a £3m payment by the Cyber Crime Unit in January 2026 takes the year's forecast outturn
    # from 100.8 % of budget (watch) past 102 % (act).
    export = tmp_path / "spend-january.csv"
    export.write_text(lines(row("AP-ALERT-1", date="15/01/2026", amount="3000000.00")))
    con = db.connect(writable_sample_db)
    try:
        assert import_file(con, export, "spend").loaded == 1
    finally:
        con.close()
    assert alerts_run(writable_sample_db, settings) == 0
    report = capsys.readouterr().out
    assert "Forecast outturn: watch -> act." in report
    assert len(messages) == 1
    sender, recipients, content = messages[0]
    assert sender == "bsdash@kent.police.uk"
    assert recipients == ["chief.officers@kent.police.uk", "finance@kent.police.uk"]
    message = email.message_from_string(content, policy=email.policy.default)
    assert message["Subject"].startswith("OFFICIAL: business services alerts, 2025/26:")
    body = message.get_content().replace("\r\n", "\n")
    assert body.startswith("OFFICIAL\n") and body.rstrip().endswith("OFFICIAL")
    assert "Forecast outturn: watch -> act." in body
    assert "The Overview: https://bsdash.example.police.uk/?fy=2025-26" in body

    assert alerts_run(writable_sample_db, settings) == 0
    assert len(messages) == 1  # nothing changed since: nothing more is sent


def test_a_setting_naming_an_unset_credential_stops_the_run_and_says_which(sample_db, settings, monkeypatch, capsys):
    monkeypatch.delenv("ALERTS_SMTP_PASSWORD")
    assert alerts_run(sample_db, settings) == 2
    assert "password_env names the environment variable ALERTS_SMTP_PASSWORD, which is not set" in (
        capsys.readouterr().err
    )


def test_since_compares_with_the_last_run_on_or_before_that_day(sample_db, settings, capsys):
    assert alerts_run(sample_db, settings, "--since", "01/01/2020") == 2
    assert "No run of this selection is recorded on or before 01/01/2020" in capsys.readouterr().err


def light(label: str, level: str) -> Headline:
    return Headline(label, "£1.0m", status=Status(level, f"{label} is {level}."))


def test_changes_say_which_lights_moved_and_which_risks_are_new_changed_or_cleared():
    contract = Risk("contract:C-1", "contract", "watch", "Cleaning (C-1)", "Cleaning ends on 30/06/2026.")
    before = alerts.state_of([light("Forecast outturn", "good"), light("Open IT tickets", "act")], [contract])
    overspend = Risk("department:CYB", "department", "act", "Cyber Crime Unit", "Cyber Crime Unit is £1 over.")
    now = alerts.state_of([light("Forecast outturn", "act"), light("Open IT tickets", "act")], [overspend])
    found = [change.text for change in alerts.changes(before, now)]
    assert found == [
        "Forecast outturn: on track -> act. £1.0m. Forecast outturn is act.",
        "New: Department over budget: act. Cyber Crime Unit is £1 over.",
        "Cleared: Contract inside its lead time: Cleaning (C-1) (was watch).",
    ]
    assert alerts.changes(now, now) == []
