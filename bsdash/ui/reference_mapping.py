"""The Reference mapping page's parts: choosing a department or service for each label, and saving it.

Choices are saved through the import (bsdash.ingest.reference_map), so they are checked and recorded like a mapping
file, and every row carrying the label resolves at once; caches are cleared so that every page follows.
"""

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from bsdash.ingest.errors import ExportError
from bsdash.ingest.kinds import LABEL_TARGETS
from bsdash.ingest.pipeline import import_file
from bsdash.ingest.reference_map import CSV_HEADER, save_mappings
from bsdash.ingest.report import ImportReport
from bsdash.ui.auth import imported_by
from bsdash.ui.database import query, shared_database
from bsdash.ui.importing import record_import

NOT_MAPPED = ""


def target_options() -> dict[str, str]:
    """Every code a label may map to, shown with its name: departments first, then services, then ticket states
    and priorities (for the words of a service-desk tool no vocabulary placed)."""
    departments = query("department_list")
    services = query("service_list")
    options = {f"{r.department_id}: {r.department}": r.department_id for r in departments.itertuples()}
    options |= {f"{r.service_id}: {r.service}": r.service_id for r in services.itertuples()}
    options |= {f"Ticket state: {state}": state for state in LABEL_TARGETS["ticket state"]}
    options |= {f"Priority: {priority}": priority for priority in LABEL_TARGETS["priority"]}
    return options


def label_editor(frame: pd.DataFrame, key: str, options: dict[str, str]) -> pd.DataFrame:
    """Labels (columns Kind, Label, Maps To and any others to show) with "Maps to" chosen from `options`."""
    names = {code: label for label, code in options.items()}
    shown = [names.get(code, NOT_MAPPED) if isinstance(code, str) else NOT_MAPPED for code in frame["Maps To"]]
    table = frame.drop(columns=["Maps To"]).assign(**{"Maps to": shown})
    return st.data_editor(
        table,
        key=key,
        hide_index=True,
        width="stretch",
        disabled=[c for c in table.columns if c != "Maps to"],
        column_config={
            "Maps to": st.column_config.SelectboxColumn(
                "Maps to", options=[NOT_MAPPED, *options], help="The department or service this label stands for."
            ),
            "Money": st.column_config.NumberColumn("Money", format="£%,.0f"),
        },
    )


def changed_rows(
    before: pd.DataFrame, edited: pd.DataFrame, options: dict[str, str]
) -> list[tuple[str, str, str | None]]:
    """(kind, label, code) for each label whose "Maps to" the analyst changed; None unmaps it."""
    rows = []
    for old, kind, label, shown in zip(
        before["Maps To"], edited["Kind"], edited["Label"], edited["Maps to"], strict=True
    ):
        code = options.get(shown) if shown else None
        if code != (old if isinstance(old, str) and old else None):
            rows.append((kind, label, code))
    return rows


def save(rows: list[tuple[str, str, str | None]]) -> ImportReport:
    with shared_database().writer() as con:
        report = save_mappings(con, rows, user=imported_by())
    record_import(report, "reference_map", None, {"edited": len(rows)})
    return report


def load_file(path, file_name: str) -> ImportReport | str:
    """Import a reference-map CSV; a file that cannot be read gives its message."""
    try:
        with shared_database().writer() as con:
            report = import_file(con, path, "reference_map", file_name=file_name, force=True, user=imported_by())
    except ExportError as error:
        record_import(str(error), "reference_map", Path(path), {"force": True}, file_name=file_name)
        return str(error)
    record_import(report, "reference_map", Path(path), {"force": True})
    return report


def show_result(result: ImportReport | str) -> None:
    if isinstance(result, str):
        st.error(result, icon=":material/error:")
        return
    message = f"{result.loaded:,} mapping{'s' if result.loaded != 1 else ''} saved ({result.file_name})."
    if result.quarantined:
        reasons = "; ".join(f"{reason} ({count:,})" for reason, count in result.reasons.items())
        st.warning(f"{message} {result.quarantined:,} not saved: {reasons}", icon=":material/warning:")
    else:
        st.success(message, icon=":material/check:")


def download_table(mapping: pd.DataFrame) -> pd.DataFrame:
    """The mapping in the columns of a reference-map CSV (Kind, Label in Export, Maps To), which the import
    reads back; its download carries the OFFICIAL line above the headers, which the import skips."""
    table = mapping[list(CSV_HEADER)].copy()
    table.attrs = mapping.attrs
    return table


def keep_upload(upload) -> Path:
    """Save an uploaded mapping file so that the import reads it from disk."""
    folder = Path(st.session_state.setdefault("mapping_folder", tempfile.mkdtemp(prefix="bsdash-mapping-")))
    path = folder / Path(upload.name).name
    path.write_bytes(upload.getvalue())
    return path
