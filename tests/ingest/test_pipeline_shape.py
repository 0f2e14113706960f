"""The import is one straight pipeline: a file goes down the stages once, in order, and no stage reaches another.

Checked twice: statically, on the import graph of bsdash/ingest/ (a stage imports no other stage, and nothing a
stage imports leads back to one), and on a real trip, by recording the stages as the runner calls them.
"""

import ast
from pathlib import Path

import bsdash.ingest.pipeline as pipeline
from tests.conftest import write_csv

INGEST = Path(pipeline.__file__).parent
STAGES = ("read", "header", "columns", "check", "events", "classify", "write", "refresh")
# Above the stages: the runner, and what runs it (the reference map as edited in the dashboard).
RUNNERS = ("pipeline", "reference_map")


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(INGEST).with_suffix("").parts)


def ingest_imports(path: Path) -> set[str]:
    """The bsdash.ingest modules a module imports (its package's __init__ counts as the package)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        for name in names:
            if name.startswith("bsdash.ingest."):
                module = name.removeprefix("bsdash.ingest.")
                if (INGEST / f"{module.replace('.', '/')}.py").exists() or (INGEST / module.replace(".", "/")).is_dir():
                    found.add(module)
    return found


def graph() -> dict[str, set[str]]:
    return {module_name(p): ingest_imports(p) for p in INGEST.rglob("*.py") if p.name != "__init__.py"}


def reachable(start: str, edges: dict[str, set[str]]) -> set[str]:
    seen, todo = set(), list(edges.get(start, ()))
    while todo:
        module = todo.pop()
        if module in seen:
            continue
        seen.add(module)
        todo += [*edges.get(module, ()), *(m for m in edges if m.startswith(module + "."))]
    return seen


def test_the_runner_lists_the_stages_in_order_one_entry_each():
    assert [f.__module__.removeprefix("bsdash.ingest.") for f in pipeline.STAGES] == list(STAGES)
    for stage, entry in zip(STAGES, pipeline.STAGES, strict=True):
        tree = ast.parse((INGEST / f"{stage}.py").read_text(encoding="utf-8"))
        public = [n.name for n in tree.body if isinstance(n, ast.FunctionDef) and not n.name.startswith("_")]
        assert public == [entry.__name__], f"{stage}.py has more than one entry: {public}"


def test_no_stage_imports_another_stage_or_anything_that_leads_to_one():
    edges = graph()
    assert set(STAGES) <= set(edges)
    for stage in STAGES:
        assert not (edges[stage] & set(STAGES)), f"{stage} imports {edges[stage] & set(STAGES)}"
        leads_to = reachable(stage, edges) & {*STAGES, *RUNNERS}
        assert not leads_to, f"{stage} reaches {leads_to} through the modules it imports"


def test_the_helpers_the_stages_share_reach_no_stage():
    edges = graph()
    helpers = [m for m in edges if m not in STAGES and m not in RUNNERS]
    assert {"trip", "kinds.model", "sql", "values", "names"} <= set(helpers)
    for helper in helpers:
        assert not (reachable(helper, edges) & {*STAGES, *RUNNERS}), helper


def test_a_file_goes_down_the_stages_once_in_order(reference_db, tmp_path, monkeypatch):
    called: list[str] = []

    def recorded(stage):
        def run(trip):
            called.append(stage.__module__.removeprefix("bsdash.ingest."))
            return stage(trip)

        return run

    monkeypatch.setattr(pipeline, "READING", tuple(recorded(s) for s in pipeline.READING))
    monkeypatch.setattr(pipeline, "WRITING", tuple(recorded(s) for s in pipeline.WRITING))
    path = write_csv(tmp_path / "spend.csv", "Paid Date,Supplier,Amount", "01/04/2024,Acme,10.00")
    report = pipeline.import_file(reference_db, path, "spend")
    assert report.loaded == 1
    assert called == list(STAGES)

    called.clear()
    again = pipeline.import_file(reference_db, path, "spend")  # the same bytes: the trip ends after stage 1
    assert again.skipped and called == ["read"]
