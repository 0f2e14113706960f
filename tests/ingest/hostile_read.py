"""A corpus of odd and hostile files for the reading of an import, written by the tests themselves.

Each case is a file as a broken export, a careless tool or a tester might make it: cut, compressed twice,
in UTF-16 with no byte-order mark, with one Windows-1252 byte in a UTF-8 file, a quote never closed, carriage
returns alone, NULs, a stray cell at the far corner of a workbook, 3,000 columns, 10 MB on one line. Each says
what the import must do with it: refuse it with a message, or load and quarantine which rows, with which values.
None of them is in tests/ingest/corpus.py. Large files are made when asked for, not when the module is imported.

`python -m tests.ingest.hostile_read` imports every file into a new database and prints how long each took.
"""

import gzip
import io
import random
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field

from tests.ingest.corpus import HEADER, _xlsx, _zip, lines, row

SUPPLIER = "Acme Ltd"
AMOUNT = "100.00"


@dataclass(frozen=True)
class Built:
    content: bytes
    # The payments the file loads: transaction number -> (supplier, amount as DuckDB prints it).
    loaded: dict[str, tuple[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Hostile:
    name: str
    make: Callable[[], Built]
    # A file that cannot be imported: a fragment of its message.
    error: str | None = None
    # A file that imports: (rows read, loaded, quarantined, duplicates), {reason or its start: [rows]}.
    counts: tuple[int, int, int, int] | None = None
    reasons: dict[str, list[int]] = field(default_factory=dict)
    notes: tuple[str, ...] = ()  # fragments of the report's lines (how the file was read, what was repaired)
    header_row: int = 1

    @property
    def outcome(self) -> str:
        if self.error:
            return "refused"
        assert self.counts is not None
        return "quarantined" if self.counts[2] else "loaded"


def payments(first: int, count: int, **values: str) -> tuple[list[str], dict[str, tuple[str, str]]]:
    """Rows HR<first>... and what each loads."""
    numbers = [f"HR{i}" for i in range(first, first + count)]
    rows = [row(n, **values) for n in numbers]
    supplier = values.get("supplier", SUPPLIER).strip('"')
    return rows, {n: (supplier, values.get("amount", AMOUNT)) for n in numbers}


def _file(*rows: str, header: str = HEADER, end: str = "\n", before: str = "") -> bytes:
    return (before + lines(*rows, header=header, end=end)).encode()


def long_field() -> Built:
    good, loaded = payments(2, 3)
    supplier = "Long " + "x" * 140_000
    return Built(_file(row("HR1", supplier=supplier), *good), {"HR1": (supplier, AMOUNT), **loaded})


def bare_cr_in_first_row() -> Built:
    good, loaded = payments(2, 5)
    first = row("HR1", supplier="Acme\rLtd")
    return Built(_file(first, *good), loaded)


def bare_cr_between_rows() -> Built:
    good, loaded = payments(1, 6)
    text = HEADER + "\n" + good[0] + "\r" + "\n".join(good[1:]) + "\n"
    return Built(text.encode(), loaded)


def open_quote(rows_after: int) -> Callable[[], Built]:
    def make() -> Built:
        before, loaded = payments(1, 1)
        after, more = payments(3, rows_after)
        broken = row("HR2", supplier='"Acme Ltd')
        return Built(_file(*before, broken, *after), {**loaded, **more})

    return make


def open_quote_closed_later() -> Built:
    first, loaded = payments(1, 2)
    middle, more = payments(4, 5)
    quoted, quoted_loaded = payments(9, 2, amount='"1,234.50"')
    broken = row("HR3", supplier='"Acme Ltd')
    content = _file(*first, broken, *middle, *quoted)
    quoted_loaded = {n: (s, "1234.50") for n, (s, _) in quoted_loaded.items()}
    return Built(content, {**loaded, **more, **quoted_loaded})


def open_quote_on_last_line() -> Built:
    good, loaded = payments(1, 4)
    text = lines(*good) + row("HR5", supplier='"Acme Ltd')  # no line end either
    return Built(text.encode(), loaded)


def two_line_title() -> Built:
    good, loaded = payments(1, 4)
    bad = row("HR5", date="31/02/2024")
    title = '"Kent Police\nPayments over £500, April 2024"\n\n'
    return Built(_file(*good, bad, before=title), loaded)


def multiline_values() -> Built:
    rows, loaded = [], {}
    for i in range(1, 7):
        supplier = f"Acme\nDivision {i}" if i % 2 else SUPPLIER
        rows.append(row(f"HR{i}", supplier=f'"{supplier}"'))
        loaded[f"HR{i}"] = (supplier, AMOUNT)
    rows.append(row("HR7", date="31/02/2024"))
    return Built(_file(*rows), loaded)


def lone_cr_in_quoted_value() -> Built:
    good, loaded = payments(2, 3)
    return Built(_file(row("HR1", supplier='"Acme\rLtd"'), *good), {"HR1": ("Acme\nLtd", AMOUNT), **loaded})


def line_ends(*ends: str) -> Callable[[], Built]:
    def make() -> Built:
        good, loaded = payments(1, 9)
        text = HEADER + ends[0]
        for i, line in enumerate(good):
            text += line + ends[(i + 1) % len(ends)]
        return Built(text.encode(), loaded)

    return make


def stray_cp1252_on_last_row() -> Built:
    rows, loaded = payments(1, 8, supplier="Café Nero")
    content = _file(*rows) + row("HR9", supplier="Café Nero").encode("cp1252") + b"\n"
    return Built(content, {**loaded, "HR9": ("Café Nero", AMOUNT)})


def stray_cp1252_beside_utf8() -> Built:
    rows, loaded = payments(1, 3, supplier="Société Générale")
    mixed = row("HR4", supplier="Crème £").encode("cp1252").replace("Crème".encode("cp1252"), "Crème".encode())
    return Built(_file(*rows) + mixed + b"\n", {**loaded, "HR4": ("Crème £", AMOUNT)})


def utf16(codec: str, bom: bytes = b"") -> Callable[[], Built]:
    def make() -> Built:
        rows, loaded = payments(1, 5, supplier="O’Brien & Søn")
        return Built(bom + lines(*rows).encode(codec), loaded)

    return make


def bom_semicolons() -> Built:
    rows, loaded = payments(1, 4, amount='"1234,5"')
    text = lines(*[r.replace(",", ";").replace('"1234;5"', "1234.50") for r in rows], header=HEADER.replace(",", ";"))
    return Built(b"\xef\xbb\xbf" + text.encode(), {n: (s, "1234.50") for n, (s, _) in loaded.items()})


def nul_bytes() -> Built:
    good, loaded = payments(2, 3)
    first = row("HR1", supplier="Ac\x00me Ltd\x00\x00")
    return Built(_file(first, *good), {"HR1": ("Acme Ltd", AMOUNT), **loaded})


def binary_junk() -> Built:
    noise = random.Random(13)
    return Built(bytes(noise.randrange(256) for _ in range(20_000)))


def pdf_with_leading_bytes() -> Built:
    return Built(b"\r\n\r\n%PDF-1.4\n%\xc7\xec\x8f\xa2\n1 0 obj\n<</Type/Catalog>>\nendobj\n" + bytes(range(256)) * 8)


def gzip_of_utf16() -> Built:
    rows, loaded = payments(1, 3)
    return Built(gzip.compress(lines(*rows).encode("utf-16")), loaded)


def gzip_of_gzip() -> Built:
    rows, _ = payments(1, 3)
    return Built(gzip.compress(gzip.compress(lines(*rows).encode())))


def gzip_of_nothing() -> Built:
    return Built(gzip.compress(b""))


def zip_named_xlsx() -> Built:
    rows, _ = payments(1, 3)
    return Built(_zip("spend.csv", lines(*rows).encode()))


def damaged_workbook() -> Built:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook><sheets><sheet")  # cut off
    return Built(buffer.getvalue())


def _cells(line: str) -> list[object]:
    return [float(c) if c.replace(".", "").isdigit() and "." in c else c for c in line.split(",")]


def workbook_with_far_stray_cell() -> Built:
    import openpyxl

    rows, loaded = payments(1, 20)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(","))
    for line in rows:
        sheet.append(_cells(line))
    sheet["XFD1048576"] = "stray"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return Built(buffer.getvalue(), {n: (s, AMOUNT) for n, (s, _) in loaded.items()})


def workbook_with_short_rows() -> Built:
    header = [*HEADER.split(","), "Supplier ID", "Notes"]
    rows, loaded = payments(1, 6)
    sheet = [header]
    for i, line in enumerate(rows):
        cells = _cells(line)
        sheet.append(cells + (["V100"] if i % 2 else []))  # the last cells blank: the row ends early
    return Built(_xlsx({"Payments": sheet}), loaded)


def workbook_header_only() -> Built:
    return Built(_xlsx({"Payments": [HEADER.split(",")]}))


def workbook_blank_sheet_first() -> Built:
    rows, loaded = payments(1, 3)
    return Built(_xlsx({"Cover": [], "Payments": [HEADER.split(","), *[_cells(r) for r in rows]]}), loaded)


def bom_only() -> Built:
    return Built(b"\xef\xbb\xbf")


def header_without_line_end() -> Built:
    return Built(HEADER.encode())


def header_then_blank_lines() -> Built:
    return Built((HEADER + "\r\n" * 6).encode())


def huge_single_line() -> Built:
    return Built(b"x," * (5 << 20))


def ten_mb(extra: Callable[[int, str], str] | None = None, *, first: str | None = None) -> Callable[[], Built]:
    """About 10 MB of payments; `extra(i, line)` may change a line, `first` goes above them (a broken row)."""

    def make() -> Built:
        rows, loaded = payments(1, 95_000, supplier="Kent Office Supplies Limited")
        if extra:
            rows = [extra(i, line) for i, line in enumerate(rows, start=1)]
            loaded = {
                n: ("Kent Office Supplies\nLimited" if i % 50 == 0 else s, a)
                for i, (n, (s, a)) in enumerate(loaded.items(), start=1)
            }
        if first is not None:
            rows = [first, *rows]
        return Built(_file(*rows), loaded)

    return make


def _every_fiftieth_over_two_lines(i: int, line: str) -> str:
    if i % 50:
        return line
    return line.replace("Kent Office Supplies Limited", '"Kent Office Supplies\nLimited"')


def wide(columns: int) -> Callable[[], Built]:
    def make() -> Built:
        rows, loaded = payments(1, 200)
        header = HEADER + "," + ",".join(f"Extra {i}" for i in range(columns - 7))
        filler = "," * (columns - 7)
        return Built(_file(*[r + filler for r in rows], header=header), loaded)

    return make


def many_blank_lines() -> Built:
    rows, loaded = payments(1, 5)
    bad = row("HR6", amount="lots")
    return Built(_file(rows[0], *([""] * 50_000), *rows[1:], "", bad), loaded)


def trailing_commas() -> Built:
    rows, loaded = payments(1, 4)
    return Built(_file(*[r + "," for r in rows], header=HEADER + ","), loaded)


def everything_quoted() -> Built:
    rows, loaded = [], {}
    for i in range(1, 6):
        supplier = f'The "Best" Supplies {i}'
        cells = ["03/04/2024", f"HR{i}", "Cyber Crime Unit", "Software licences", "Revenue", supplier, "1,000.00"]
        rows.append(",".join('"' + c.replace('"', '""') + '"' for c in cells))
        loaded[f"HR{i}"] = (supplier, "1000.00")
    header = ",".join(f'"{h}"' for h in HEADER.split(","))
    return Built(_file(*rows, header=header, end="\r\n"), loaded)


def spaces_around_quotes() -> Built:
    rows, loaded = payments(1, 3)
    spaced = row("HR4", supplier=' "Acme, Ltd" ')
    return Built(_file(*rows, spaced), {**loaded, "HR4": ("Acme, Ltd", AMOUNT)})


def tabs_and_quotes() -> Built:
    rows, loaded = payments(1, 4, supplier='"Smith, Jones\tand Co"')
    tabbed = [r.replace(",", "\t").replace("Smith\t Jones", "Smith, Jones") for r in rows]
    return Built(_file(*tabbed, header=HEADER.replace(",", "\t")), loaded)


def pipes() -> Built:
    rows, loaded = payments(1, 4)
    return Built(_file(*[r.replace(",", "|") for r in rows], header=HEADER.replace(",", "|")), loaded)


def long_preamble() -> Built:
    rows, loaded = payments(1, 3)
    before = "".join(f"Report parameter {i}: value {i}\n" for i in range(30)) + "\n"
    return Built(_file(*rows, before=before), loaded)


def header_repeated_inside() -> Built:
    first, loaded = payments(1, 3)
    second, more = payments(4, 3)
    return Built(_file(*first, HEADER, *second), {**loaded, **more})


def cp1252_cr_only() -> Built:
    rows, loaded = payments(1, 4, supplier="Café Nero")
    return Built(lines(*rows, end="\r").encode("cp1252"), loaded)


def too_many_fields() -> Built:
    rows, loaded = payments(1, 3)
    return Built(_file(*rows, row("HR4") + "," * 17_000), loaded)


def every_row_one_field_too_many() -> Built:
    rows, _ = payments(1, 100_000)
    return Built(_file(*[r + "," for r in rows]))


def trailing_blank_lines() -> Built:
    rows, loaded = payments(1, 3)
    return Built(_file(*rows, end="\r\n") + b"\r\n" * 3, loaded)


def doubled_quotes_over_lines() -> Built:
    rows, loaded = payments(2, 2)
    said = 'He said "hi"\nthen left'
    quoted = '"' + said.replace('"', '""') + '"'
    return Built(_file(row("HR1", supplier=quoted), *rows), {"HR1": (said, AMOUNT), **loaded})


OPEN_QUOTE = "a quote is left open"
CASES = [
    # What the reader once lost without a word.
    Hostile("long-field-140k.csv", long_field, counts=(4, 4, 0, 0)),
    Hostile(
        "bare-cr-in-first-row.csv",
        bare_cr_in_first_row,
        counts=(7, 5, 2, 0),
        reasons={"short row: 6 fields": [2], "short row: 2 fields": [3]},
        notes=("1 carriage return alone (without a line feed) read as line ends",),
    ),
    Hostile("bare-cr-between-rows.csv", bare_cr_between_rows, counts=(6, 6, 0, 0)),
    Hostile("open-quote-900-rows-below.csv", open_quote(900), counts=(902, 901, 1, 0), reasons={OPEN_QUOTE: [3]}),
    Hostile("open-quote-closed-later.csv", open_quote_closed_later, counts=(10, 9, 1, 0), reasons={OPEN_QUOTE: [4]}),
    Hostile("open-quote-on-last-line.csv", open_quote_on_last_line, counts=(5, 4, 1, 0), reasons={OPEN_QUOTE: [6]}),
    Hostile(
        "two-line-quoted-title.csv",
        two_line_title,
        counts=(5, 4, 1, 0),
        reasons={"Paid Date '31/02/2024' is not a date": [8]},
        header_row=3,
    ),
    # Rows over several lines, and line ends of every kind.
    Hostile(
        "values-over-several-lines.csv",
        multiline_values,
        counts=(7, 6, 1, 0),
        reasons={"Paid Date '31/02/2024' is not a date": [8]},
    ),
    Hostile("lone-cr-in-a-quoted-value.csv", lone_cr_in_quoted_value, counts=(4, 4, 0, 0)),
    Hostile("cr-only-line-ends.csv", line_ends("\r"), counts=(9, 9, 0, 0)),
    Hostile("crlf-and-lf.csv", line_ends("\r\n", "\n"), counts=(9, 9, 0, 0)),
    Hostile("crlf-lf-and-cr.csv", line_ends("\r\n", "\n", "\r"), counts=(9, 9, 0, 0)),
    Hostile("doubled-cr.csv", line_ends("\r\r\n"), counts=(9, 9, 0, 0), notes=("10 blank lines skipped",)),
    Hostile("trailing-blank-crlf-lines.csv", trailing_blank_lines, counts=(3, 3, 0, 0)),
    Hostile("doubled-quotes-over-lines.csv", doubled_quotes_over_lines, counts=(3, 3, 0, 0)),
    # Encodings, decided per character.
    Hostile(
        "one-windows-1252-byte-on-the-last-row.csv",
        stray_cp1252_on_last_row,
        counts=(9, 9, 0, 0),
        notes=(
            "CSV, UTF-8 (1 byte not UTF-8, each read as Windows-1252)",
            "1 character not UTF-8 read as Windows-1252",
            "'é' on row 10",
        ),
    ),
    Hostile(
        "windows-1252-beside-utf-8-on-one-row.csv",
        stray_cp1252_beside_utf8,
        counts=(4, 4, 0, 0),
        notes=("'£' on row 5",),
    ),
    Hostile(
        "utf-16-le-no-bom.csv", utf16("utf-16-le"), counts=(5, 5, 0, 0), notes=("UTF-16 (little-endian) (without",)
    ),
    Hostile("utf-16-be-no-bom.csv", utf16("utf-16-be"), counts=(5, 5, 0, 0), notes=("UTF-16 (big-endian)",)),
    Hostile("utf-16-be-bom.csv", utf16("utf-16-be", b"\xfe\xff"), counts=(5, 5, 0, 0), notes=("UTF-16 with byte",)),
    Hostile("utf-8-bom-semicolons.csv", bom_semicolons, counts=(4, 4, 0, 0), notes=("UTF-8 with byte-order mark",)),
    Hostile("nul-bytes.csv", nul_bytes, counts=(4, 4, 0, 0), notes=("3 NUL characters removed",)),
    Hostile("windows-1252-cr-only.csv", cp1252_cr_only, counts=(4, 4, 0, 0), notes=("Windows-1252",)),
    # Not exports at all, or nothing in them.
    Hostile("binary-junk.csv", binary_junk, error="binary-junk.csv: this is a binary file"),
    Hostile("pdf-renamed.csv", pdf_with_leading_bytes, error="pdf-renamed.csv: this is a PDF document"),
    Hostile("gzip-of-gzip.csv.gz", gzip_of_gzip, error="holds another compressed file"),
    Hostile("gzip-of-nothing.csv.gz", gzip_of_nothing, error="gzip-of-nothing.csv.gz: the file is empty."),
    Hostile("zip-named.xlsx", zip_named_xlsx, error="zip-named.xlsx: this is a zip archive, not an export"),
    Hostile("damaged-workbook.xlsx", damaged_workbook, error="damaged-workbook.xlsx: the Excel workbook cannot be"),
    Hostile("bom-only.csv", bom_only, error="bom-only.csv: the file is empty."),
    Hostile("huge-single-line.csv", huge_single_line, error="huge-single-line.csv: row 1"),
    Hostile("gzip-of-utf-16.csv.gz", gzip_of_utf16, counts=(3, 3, 0, 0), notes=("gzip-compressed CSV, UTF-16",)),
    Hostile("header-without-line-end.csv", header_without_line_end, counts=(0, 0, 0, 0)),
    Hostile("header-then-blank-lines.csv", header_then_blank_lines, counts=(0, 0, 0, 0)),
    # Workbooks.
    Hostile(
        "stray-cell-at-xfd1048576.xlsx",
        workbook_with_far_stray_cell,
        counts=(21, 20, 1, 0),
        reasons={"long row: 16384 fields where the header has 7; kept as written (its first and last": [1_048_576]},
    ),
    Hostile("short-workbook-rows.xlsx", workbook_with_short_rows, counts=(6, 6, 0, 0)),
    Hostile("workbook-header-only.xlsx", workbook_header_only, counts=(0, 0, 0, 0)),
    Hostile("workbook-blank-first-sheet.xlsx", workbook_blank_sheet_first, counts=(3, 3, 0, 0)),
    # Shapes.
    Hostile("600-columns.csv", wide(600), counts=(200, 200, 0, 0)),
    Hostile("3000-columns.csv", wide(3000), counts=(200, 200, 0, 0)),
    Hostile(
        "50000-blank-lines.csv",
        many_blank_lines,
        counts=(6, 5, 1, 0),
        reasons={"Amount 'lots' is not an amount of money": [50_008]},
        notes=("50,001 blank lines skipped",),
    ),
    Hostile("trailing-commas.csv", trailing_commas, counts=(4, 4, 0, 0)),
    Hostile("everything-quoted.csv", everything_quoted, counts=(5, 5, 0, 0)),
    Hostile("spaces-around-quotes.csv", spaces_around_quotes, counts=(4, 4, 0, 0)),
    Hostile("tabs-and-quotes.tsv", tabs_and_quotes, counts=(4, 4, 0, 0)),
    Hostile("pipes.txt", pipes, counts=(4, 4, 0, 0)),
    Hostile("thirty-line-preamble.csv", long_preamble, counts=(3, 3, 0, 0), header_row=32),
    Hostile(
        "header-repeated-inside.csv",
        header_repeated_inside,
        counts=(7, 6, 1, 0),
        reasons={"Paid Date 'Paid Date' is not a date": [5]},
    ),
    Hostile(
        "17000-fields-on-a-row.csv",
        too_many_fields,
        counts=(4, 3, 1, 0),
        reasons={"long row: 17007 fields where the header has 7": [5]},
    ),
    Hostile(
        "100000-rows-one-field-too-many.csv",
        every_row_one_field_too_many,
        counts=(100_000, 0, 100_000, 0),
        reasons={"long row: 8 fields where the header has 7": list(range(2, 100_002))},
    ),
    # About 10 MB each.
    Hostile("ten-mb.csv", ten_mb(), counts=(95_000, 95_000, 0, 0)),
    Hostile(
        "ten-mb-values-over-two-lines.csv",
        ten_mb(_every_fiftieth_over_two_lines),
        counts=(95_000, 95_000, 0, 0),
    ),
    Hostile(
        "ten-mb-open-quote-on-row-2.csv",
        ten_mb(first=row("HR0", supplier='"Kent Office')),
        counts=(95_001, 95_000, 1, 0),
        reasons={OPEN_QUOTE: [2]},
    ),
]
REFUSED = [c for c in CASES if c.error]
IMPORTED = [c for c in CASES if c.counts]


def main() -> None:
    """Import every file of the corpus into a new database and print how long each took, slowest first."""
    import shutil
    import tempfile
    import time
    from pathlib import Path

    from bsdash import sample
    from bsdash.ingest.errors import ExportError
    from bsdash.ingest.pipeline import import_file
    from bsdash.store import db

    with tempfile.TemporaryDirectory(prefix="bsdash-hostile-") as work:
        folder = Path(work)
        print("Building the reference data (a small sample)...", flush=True)
        sample.write_exports(folder / "exports", scale=0.01)
        reference = folder / "reference.duckdb"
        con = db.connect(reference)
        for kind, name in (
            ("departments", "establishment.csv"),
            ("services", "service-catalogue.csv"),
            ("suppliers", "supplier-master.csv"),
            ("reference_map", "reference-map.csv"),
        ):
            import_file(con, folder / "exports" / "reference" / name, kind)
        con.close()
        timings = []
        for case in CASES:
            path = folder / case.name
            path.write_bytes(case.make().content)
            database = folder / "import.duckdb"
            shutil.copy(reference, database)
            con = db.connect(database)
            started = time.perf_counter()
            try:
                outcome = import_file(con, path, "spend").summary()
            except ExportError as error:
                outcome = f"refused: {str(error)[:90]}"
            seconds = time.perf_counter() - started
            con.close()
            timings.append((seconds, path.stat().st_size, case.name, outcome))
            print(f"{seconds:6.2f} s {path.stat().st_size / 1e6:7.2f} MB  {case.name}", flush=True)
            path.unlink()
        slowest = max(timings)
        print(f"\n{len(CASES)} files; the slowest: {slowest[2]} ({slowest[1] / 1e6:.1f} MB) in {slowest[0]:.2f} s")


if __name__ == "__main__":
    main()
