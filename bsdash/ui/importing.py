"""The Import page's parts: uploads kept for the session, the preview of each file, the import and its report.

Nothing is written until the analyst confirms. Each file is then imported in its own transaction, into a copy
of the database that takes the live file's place at the end (bsdash.store.writer), with a progress bar; every
page reads the data as it was meanwhile, and shows the new data once it is in place.
"""

import hashlib
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from bsdash import formatting as fmt
from bsdash.governance.audit import AuditLog, audit_path, import_entry
from bsdash.ingest.errors import ExportError, MappingError, failure_message
from bsdash.ingest.kinds import KINDS
from bsdash.ingest.mapping import (
    Mapping,
    dump_mapping,
    from_choices,
    load_mapping,
    parse_mapping,
    save_mapping,
    saved_mappings,
)
from bsdash.ingest.pipeline import import_file, preview_file
from bsdash.ingest.preview import Preview
from bsdash.ingest.report import ImportReport
from bsdash.ui.auth import PAGE_KEY, imported_by, viewer
from bsdash.ui.database import query, shared_database

NOT_IN_FILE = "(not in this file)"
# What the uploader offers (.xls too: the import then says to save it as .xlsx), and what reaches the import.
UPLOAD_TYPES = ["csv", "txt", "tsv", "gz", "xlsx", "xls"]
UPLOAD_SUFFIXES = tuple(f".{t}" for t in UPLOAD_TYPES)
MAX_FILES = 20
REASONS_SHOWN = 20
DETECT = "Detect the layout by itself"
KIND_LABELS = {
    "spend": "Spend over £500 (payments)",
    "tickets": "Service-desk tickets (one row per ticket, or one per update)",
    "contracts": "Contract register",
    "budgets": "Budgets",
    "reference_map": "Reference mapping (labels onto departments and services)",
    "departments": "Departments and establishment",
    "services": "Service catalogue",
    "suppliers": "Supplier master",
    "service_kpis": "Service levels of the non-IT services",
    "assets": "Asset register",
    "licences": "Licence register",
}


@dataclass(frozen=True)
class Upload:
    """An uploaded file, saved for this session so that the import reads it from disk."""

    name: str
    path: Path
    key: str  # stable across reruns: names the widgets of this file


def choose_kind() -> str:
    """The kind of export, the usual ones first; every kind the import knows is offered."""
    kinds = [*KIND_LABELS, *(k for k in KINDS if k not in KIND_LABELS)]
    return st.selectbox(
        "What the files hold",
        kinds,
        format_func=lambda kind: KIND_LABELS.get(kind) or KINDS[kind].description,
        key="import_kind",
        help="Every file of one upload is read as this kind. `python -m bsdash layouts` lists the columns each needs.",
    )


def choose_saved_mapping(kind: str) -> Mapping | None:
    """A mapping file saved earlier (data/mappings/), or None to let detection work alone."""
    saved = saved_mappings(kind)
    if not saved:
        return None
    choice = st.selectbox(
        "Mapping",
        [DETECT, *saved],
        key=f"import_mapping_{kind}",
        help="A mapping saved from this page or written by hand (see the README) settles what detection cannot.",
    )
    if choice == DETECT:
        return None
    try:
        return load_mapping(saved[choice])
    except MappingError as error:
        st.error(str(error), icon=":material/error:")
        return None


def upload_limit_mb() -> int:
    """The largest file the dashboard takes, in MB: `server.maxUploadSize` in .streamlit/config.toml."""
    return int(st.get_option("server.maxUploadSize"))


def refused_upload(name: str, size: int) -> str | None:
    """Why an uploaded file is not taken (its type or size), or None. The browser and the server check the
    same, but a request does not have to come from our page: this is the check that holds."""
    lowered = name.lower()
    if not lowered.endswith(UPLOAD_SUFFIXES):
        return (
            f"{name}: not a file the import reads. Upload CSV (.csv, .txt, .tsv), gzip-compressed CSV (.csv.gz) "
            "or Excel (.xlsx) exports."
        )
    if size > upload_limit_mb() * 1024 * 1024:
        return (
            f"{name} is {size / 1024 / 1024:,.1f} MB; the dashboard takes files of up to {upload_limit_mb():,} MB. "
            "Split it by month, compress it (.csv.gz), or import it from the shell with `python -m bsdash import`."
        )
    if size == 0:
        return f"{name} is empty: there is nothing to import."
    return None


def keep_uploads(files: list) -> list[Upload]:
    """Save the uploaded files into this session's folder (once each) and return them in upload order.

    Files beyond MAX_FILES, or of a type or size the import does not take, are refused with a message.
    """
    if len(files) > MAX_FILES:
        st.error(
            f"{len(files)} files were uploaded at once; the import takes {MAX_FILES} at a time. The first "
            f"{MAX_FILES} are read below: import the rest afterwards.",
            icon=":material/error:",
        )
        files = files[:MAX_FILES]
    folder = st.session_state.setdefault("import_folder", tempfile.mkdtemp(prefix="bsdash-upload-"))
    uploads = []
    for file in files:
        if problem := refused_upload(file.name, file.size):
            st.error(problem, icon=":material/block:")
            continue
        content = file.getvalue()
        key = hashlib.sha256(file.name.encode() + content).hexdigest()[:16]
        path = Path(folder) / key / Path(file.name).name
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        uploads.append(Upload(file.name, path, key))
    return uploads


@st.cache_data(show_spinner=False, max_entries=200)
def _preview(path: str, kind: str, name: str, mapping_toml: str | None) -> Preview:
    mapping = None
    if mapping_toml:
        import tomllib

        mapping = parse_mapping(tomllib.loads(mapping_toml), "the mapping")
    return preview_file(Path(path), kind, file_name=name, mapping=mapping)


def preview(upload: Upload, kind: str, mapping: Mapping | None) -> Preview:
    return _preview(str(upload.path), kind, upload.name, dump_mapping(mapping) if mapping else None)


def show_preview(upload: Upload, kind: str, saved: Mapping | None) -> tuple[Preview, Mapping | None]:
    """Show how one file will be read, let the analyst change any column, and return the mapping to use."""
    first = preview(upload, kind, saved)
    mapping = _edited_mapping(upload, kind, first, saved)
    result = preview(upload, kind, mapping) if mapping is not saved else first
    with st.container(border=True):
        st.markdown(f"**{upload.name}**")
        if not result.read:
            st.error(result.error or "The file cannot be read.", icon=":material/error:")
            return result, mapping
        where = f", header on row {result.header_row}" if result.header_row > 1 else ""
        shape = ", one row per update (an event log): each ticket is its last state" if result.event_log else ""
        st.caption(f"Read as {result.file_type}{where}{shape}.")
        earlier = _earlier_import(result.sha256)
        if earlier:
            st.info(
                f"This file was imported before ({earlier}); importing it again adds nothing.", icon=":material/info:"
            )
        if result.error:
            st.error(result.error, icon=":material/error:")
        for warning in result.warnings():
            st.warning(warning, icon=":material/warning:")
        for tie in result.ties:
            st.warning(f"Not taken: {tie}.", icon=":material/balance:")
        st.dataframe(_columns_table(result), hide_index=True, width="stretch")
        if result.ignored:
            st.caption("Not used: " + ", ".join(f"'{h}'" for h in result.ignored) + ".")
        if result.lacking:
            st.caption(
                "Not in this file: "
                + "; ".join(f"**{ours}**: {without}" for ours, without in result.lacking.items())
                + "."
            )
        for ours, how in result.derived.items():
            st.caption(_sentence(f"{ours} will be derived: {how}"))
        for note in result.notes:
            st.caption(_sentence(note))
        if result.value_maps:
            with st.expander("How the values of " + ", ".join(result.value_maps) + " will be read"):
                st.dataframe(_values_table(result), hide_index=True, width="stretch")
        _column_editor(upload, kind, result, mapping)
    return result, mapping


def _columns_table(result: Preview) -> pd.DataFrame:
    rows = []
    for column in result.columns:
        if column.theirs is None and not column.required:
            continue
        rows.append(
            {
                "Our column": column.ours + ("" if column.required else " (optional)"),
                "Your column": column.theirs or "MISSING",
                "Found by": column.found_by,
                "First values": ", ".join(v for v in column.examples[:3] if v),
            }
        )
    return pd.DataFrame(rows)


def _values_table(result: Preview) -> pd.DataFrame:
    """Each value of a column with a vocabulary as the import will read it; those not placed are listed on the
    Reference mapping page after the import."""
    return pd.DataFrame(
        [
            {"Our column": ours, "Value in the file": value, "Read as": placed or "not placed", "Rows": rows}
            for ours, values in result.value_maps.items()
            for value, placed, rows in values
        ]
    )


def _column_editor(upload: Upload, kind: str, result: Preview, mapping: Mapping | None) -> None:
    """One select per column of ours; a change reads the file again with the analyst's choice."""
    with st.expander("Change which column is which, or save this mapping"):
        options = [NOT_IN_FILE, *result.headers]
        for column in result.columns:
            current = column.theirs or NOT_IN_FILE
            st.selectbox(
                column.ours + ("" if column.required else " (optional)"),
                options,
                index=options.index(current) if current in options else 0,
                key=f"map-{upload.key}-{column.name}",
            )
        name = st.text_input("Save as", key=f"map-name-{upload.key}", placeholder="for example finance-system-spend")
        if st.button("Save mapping", key=f"map-save-{upload.key}", disabled=not name):
            # The columns as read now, on top of the mapping they were read with (its "not in this file" kept).
            chosen = from_choices(
                KINDS[kind],
                {c.name: c.theirs for c in result.columns if c.theirs},
                header_row=result.header_row,
                delimiter=result.delimiter,
                base=mapping,
                name=name,
            )
            try:
                path = save_mapping(chosen, name)
            except MappingError as error:
                st.error(str(error), icon=":material/error:")
            else:
                st.success(f"Saved as {path.name}: choose it under Mapping next time.", icon=":material/check:")


def _edited_mapping(upload: Upload, kind: str, first: Preview, saved: Mapping | None) -> Mapping | None:
    """The saved mapping with the analyst's column choices for this file on top (None when there are none)."""
    if not first.read:
        return saved
    changes: dict[str, str | None] = {}
    for column in first.columns:
        chosen = st.session_state.get(f"map-{upload.key}-{column.name}")
        if chosen is None:
            continue
        detected = column.theirs or NOT_IN_FILE
        if chosen != detected:
            changes[column.name] = None if chosen == NOT_IN_FILE else chosen
    if not changes:
        return saved
    return from_choices(
        KINDS[kind],
        changes,
        header_row=first.header_row,
        delimiter=first.delimiter,
        base=saved,
        name="your choices on the Import page",
    )


def _earlier_import(sha256: str) -> str | None:
    if not sha256:
        return None
    found = query("imports_by_file", sha256=sha256)
    if found.empty:
        return None
    row = found.iloc[0]
    return f"as {row['file_name']} on {fmt.uk_date(row['imported_at'])}, import #{row['import_id']}"


def run_imports(jobs: list[tuple[Upload, Mapping | None]], kind: str) -> list[ImportReport | str]:
    """Import each file with a progress bar; a file that cannot be read gives its message instead of a report."""
    bar = st.progress(0.0, text="Copying the database to import into (every page reads the current one meanwhile)")
    results: list[ImportReport | str] = []
    who = imported_by()

    def waiting(holder: str) -> None:
        bar.progress(0.0, text=f"Waiting for another import to finish ({holder})")

    try:
        with shared_database().writer(on_wait=waiting) as con:
            for i, (upload, mapping) in enumerate(jobs):

                def step(fraction: float, message: str, i: int = i) -> None:
                    bar.progress(min((i + fraction) / len(jobs), 1.0), text=f"{message} ({i + 1} of {len(jobs)})")

                try:
                    report = import_file(
                        con, upload.path, kind, file_name=upload.name, mapping=mapping, user=who, progress=step
                    )
                    results.append(report)
                except ExportError as error:
                    results.append(f"{error} Nothing was written for this file.")
                except Exception as error:  # whatever the file holds: a message, never a traceback on the page
                    results.append(failure_message(upload.name, error))
            bar.progress(1.0, text="Saving")
        # Recorded once the data is in place, so that the log says what happened to it.
        for (upload, mapping), result in zip(jobs, results, strict=True):
            options = {"mapping": mapping.name if mapping else None}
            record_import(result, kind, upload.path, options, file_name=upload.name)
    finally:
        for upload, _mapping in jobs:
            shutil.rmtree(upload.path.parent, ignore_errors=True)  # the upload has served its purpose
    bar.progress(1.0, text="Done")
    return results


def record_import(
    result: ImportReport | str, kind: str, path: Path | None, options: dict, *, file_name: str | None = None
) -> None:
    """Add the import to the audit log: who, the file and its SHA-256, the rows, what happened."""
    person = viewer()
    AuditLog(audit_path()).append(
        import_entry(
            result,
            kind=kind,
            path=path,
            who=person.who,
            role=person.role or "none",
            place="/" + st.session_state.get(PAGE_KEY, ""),
            options=options,
            file_name=file_name,
        )
    )


def show_reports(results: list[ImportReport | str]) -> None:
    """What happened to each file: counts, reasons with counts, the first rows of each, the columns used."""
    for result in results:
        with st.container(border=True):
            if isinstance(result, str):
                st.error(result, icon=":material/error:")
                continue
            st.markdown(f"**{result.file_name}**")
            if result.skipped:
                st.info(f"Skipped: {result.skipped}.", icon=":material/info:")
                continue
            _report_metrics(result)
            st.caption(result.summary())
            if result.money is not None:
                st.markdown("  \n".join(_sentence(line) for line in result.money.lines()))
            if result.reasons:
                st.table(_reasons_table(result), hide_index=True)
                if len(result.reasons) > REASONS_SHOWN:
                    st.caption(
                        f"And {len(result.reasons) - REASONS_SHOWN:,} more reasons: every quarantined row is in the "
                        "quarantine table, with its reason."
                    )
            else:
                st.success("Every row was loaded or was already there.", icon=":material/check:")
            for ours, values in result.unplaced.items():
                shown = ", ".join(f"'{value}' ({rows:,})" for value, rows in list(values.items())[:8])
                st.info(
                    f"{ours}: {fmt.counted(len(values), 'value')} no vocabulary places ({shown}) loaded as not "
                    "given. Those a ticket is left with are listed on the Reference mapping page to map.",
                    icon=":material/label:",
                )
            for note in result.notes:
                st.caption(_sentence(note))
            with st.expander("Columns used, and what was derived"):
                st.dataframe(
                    pd.DataFrame(
                        [
                            {"Our column": s.ours, "Your column": s.theirs, "Found by": s.explained()}
                            for s in result.sources
                        ]
                    ),
                    hide_index=True,
                    width="stretch",
                )
                if result.key:
                    st.caption(_sentence(f"each row's key: {result.key}"))
                for ours, how in result.derived.items():
                    st.caption(_sentence(f"{ours} derived: {how}"))
                if result.lacking:
                    st.caption(
                        "Not in this file: " + "; ".join(f"**{o}**: {w}" for o, w in result.lacking.items()) + "."
                    )
                for tie in result.ties:
                    st.caption(_sentence(f"not taken: {tie}"))
                if result.ignored_columns:
                    st.caption("Not used: " + ", ".join(f"'{h}'" for h in result.ignored_columns) + ".")


def _sentence(text: str) -> str:
    return text[0].upper() + text[1:] + ("" if text.endswith(".") else ".")


def _report_metrics(report: ImportReport) -> None:
    cells = st.columns(5 if report.event_log else 4)
    cells[0].metric("Rows read" if not report.event_log else "Updates read", fmt.count(report.rows_read))
    cells[1].metric("Loaded", fmt.count(report.loaded))
    cells[2].metric("Quarantined", fmt.count(report.quarantined))
    cells[3].metric("Duplicates", fmt.count(report.duplicates))
    if report.event_log:
        cells[4].metric("Tickets", fmt.count(report.records))


def _reasons_table(report: ImportReport) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "Why quarantined": reason,
                "Rows": count,
                "First rows": ", ".join(str(r) for r in report.examples.get(reason, [])),
            }
            for reason, count in list(report.reasons.items())[:REASONS_SHOWN]
        ]
    )
