"""Every page runs through the router, whatever link opens it first."""

import ast
from pathlib import Path

import pytest

from bsdash.governance import access

ROOT = Path(__file__).parents[2]
PAGES = sorted((ROOT / "pages").glob("*.py"))


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_every_page_first_makes_sure_it_runs_through_the_router(page):
    body = [
        node
        for node in ast.parse(page.read_text()).body
        if not isinstance(node, ast.Import | ast.ImportFrom | ast.Expr) or not _is_docstring(node)
    ]
    first = next(node for node in body if not isinstance(node, ast.Import | ast.ImportFrom))
    assert ast.unparse(first) == "through_router()", f"{page.name} must call through_router() before anything else"


def _is_docstring(node: ast.AST) -> bool:
    return isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)


@pytest.mark.parametrize("spec", access.PAGES, ids=[spec.key or "overview" for spec in access.PAGES])
def test_the_shared_filter_panel_is_drawn_exactly_for_the_pages_that_read_it(spec):
    """A panel on a page that does not read it would change nothing on that page; a page reading the filters with
    no panel would have no way to set them."""
    calls = {
        getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        for node in ast.walk(ast.parse((ROOT / spec.script).read_text()))
        if isinstance(node, ast.Call)
    }
    assert ("current" in calls) == spec.shared_filters, spec.script
