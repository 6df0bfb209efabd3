"""Selectors read for a viewer, never for a request (issue 17): they take the viewer, the
language, the filters; the views and page models unpack the request."""

from __future__ import annotations

import ast

from tests.layout import PROJECT_PACKAGES, ROOT


def _selector_modules():
    for package in PROJECT_PACKAGES:
        root = ROOT / package
        yield from root.rglob("selectors.py")
        for folder in root.rglob("selectors"):
            if folder.is_dir():
                yield from folder.rglob("*.py")


def test_no_selector_takes_a_request():
    modules = sorted(set(_selector_modules()))
    assert modules, "no selector module found"
    found = []
    for path in modules:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            arguments = node.args.posonlyargs + node.args.args + node.args.kwonlyargs
            for argument in arguments:
                annotation = ast.unparse(argument.annotation) if argument.annotation else ""
                if argument.arg == "request" or "HttpRequest" in annotation:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}({argument.arg})")
    assert found == []
