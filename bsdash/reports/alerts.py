"""`python -m bsdash alerts`: evaluate the lights and risks, say what changed since the last run, and e-mail it.

Meant for a scheduled task after the nightly import (cron, Windows Task Scheduler). Each run's state is kept in a
small JSON file beside the data (`<database>.alerts.json`, or `[alerts] state_file`), per selection of period
and filters, so that the next run compares with it; `--since` compares with the last run on or before a day.
The message goes by e-mail when the settings file has an `[smtp]` section (see the README); its credentials come
from environment variables it names, never from the file. The state is saved only once the message is sent, so
a failed send is reported again by the next run.
"""

import json
import os
import smtplib
import ssl
import tomllib
from dataclasses import dataclass
from datetime import date, datetime
from email.message import EmailMessage
from pathlib import Path

from bsdash.analysis import alerts
from bsdash.analysis.figures.board_pack import MARKING, leadership
from bsdash.analysis.figures.common import filters_for
from bsdash.config import ROOT
from bsdash.formatting import uk_date
from bsdash.store import db
from bsdash.store.queries import query_runner

DEFAULT_CONFIG = ROOT / ".streamlit" / "alerts.toml"
KEEP_RUNS = 400  # runs kept per selection in the state file
SECURITY = ("starttls", "ssl", "none")


class AlertsError(Exception):
    """A settings file that cannot be used, or a `--since` with no run to compare with."""


@dataclass(frozen=True)
class Smtp:
    host: str
    port: int
    security: str  # starttls, ssl or none
    sender: str
    recipients: tuple[str, ...]
    username: str | None = None
    password: str | None = None
    timeout: float = 30.0


@dataclass(frozen=True)
class Settings:
    smtp: Smtp | None
    state_file: Path | None
    dashboard_url: str | None


def config_path(given: Path | None) -> Path:
    return given or Path(os.environ.get("BSDASH_ALERTS_CONFIG") or DEFAULT_CONFIG)


def load_settings(path: Path) -> Settings:
    """The settings file; none at all means no e-mail. A file with a fault stops the run and names it."""
    if not path.exists():
        return Settings(None, None, None)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise AlertsError(f"{path} is not valid TOML: {error}") from error
    unknown = set(data) - {"smtp", "alerts"}
    if unknown:
        raise AlertsError(f"{path}: unknown section {', '.join(sorted(unknown))} (expected [smtp] and [alerts]).")
    section = data.get("alerts", {})
    state = section.get("state_file")
    return Settings(
        _smtp(path, data["smtp"]) if "smtp" in data else None,
        (Path(state) if Path(state).is_absolute() else ROOT / state) if state else None,
        section.get("dashboard_url"),
    )


def _smtp(path: Path, section: dict) -> Smtp:
    missing = [key for key in ("host", "sender", "recipients") if not section.get(key)]
    if missing:
        raise AlertsError(f"{path}: [smtp] needs {', '.join(missing)}.")
    security = str(section.get("security", "starttls")).lower()
    if security not in SECURITY:
        raise AlertsError(f"{path}: [smtp] security must be one of {', '.join(SECURITY)}, not '{security}'.")
    recipients = section["recipients"]
    recipients = (recipients,) if isinstance(recipients, str) else tuple(recipients)
    credentials = []
    for key in ("username_env", "password_env"):
        name = section.get(key)
        if name and name not in os.environ:
            raise AlertsError(f"{path}: [smtp] {key} names the environment variable {name}, which is not set.")
        credentials.append(os.environ[name] if name else None)
    return Smtp(
        host=str(section["host"]),
        port=int(section.get("port", 465 if security == "ssl" else 587 if security == "starttls" else 25)),
        security=security,
        sender=str(section["sender"]),
        recipients=recipients,
        username=credentials[0],
        password=credentials[1],
        timeout=float(section.get("timeout_seconds", 30)),
    )


def state_path(database: Path, settings: Settings) -> Path:
    return settings.state_file or database.with_name(f"{database.stem}.alerts.json")


def run_alerts(
    database: Path,
    *,
    fy: str | None = None,
    departments: tuple[str, ...] = (),
    service_types: tuple[str, ...] = (),
    provider_types: tuple[str, ...] = (),
    since: str | None = None,
    config: Path | None = None,
    mail: bool = True,
    now: datetime | None = None,
) -> int:
    """Evaluate, compare, report (and send); 0 when done, 1 when the message could not be sent."""
    settings = load_settings(config_path(config))
    now = now or datetime.now()
    con = db.connect(database, read_only=True)
    try:
        run = query_runner(con)
        filters = filters_for(run, fy, departments, service_types, provider_types)
        current, heading = _evaluate(filters, run)
    finally:
        con.close()
    scope = "|".join([filters.period.label, ",".join(departments), ",".join(service_types), ",".join(provider_types)])
    path = state_path(database, settings)
    runs = _read_runs(path)
    earlier = [r for r in runs.get(scope, []) if since is None or r["at"][:10] <= _day(since).isoformat()]
    if since is not None and not earlier:
        raise AlertsError(
            f"No run of this selection is recorded on or before {uk_date(_day(since))}"
            + (
                f"; the first was on {uk_date(date.fromisoformat(runs[scope][0]['at'][:10]))}."
                if runs.get(scope)
                else "."
            )
        )
    before = earlier[-1] if earlier else None
    text, found = _report(heading, before, current)
    print(text)
    if found and before is not None and mail and settings.smtp is not None:
        try:
            send(settings.smtp, _subject(filters.period.label, found), _body(text, settings, filters))
        except (OSError, smtplib.SMTPException) as error:
            print(f"error: the message could not be sent ({error}); the next run will report these changes again.")
            return 1
        print(f"Sent to {', '.join(settings.smtp.recipients)}.")
    elif found and before is not None and mail:
        print("SMTP is not configured (see the README, Threshold alerts): reported here only.")
    runs.setdefault(scope, []).append({"at": now.isoformat(timespec="seconds"), "state": _saved(current)})
    runs[scope] = runs[scope][-KEEP_RUNS:]
    _write_runs(path, runs)
    return 0


def _evaluate(filters, run) -> tuple[dict[str, alerts.Item], list[str]]:
    seen = leadership(filters, run)
    return alerts.state_of(seen.overview.headlines, seen.risks), [f"Business services alerts: {' · '.join(seen.words)}"]


def _report(heading: list[str], before: dict | None, current: dict[str, alerts.Item]) -> tuple[str, list]:
    lines = [MARKING, *heading]
    if before is None:
        found: list = []
        lines.append("First run of this selection: nothing to compare with yet; its state is recorded.")
        lines += [f"- {alerts.line(item)}" for item in current.values()]
    else:
        found = alerts.changes(alerts.items_from(before["state"]), current)
        when = datetime.fromisoformat(before["at"]).strftime("%d/%m/%Y %H:%M")
        if found:
            lines.append(f"{len(found)} change{'s' if len(found) != 1 else ''} since the run of {when}:")
            lines += [f"- {change.text}" for change in found]
        else:
            lines.append(f"No change since the run of {when}.")
    lines += [alerts.overview_line(current), MARKING]
    return "\n".join(lines), found


def _subject(period: str, found: list) -> str:
    return f"{MARKING}: business services alerts, {period}: {len(found)} change{'s' if len(found) != 1 else ''}"


def _body(text: str, settings: Settings, filters) -> str:
    if not settings.dashboard_url:
        return text
    link = f"{settings.dashboard_url.rstrip('/')}/?fy={filters.period.label.replace('/', '-')}"
    return (
        text.replace(f"\n{MARKING}", f"\nThe Overview: {link}\n{MARKING}", 1) if filters.period.financial_year else text
    )


def send(smtp: Smtp, subject: str, body: str) -> None:
    """One message to every recipient."""
    message = EmailMessage()
    message["Subject"], message["From"], message["To"] = subject, smtp.sender, ", ".join(smtp.recipients)
    message.set_content(body)
    context = ssl.create_default_context()
    if smtp.security == "ssl":
        server = smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=smtp.timeout, context=context)
    else:
        server = smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout)
    with server:
        if smtp.security == "starttls":
            server.starttls(context=context)
        if smtp.username:
            server.login(smtp.username, smtp.password or "")
        server.send_message(message)


def _saved(state: dict[str, alerts.Item]) -> dict[str, dict[str, str]]:
    return {key: item.as_dict() for key, item in state.items()}


def _read_runs(path: Path) -> dict[str, list[dict]]:
    if not path.exists():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))["runs"]
    except (json.JSONDecodeError, KeyError, TypeError) as error:
        raise AlertsError(
            f"The alerts' state file {path} cannot be read ({error}): move it aside to start afresh."
        ) from error


def _write_runs(path: Path, runs: dict[str, list[dict]]) -> None:
    """Written to a new file and moved into place, so that a run killed half-way leaves the last state whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps({"runs": runs}, indent=1, ensure_ascii=False), encoding="utf-8")
    partial.replace(path)


def _day(text: str) -> date:
    for parse in (date.fromisoformat, lambda t: datetime.strptime(t, "%d/%m/%Y").date()):
        try:
            return parse(text.strip())
        except ValueError:
            continue
    raise AlertsError(f"--since '{text}' is not a day: write it dd/mm/yyyy or yyyy-mm-dd.")
