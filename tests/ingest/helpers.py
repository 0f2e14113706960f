"""Reading a file as far as the preview goes (stages 1 to 3), for tests of the header and the columns."""

from pathlib import Path

from bsdash.ingest.mapping import Mapping
from bsdash.ingest.pipeline import preview_file
from bsdash.ingest.preview import Preview


def preview_text(folder: Path, text: str, kind: str, *, mapping: Mapping | None = None, name: str = "x.csv") -> Preview:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return preview_file(path, kind, mapping=mapping)


def found(preview: Preview) -> dict[str, str]:
    """Our column's header -> the file's header, for the columns found."""
    return {c.ours: c.theirs for c in preview.columns if c.theirs}


def how(preview: Preview, ours: str) -> str:
    return next(c.how for c in preview.columns if c.ours == ours)
