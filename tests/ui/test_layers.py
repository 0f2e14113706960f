"""The layers as the README states them: pages only draw (no pandas or numpy, short), only bsdash/ui imports
Streamlit, and the UI's modules import one another one way (no circle)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
PAGES = sorted((ROOT / "pages").glob("*.py"))
MAX_PAGE_LINES = 150


def imported(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            if node.module == "bsdash.ui":
                names |= {f"bsdash.ui.{alias.name}" for alias in node.names}
    return names


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_a_page_imports_no_pandas_or_numpy_and_stays_short(page):
    frames = {name for name in imported(page) if name.split(".")[0] in ("pandas", "numpy", "duckdb")}
    assert frames == set(), f"{page.name} works on data itself: {frames}"
    lines = len(page.read_text(encoding="utf-8").splitlines())
    assert lines < MAX_PAGE_LINES, f"{page.name} has {lines} lines"


# The load test and the deployment stand outside a dashboard and talk to it: they may read Streamlit's messages
# (streamlit.proto) and find its static files (streamlit.file_util), never use its script API.
OUTSIDE_THE_SERVER = {"bench", "deploy"}
SERVER_FACTS = ("streamlit.proto.", "streamlit.file_util")


def test_only_the_ui_imports_streamlit():
    using = []
    for path in (ROOT / "bsdash").rglob("*.py"):
        package = path.relative_to(ROOT / "bsdash").parts[0]
        if package == "ui":
            continue
        names = {n for n in imported(path) if n.split(".")[0] == "streamlit"}
        if package in OUTSIDE_THE_SERVER:
            names = {n for n in names if not n.startswith(SERVER_FACTS)}
        using += [f"{path.relative_to(ROOT)}: {name}" for name in sorted(names)]
    assert using == []


def test_the_ui_modules_import_one_another_without_a_circle():
    modules = {f"bsdash.ui.{p.stem}": p for p in (ROOT / "bsdash" / "ui").glob("*.py")}
    graph = {name: {m for m in imported(path) if m in modules and m != name} for name, path in modules.items()}

    def reaches(start: str, seen: tuple[str, ...]) -> None:
        for following in graph[start]:
            assert following not in seen, " -> ".join([*seen, following])
            reaches(following, (*seen, following))

    for name in graph:
        reaches(name, (name,))
