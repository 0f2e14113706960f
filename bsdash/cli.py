"""`python -m bsdash <verb>`: build the sample, import exports, run named queries, check the data contract."""

import argparse
import getpass
import os
import signal
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from bsdash.config import SAMPLE_DIR, database_path
from bsdash.governance.audit import COMMAND_LINE, AuditLog, Entry, audit_path, import_entry
from bsdash.ingest.errors import ExportError, failure_message, said
from bsdash.ingest.kinds import KINDS
from bsdash.ingest.mapping import Mapping, load_mapping
from bsdash.ingest.pipeline import import_file
from bsdash.ingest.report import ImportReport
from bsdash.reports import commands as reports
from bsdash.store import db
from bsdash.store.checks import contract_problems
from bsdash.store.queries import QueryError, Registry
from bsdash.store.writer import StoppedOnceInPlace, writing


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except (db.DatabaseError, QueryError, ExportError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except StoppedOnceInPlace:
        print("Stopped once what was written was in place: the database holds it, whole.", file=sys.stderr)
        return 130
    except duckdb.InterruptException:  # a stop asked while DuckDB was running a query
        print("Stopped: nothing was written, the database is as it was.", file=sys.stderr)
        return 130
    except KeyboardInterrupt:
        print("Stopped: nothing was written, the database is as it was.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`bsdash query ... | head`): stop quietly, as other shell tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as error:  # a fault nobody foresaw: one line saying so (the traceback with BSDASH_DEBUG=1)
        if os.environ.get("BSDASH_DEBUG"):
            raise
        print(f"error: an unexpected fault stopped bsdash ({type(error).__name__}: {said(error)}).", file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bsdash", description=__doc__)
    parser.add_argument("--db", type=Path, help="database file (default: $BSDASH_DB or data/bsdash.duckdb)")
    verbs = parser.add_subparsers(required=True, metavar="verb")

    sample = verbs.add_parser("sample", help="write the sample exports and build the database from them")
    sample.add_argument(
        "--scale",
        type=float,
        default=1.0,
        help="multiplies payment and ticket volumes (1: ~115,000 payments; 80: ~10 million)",
    )
    sample.add_argument("--ticket-scale", type=float, help="multiplies ticket volume alone (default: --scale)")
    sample.add_argument("--seed", type=int, default=None, help="random seed: the same seed gives the same files")
    sample.add_argument("--out", type=Path, default=SAMPLE_DIR, help="where to write the exports (data/sample)")
    sample.add_argument("--verbose", action="store_true", help="one line per imported file")
    sample.set_defaults(run=_sample)

    imp = verbs.add_parser("import", help="import export files of one kind")
    imp.add_argument("--kind", required=True, choices=sorted(KINDS), help="what the files hold")
    imp.add_argument(
        "--force", action="store_true", help="read a file again even though the same content was imported before"
    )
    imp.add_argument(
        "--mapping", type=Path, help="a mapping file (TOML) for layouts detection cannot settle; see the README"
    )
    imp.add_argument("--dry-run", action="store_true", help="show how each file would be read, and write nothing")
    imp.add_argument("--quiet", action="store_true", help="one line per file, without the columns used")
    imp.add_argument("files", nargs="+", type=Path)
    imp.set_defaults(run=_import)

    query = verbs.add_parser("query", help="run a named query from queries/")
    query.add_argument("name", nargs="?", help="the query's name (leave out to list them)")
    query.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a parameter; lists are comma-separated, dates dd/mm/yyyy or yyyy-mm-dd",
    )
    query.add_argument("--format", choices=("table", "csv"), default="table")
    query.set_defaults(run=_query)

    layouts = verbs.add_parser("layouts", help="the columns each kind of export needs, and their other names")
    layouts.add_argument("kind", nargs="?", choices=sorted(KINDS), help="one kind (default: all)")
    layouts.set_defaults(run=_layouts)

    workforce = verbs.add_parser(
        "workforce",
        help="read a Home Office police workforce workbook (ODS) into a force_workforce export (CSV) to import",
    )
    workforce.add_argument("workbook", type=Path, help="for example police-workforce-sep19-tables.ods")
    workforce.add_argument("--out", type=Path, help="the CSV to write (default: standard output)")
    workforce.set_defaults(run=_workforce)

    check = verbs.add_parser("check", help="verify the relationships of the high-volume tables")
    check.set_defaults(run=_check)

    bench = verbs.add_parser(
        "bench", help="measure the queries, the import and the dashboard in a browser at a given scale"
    )
    bench.add_argument(
        "--scale", type=float, default=80.0, help="sample scale of the payments (80: ~10 million; the default)"
    )
    bench.add_argument(
        "--ticket-scale", type=float, help="sample scale of the tickets (default: in proportion, ~2 million at 80)"
    )
    bench.add_argument("--json", type=Path, help="also write the figures to this file as JSON")
    bench.add_argument(
        "--folder", type=Path, help="where the sample and its database are built and reused (data/bench/scale-N)"
    )
    bench.add_argument("--repeat", type=int, default=20, help="warm runs of each query (default 20)")
    bench.add_argument("--pandas-repeat", type=int, default=3, help="runs of each pandas computation (default 3)")
    bench.add_argument("--browser-repeat", type=int, default=3, help="openings of each page (default 3)")
    bench.add_argument(
        "--protocol-sessions",
        type=_levels,
        default="10,25,50",
        help="the load test's numbers of sessions at once, comma-separated (default 10,25,50; 0: no load test)",
    )
    bench.add_argument(
        "--protocol-changes", type=int, default=4, help="filter changes per session in the load test (default 4)"
    )
    bench.add_argument(
        "--cpu-changes", type=int, default=40, help="filter changes timed for the server's CPU per change (default 40)"
    )
    bench.add_argument(
        "--processes",
        type=int,
        default=2,
        help="dashboard processes behind nginx for the deployment's figures (default 2; 0: leave nginx out)",
    )
    bench.add_argument("--pages", type=int, help="open only the first N pages of the navigation (default: all)")
    bench.add_argument(
        "--import-rows", type=int, help="payments in the export whose import is timed (default: a million)"
    )
    bench.add_argument(
        "--warm",
        choices=("all", "years"),
        default="all",
        help="what the servers warm before they are measured: every year for all departments and for each (all, "
        "the default, as the dashboard runs), or for all departments only (years: quicker)",
    )
    bench.add_argument("--no-browser", action="store_true", help="leave out the browser measurements")
    bench.set_defaults(run=_bench)

    deploy = verbs.add_parser(
        "deploy",
        help="write the nginx configuration for several dashboard processes behind one address",
        description="Writes, into --out: bsdash.conf (nginx's site: the processes, sticky sessions, compression, "
        "cache headers, websockets), nginx.conf (an nginx of its own serving that site), bsdash@.service (a "
        "systemd unit for the processes) and static/ (Streamlit's files, compressed once).",
    )
    deploy.add_argument("--out", type=Path, required=True, help="the folder to write (nginx must be able to read it)")
    deploy.add_argument("--processes", type=int, default=2, help="dashboard processes (default 2)")
    deploy.add_argument(
        "--first-port", type=int, default=8501, help="the first process's port; the others follow (default 8501)"
    )
    deploy.add_argument("--listen", default="80", help="nginx's address: 80, 443, 10.0.0.5:8080 (default 80)")
    deploy.add_argument("--server-name", default="_", help="the site's host name (default: any)")
    deploy.add_argument("--certificate", type=Path, help="TLS certificate (PEM, with its chain); turns HTTPS on")
    deploy.add_argument("--certificate-key", type=Path, help="the certificate's private key (PEM)")
    deploy.add_argument("--log-dir", type=Path, help="where nginx writes the site's logs (default: --out)")
    deploy.set_defaults(run=_deploy)

    reports.add_verbs(verbs)

    warm = verbs.add_parser(
        "warm-up",
        help="open a dashboard's start page once, so that its figures are made before anyone asks",
        description="A dashboard process starts making the figures people ask for most (every financial year, for "
        "all departments and for each) at its first page run. This opens its start page once, as a browser "
        "would, as soon as it answers: the deploy command's systemd unit runs it after starting each process.",
    )
    warm.add_argument("--url", required=True, help="the process's own address, e.g. http://127.0.0.1:8501")
    warm.set_defaults(run=_warm_up)

    schema = verbs.add_parser("schema", help="print the data contract, column by column")
    schema.add_argument("--markdown", action="store_true", help="as the Markdown of data/README.md")
    schema.set_defaults(run=_schema)
    return parser


def _database(args: argparse.Namespace) -> Path:
    return args.db or database_path()


def _sample(args: argparse.Namespace) -> int:
    from bsdash import sample  # numpy and the generator are needed only here

    started = time.perf_counter()
    target = _database(args)

    def progress(fraction: float, message: str) -> None:
        print(f"[{fraction:4.0%}] {message}", file=sys.stderr, flush=True)

    seed = sample.DEFAULT_SEED if args.seed is None else args.seed
    reports = sample.build(
        target,
        scale=args.scale,
        ticket_scale=args.ticket_scale,
        seed=seed,
        out_dir=args.out,
        progress=progress if args.verbose else _stages(progress),
    )
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    for report in reports:
        if args.verbose:
            print(report.summary())
        row = totals[report.kind]
        for i, value in enumerate((1, report.rows_read, report.loaded, report.quarantined, report.duplicates)):
            row[i] += value
    for kind, (files, read, loaded, quarantined, duplicates) in totals.items():
        print(
            f"{kind:13} {files:3} file{'s' if files > 1 else ' '}  read {read:>10,}  loaded {loaded:>10,}  "
            f"quarantined {quarantined:>6,}  duplicates {duplicates:>6,}"
        )
    print(f"Sample database written to {target} in {time.perf_counter() - started:.0f} s (exports in {args.out}).")
    return 0


def _stages(progress):
    """Progress without a line per imported file."""
    seen = set()

    def report(fraction: float, message: str) -> None:
        stage = "Importing the exports" if message.startswith("Importing") else message
        if stage not in seen:
            seen.add(stage)
            progress(fraction, stage)

    return report


def _import(args: argparse.Namespace) -> int:
    mapping = load_mapping(args.mapping) if args.mapping else None
    if args.dry_run:
        return _dry_run(args, mapping)
    database = _database(args)
    who = getpass.getuser()
    options = {"options": {"force": args.force, "mapping": str(args.mapping) if args.mapping else None}}
    entries = []
    failed = 0

    def waiting(holder: str) -> None:
        print(f"Waiting for another import into {database} to finish ({holder})...", file=sys.stderr, flush=True)

    # Into a copy of the database, which takes the live file's place at the end: dashboards keep reading
    # meanwhile, and a stop or a kill at any moment leaves the database as it was before, or with the import whole.
    live: list[int | None] = []
    try:
        with _stop_on_signal() as stops, writing(database, on_wait=waiting) as con:
            live.append(_inode(database))  # under the writer's lock: only this import can put another file there
            failed = _import_files(args, con, mapping, who, options, entries, stops)
    except KeyboardInterrupt:
        if not live or _inode(database) == live[0]:
            raise  # stopped before the copy was put in place: nothing was written
        # The stop came as the copy was renamed into place (StoppedOnceInPlace) or just after: it is in.
        print("Stopped once the import was in place: it is in the database, whole.", file=sys.stderr)
    log = AuditLog(audit_path(database))
    for entry in entries:  # once the import is in the database: the log says what happened to it
        log.append(entry)
    if failed:
        print(f"{failed} of {len(args.files)} files could not be imported.", file=sys.stderr)
    return 1 if failed else 0


def _import_files(
    args: argparse.Namespace,
    con: duckdb.DuckDBPyConnection,
    mapping: Mapping | None,
    who: str,
    options: dict,
    entries: list[Entry],
    stops: list[int],
) -> int:
    """Import each file into the writer's copy, printing its report; each file's audit entry goes into `entries`.
    Returns how many files could not be imported at all. A stop asked (`stops` not empty) ends the whole import,
    whatever the exception it surfaced as inside the file's import."""
    failed = 0
    for path in args.files:
        try:
            report = import_file(con, path, args.kind, force=args.force, mapping=mapping, user=who)
        except duckdb.InterruptException:  # a stop (Ctrl-C, a timeout's SIGTERM) ends the whole import
            raise
        except Exception as error:  # whatever the file holds, one clear message, and on to the next file
            if stops:  # the stop, surfaced inside a query or a reader as "Query interrupted" or the like
                raise KeyboardInterrupt from error
            failed += 1
            message = failure_message(path.name, error)
            written = " Nothing was written for this file." if isinstance(error, ExportError) else ""
            print(f"error: {message}{written}", file=sys.stderr)
            entries.append(import_entry(message, **_audit(args, path, who, options)))
            continue
        entries.append(import_entry(report, **_audit(args, path, who, options)))
        print(report.summary())
        if not args.quiet:
            for line in report.layout_lines():
                print(f"    {line}")
        _print_reasons(report)
    return failed


def _inode(path: Path) -> int | None:
    """Which file is at `path` (a file renamed into its place has another inode); None when there is none."""
    try:
        return os.stat(path).st_ino
    except FileNotFoundError:
        return None


@contextmanager
def _stop_on_signal() -> Iterator[list[int]]:
    """A timeout's SIGTERM stops the import as Ctrl-C does: the copy is removed, the database left as it was.
    Yields the signals received, so that a stop that surfaced as another exception is still known as a stop."""
    asked: list[int] = []

    def stop(number: int, _frame: object) -> None:
        asked.append(number)
        raise KeyboardInterrupt

    held = (signal.SIGINT, signal.SIGTERM)
    previous = {number: signal.signal(number, stop) for number in held}
    try:
        yield asked
    except Exception as error:
        if asked:  # raised inside a running query, DuckDB says "Query interrupted" instead
            raise KeyboardInterrupt from error
        raise
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _audit(args: argparse.Namespace, path: Path, who: str, options: dict) -> dict:
    return {
        "kind": args.kind,
        "path": path,
        "who": who,
        "role": COMMAND_LINE,
        "place": COMMAND_LINE,
        "options": options,
    }


def _dry_run(args: argparse.Namespace, mapping) -> int:
    from bsdash.ingest.pipeline import preview_file

    failed = 0
    for path in args.files:
        preview = preview_file(path, args.kind, mapping=mapping)
        if preview.error:
            failed += 1
            print(f"error: {preview.error}", file=sys.stderr)
            continue
        print(f"{preview.file_name}: would be read as {args.kind}")
        for line in preview.lines():
            print(f"    {line}")
    return 1 if failed else 0


def _print_reasons(report: ImportReport, shown: int = 20) -> None:
    for reason, count in list(report.reasons.items())[:shown]:
        examples = report.examples.get(reason, [])
        more = ", ..." if count > len(examples) else ""
        print(f"    {count:>6,} quarantined: {reason} (rows {', '.join(map(str, examples))}{more})")
    if len(report.reasons) > shown:
        rest = sum(list(report.reasons.values())[shown:])
        print(
            f"    {rest:>6,} quarantined for {len(report.reasons) - shown:,} other reasons (see the quarantine table)"
        )


def _query(args: argparse.Namespace) -> int:
    registry = Registry()
    if not args.name:
        for name in registry.names():
            query = registry.get(name)
            print(f"{name}: {query.title}\n    parameters: {query.signature()}")
        return 0
    params = {}
    for item in args.param:
        key, sep, value = item.partition("=")
        if not sep:
            raise QueryError(f"--param takes KEY=VALUE, not '{item}'")
        params[key.strip()] = value
    query = registry.get(args.name)
    query.bind(params)  # a bad name or value fails before the database is opened
    con = db.connect(_database(args), read_only=True)
    try:
        frame = registry.run(con, args.name, params)
    finally:
        con.close()
    if args.format == "csv":
        frame.to_csv(sys.stdout, index=False)
    else:
        print(frame.to_string(index=False, max_rows=200) if len(frame) else "(no rows)")
    return 0


def _layouts(args: argparse.Namespace) -> int:
    from bsdash.ingest.kinds.model import TYPE_DESCRIPTIONS

    for spec in KINDS.values():
        if args.kind and spec.name != args.kind:
            continue
        print(f"{spec.name}: {spec.description} (key: {', '.join(spec.key)})")
        for group in spec.needs_one_of:
            print("    needs at least one of: " + ", ".join(spec.column(n).header for n in group.columns))
        for column in spec.columns:
            kind = TYPE_DESCRIPTIONS.get(column.type, "text")
            if column.type == "choice":
                kind = "one of " + ", ".join(sorted(set(column.choices.values())))
            need = "required" if column.required else "optional"
            also = f"; also read from {', '.join(column.synonyms)}" if column.synonyms else ""
            print(f"    {column.header:30} {need:8}  {kind}{also}")
            if column.without:
                print(f"    {'':30} {'':8}  without it: {column.without}")
        print()
    return 0


def _workforce(args: argparse.Namespace) -> int:
    from bsdash.ingest.homeoffice import WorkforceTableError, as_export, read_workforce

    try:
        rows = read_workforce(args.workbook)
    except (WorkforceTableError, FileNotFoundError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    as_export(rows).to_csv(args.out or sys.stdout, index=False)
    if args.out:
        dates = ", ".join(d.strftime("%d/%m/%Y") for d in sorted(set(rows["as_at"])))
        print(f"{args.out}: {len(rows):,} figures for {rows['force'].nunique()} forces as at {dates}.")
        print(f"Import it with: python -m bsdash import --kind force_workforce {args.out}")
    return 0


def _check(args: argparse.Namespace) -> int:
    con = db.connect(_database(args), read_only=True)
    try:
        problems = contract_problems(con)
    finally:
        con.close()
    for problem in problems:
        print(problem)
    if not problems:
        print("Every relationship holds and every unique key is unique.")
    return 1 if problems else 0


def _levels(text: str) -> tuple[int, ...]:
    try:
        levels = tuple(int(part) for part in text.split(",") if part.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"not numbers of sessions: {text!r} (for example 10,25,50)") from None
    if any(level < 0 for level in levels):
        raise argparse.ArgumentTypeError(f"a number of sessions cannot be negative: {text!r}")
    return tuple(level for level in levels if level)


def _bench(args: argparse.Namespace) -> int:
    import bsdash.bench as bench
    from bsdash.bench.data import bench_data

    data = bench_data(args.scale, args.ticket_scale, args.folder)
    result = bench.run(
        data,
        repeat=args.repeat,
        pandas_repeat=args.pandas_repeat,
        browser_repeat=args.browser_repeat,
        pages=args.pages,
        import_rows=args.import_rows or bench.IMPORT_ROWS,
        browser=not args.no_browser,
        protocol_levels=args.protocol_sessions,
        protocol_changes=args.protocol_changes,
        cpu_changes=args.cpu_changes,
        processes=args.processes,
        warm=args.warm,
    )
    print(bench.report(result))
    if args.json:
        bench.write_json(result, args.json)
        print(f"Figures written to {args.json}.")
    return 0


def _deploy(args: argparse.Namespace) -> int:
    from bsdash.deploy.nginx import MAIN, SITE, UNIT, Deployment, write

    if args.processes < 1:
        print("error: --processes must be at least 1", file=sys.stderr)
        return 2
    try:
        deployment = Deployment(
            ports=tuple(range(args.first_port, args.first_port + args.processes)),
            listen=args.listen,
            server_name=args.server_name,
            certificate=args.certificate.resolve() if args.certificate else None,
            certificate_key=args.certificate_key.resolve() if args.certificate_key else None,
            log_dir=args.log_dir.resolve() if args.log_dir else None,
        )
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    written = write(deployment, args.out)
    ports = " ".join(f"bsdash@{port}" for port in deployment.ports)
    print(f"Written in {args.out.resolve()}:")
    for name, path in written.items():
        print(f"  {name:16} {path}")
    print(
        f"\nStart the processes ({ports}): copy {UNIT} to /etc/systemd/system/, then "
        f"systemctl daemon-reload && systemctl enable --now {ports}\n"
        f"Serve them: ln -s {written[SITE]} /etc/nginx/conf.d/ && nginx -t && systemctl reload nginx\n"
        f"  (or an nginx of its own: nginx -c {written[MAIN]} -e {written[MAIN].parent / 'run' / 'nginx-error.log'})"
    )
    return 0


def _warm_up(args: argparse.Namespace) -> int:
    from bsdash.bench.server import open_start_page

    try:
        open_start_page(args.url)
    except (RuntimeError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"{args.url}: start page opened; the process is making its figures (its log says when it is done).")
    return 0


def _schema(args: argparse.Namespace) -> int:
    from bsdash.store.data_contract import describe

    print(describe(markdown=args.markdown))
    return 0
