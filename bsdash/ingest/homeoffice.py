"""Reading the Home Office "Police workforce, England and Wales" tables (ODS workbooks) into tidy rows.

The workbooks are laid out for people, not programs: a title row, a multi-row header whose dates sit under a
merged "As at:" cell, English regions interleaved with their forces (the West Midlands is both a region and a
force), national totals, footnote markers glued onto names (`Derbyshire1`) and `..` where a figure is not
available. Their sheet numbering changes from year to year, so tables are found by their titles.

    read_workforce(path) -> one row per force, date and workforce group (officers, staff), with the sheet and
    title each figure was read from.
"""

import re
from datetime import date, datetime
from pathlib import Path

import pandas as pd

REGIONS = (
    "North East",
    "North West",
    "Yorkshire and the Humber",
    "East Midlands",
    "West Midlands",
    "Eastern",
    "East of England",
    "London",
    "South East",
    "South West",
    "Wales",
)
# Title of the full-time-equivalent table of each workforce group, as the tables word it since 2015.
TABLE_TITLES = {
    "officers": re.compile(r"^Table \d+: Police officers by police force area", re.IGNORECASE),
    "staff": re.compile(r"^Table \d+: Police staff by police force area", re.IGNORECASE),
}
NOT_AVAILABLE = ("..", "…", "-", "")
_FOOTNOTE = re.compile(r"(?<=[A-Za-z)])\d+(,\d+)*$")
_YEAR_FOOTNOTE = re.compile(r"\b((?:19|20)\d\d)\d(?:,\d)*(?=\D|$)")  # "30 September 20191,2 (FTE)"


class WorkforceTableError(Exception):
    """The workbook does not hold the tables expected, or one cannot be read; the message says which."""


def read_workforce(path: Path) -> pd.DataFrame:
    """Officer and staff FTE of every force of England and Wales in a police workforce workbook.

    Columns: force, region, as_at (date), workforce (officers or staff), fte (float, NaN for ".."), source_table
    (the sheet and its title: "Table_1: Police officers by police force area, ... (FTE)") and source_publication.
    """
    path = Path(path)
    try:
        sheets = pd.read_excel(path, engine="odf", sheet_name=None, header=None, dtype=object)
    except (ValueError, OSError, KeyError) as error:
        raise WorkforceTableError(f"{path.name}: cannot be read as an ODS workbook ({error})") from error
    publication = _publication(sheets, path)
    frames = []
    for workforce, pattern in TABLE_TITLES.items():
        found = [(name, sheet) for name, sheet in sheets.items() if _is_fte_table(sheet, pattern)]
        if not found:
            raise WorkforceTableError(f"{path.name}: no full-time-equivalent table of police {workforce} by force")
        name, sheet = found[0]
        title = re.sub(r"^Table \d+:\s*", "", _clean(_title(sheet)))
        frame = read_table(sheet, f"{name}: {title}")
        frames.append(frame.assign(workforce=workforce, source_publication=publication))
    tidy = pd.concat(frames, ignore_index=True)
    return tidy[["force", "region", "as_at", "workforce", "fte", "source_table", "source_publication"]]


def read_table(sheet: pd.DataFrame, source: str) -> pd.DataFrame:
    """One table's forces, one row per force and date column ("As at" dates only, not the changes)."""
    header_row, date_columns = _date_header(sheet)
    rows, region, started = [], None, False
    for _, row in sheet.iloc[header_row + 1 :].iterrows():
        label = _clean(row.iloc[0])
        if not label:
            continue
        if label.lower().startswith("total"):
            break  # national totals, then secondments and British Transport Police: not territorial forces
        if label in REGIONS and label != region:
            region, started = label, True
            continue
        if not started:
            continue
        for column, as_at in date_columns.items():
            rows.append({"force": label, "region": region, "as_at": as_at, "fte": _number(row.iloc[column])})
    if not rows:
        raise WorkforceTableError(f"{source}: no force rows under the header")
    return pd.DataFrame(rows).assign(source_table=source)


def _is_fte_table(sheet: pd.DataFrame, pattern: re.Pattern) -> bool:
    title = _clean(_title(sheet))
    if not pattern.search(title) or "headcount" in title.lower() or " and designated" in title.lower():
        return False
    top = " ".join(_clean(v) for v in sheet.iloc[:8].to_numpy().ravel())
    return "(FTE)" in title or "Full-time equivalent" in top


def _title(sheet: pd.DataFrame) -> str:
    for value in sheet.iloc[:3, 0]:
        if _clean(value):
            return str(value)
    return ""


def _date_header(sheet: pd.DataFrame) -> tuple[int, dict[int, date]]:
    """The header row holding the "As at" dates, and which column holds which date."""
    for index in range(min(len(sheet), 15)):
        dates = {c: d for c, value in enumerate(sheet.iloc[index]) if (d := _as_date(value)) is not None}
        if dates:
            return index, dates
    raise WorkforceTableError("no header row with the dates the figures are as at")


def _as_date(value: object) -> date | None:
    if isinstance(value, datetime | pd.Timestamp):
        return value.date()
    if isinstance(value, date):
        return value
    text = _clean(value)
    for pattern in ("%b-%y", "%B %Y", "%d %B %Y"):  # Sep-19, September 2019, 30 September 2019
        try:
            parsed = datetime.strptime(text, pattern).date()
        except ValueError:
            continue
        return (pd.Timestamp(parsed) + pd.offsets.MonthEnd(0)).date() if pattern != "%d %B %Y" else parsed
    return None


def _number(value: object) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    text = _clean(value).replace(",", "")
    if text in NOT_AVAILABLE:
        return float("nan")
    try:
        return float(text)
    except ValueError as error:
        raise WorkforceTableError(f"'{text}' is not a number") from error


def _clean(value: object) -> str:
    """A label as people read it: no footnote markers, single spaces."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    text = " ".join(str(value).split())
    return _YEAR_FOOTNOTE.sub(r"\1", text) if text.startswith("Table") else _FOOTNOTE.sub("", text)


def _publication(sheets: dict[str, pd.DataFrame], path: Path) -> str:
    """The workbook's own name for itself, from its index sheet (for example "Police Workforce, England and
    Wales, 30 September 2019"), attributed to the Home Office."""
    for sheet in sheets.values():
        title = _clean(_title(sheet))
        if title.lower().startswith("police workforce"):
            return f"Home Office, {title} ({path.name})"
    return f"Home Office police workforce tables ({path.name})"


# The places of an FTE figure the database keeps (force_workforce.fte is decimal(12, 4)). The tables' cells hold
# float sums (3151.6200000000017, 3588.0867499999981) that they show as whole numbers; the import quarantines a
# value with more places than its column keeps, so the export says, in its own figures, what will be stored.
FTE_PLACES = 4


def as_export(rows: pd.DataFrame) -> pd.DataFrame:
    """The figures in the force_workforce import layout (what `python -m bsdash workforce` writes), each FTE to
    four decimal places."""
    return pd.DataFrame(
        {
            "Force": rows["force"],
            "As At": [d.strftime("%d/%m/%Y") for d in rows["as_at"]],
            "Workforce": rows["workforce"].map({"officers": "Police officers", "staff": "Police staff"}),
            "FTE": rows["fte"].round(FTE_PLACES),
            "Source Table": rows["source_table"],
            "Source": rows["source_publication"],
        }
    )
