"""`python -m bsdash boardpack` and `python -m bsdash alerts`: the board pack and the threshold alerts from the
shell (for a scheduled task after the nightly import)."""

import argparse
import getpass
import sys
import time
from pathlib import Path

from bsdash.analysis.figures.common import FilterError, filters_for
from bsdash.config import database_path
from bsdash.governance.audit import COMMAND_LINE, AuditLog, audit_path
from bsdash.store import db
from bsdash.store.queries import query_runner


def add_verbs(verbs) -> None:
    pack = verbs.add_parser(
        "boardpack", help="write the board pack (PDF) of a financial year, departments and service types"
    )
    _filter_arguments(pack)
    pack.add_argument("--out", type=Path, required=True, help="the PDF to write, for example pack.pdf")
    pack.set_defaults(run=_board_pack)

    alerts = verbs.add_parser(
        "alerts", help="evaluate the traffic lights and risks, report what changed since the last run (and e-mail it)"
    )
    _filter_arguments(alerts)
    alerts.add_argument(
        "--since",
        help="compare with the state of the last run on or before this day (dd/mm/yyyy or yyyy-mm-dd) rather "
        "than the last run",
    )
    alerts.add_argument("--config", type=Path, help="the alerts' settings (default: .streamlit/alerts.toml)")
    alerts.add_argument("--no-mail", action="store_true", help="report here only, even when SMTP is configured")
    alerts.set_defaults(run=_alerts)


def _filter_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--fy", help="financial year, for example 2025/26 (default: the one the data ends in)")
    parser.add_argument("--dept", action="append", default=[], metavar="CODE", help="a department code (repeat)")
    parser.add_argument("--service", action="append", default=[], metavar="CODE", help="a service type (repeat)")
    parser.add_argument(
        "--provider", action="append", default=[], metavar="TYPE", help="internal, collaborated or external (repeat)"
    )


def _database(args: argparse.Namespace) -> Path:
    return args.db or database_path()


def _board_pack(args: argparse.Namespace) -> int:
    from bsdash.analysis.figures.board_pack import board_pack
    from bsdash.reports.board_pack_pdf import audit_entry, render

    started = time.perf_counter()
    con = db.connect(_database(args), read_only=True)
    try:
        run = query_runner(con)
        try:
            filters = filters_for(run, args.fy, tuple(args.dept), tuple(args.service), tuple(args.provider))
        except FilterError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        pack = board_pack(filters, run)
    finally:
        con.close()
    data, pages = render(pack)
    who = getpass.getuser()
    # Recorded before the file is written, as a download from the dashboard is.
    AuditLog(audit_path(_database(args))).append(
        audit_entry(pack, filters, data, pages, who=who, role=COMMAND_LINE, place=COMMAND_LINE, file_name=args.out.name)
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    print(
        f"Board pack for {pack.period} ({pack.filters}) written to {args.out}: {pages} pages, "
        f"{len(data) / 1024:,.0f} KB, in {time.perf_counter() - started:.1f} s."
    )
    return 0


def _alerts(args: argparse.Namespace) -> int:
    from bsdash.reports.alerts import AlertsError, run_alerts

    try:
        return run_alerts(
            _database(args),
            fy=args.fy,
            departments=tuple(args.dept),
            service_types=tuple(args.service),
            provider_types=tuple(args.provider),
            since=args.since,
            config=args.config,
            mail=not args.no_mail,
        )
    except (AlertsError, FilterError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
