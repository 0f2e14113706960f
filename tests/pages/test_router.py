"""Every page runs through the router, whatever link opens it first."""

import ast
from pathlib import Path

import pytest

PAGES = sorted((Path(__file__).parents[2] / "pages").glob("*.py"))


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
