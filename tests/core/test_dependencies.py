"""Every package the code imports is a direct dependency, never pinned only as something pulled in.

The locks (`requirements.txt`, `requirements-dev.txt`) are compiled from the direct dependencies
in `requirements.in` and `requirements-dev.in` (README, "Updating dependencies"). A package the
code imports but that is only in a lock would vanish, unnoticed, the day the dependency that
pulls it in drops it.
"""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
from pathlib import Path

from tests.layout import PROJECT_PACKAGES, ROOT

TEST_PACKAGES = ("tests", "bench")


def _normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _direct(requirements_in: Path) -> set[str]:
    names = set()
    for line in requirements_in.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("-r "):
            names |= _direct(requirements_in.parent / line[3:].strip())
        elif line and not line.startswith("-"):
            names.add(_normalised(re.split(r"[\[=<>~!; ]", line, maxsplit=1)[0]))
    return names


def _imported_distributions(packages: tuple[str, ...]) -> dict[str, set[str]]:
    """Distribution -> the files that import it, for the third-party imports of `packages`."""
    distributions = importlib.metadata.packages_distributions()
    ours = set(PROJECT_PACKAGES) | set(TEST_PACKAGES)
    found: dict[str, set[str]] = {}
    for package in packages:
        root = ROOT / package
        for path in sorted(root.rglob("*.py")) if root.is_dir() else [root]:
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    modules = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    modules = [node.module]
                else:
                    continue
                for module in modules:
                    top = module.partition(".")[0]
                    if top in ours or top in sys.stdlib_module_names:
                        continue
                    for distribution in distributions.get(top, [f"(no distribution provides {top!r})"]):
                        found.setdefault(_normalised(distribution), set()).add(str(path.relative_to(ROOT)))
    return found


def test_the_code_imports_only_its_direct_runtime_dependencies():
    direct = _direct(ROOT / "requirements.in")
    imported = _imported_distributions((*PROJECT_PACKAGES, "manage.py"))
    assert {name: sorted(files)[:3] for name, files in imported.items() if name not in direct} == {}


def test_the_tests_and_benchmarks_import_only_direct_dependencies():
    direct = _direct(ROOT / "requirements-dev.in")
    imported = _imported_distributions(TEST_PACKAGES)
    assert {name: sorted(files)[:3] for name, files in imported.items() if name not in direct} == {}


def test_each_lock_pins_every_direct_dependency_with_hashes():
    for source, lock in (("requirements.in", "requirements.txt"), ("requirements-dev.in", "requirements-dev.txt")):
        text = (ROOT / lock).read_text(encoding="utf-8")
        pinned = {
            _normalised(name) for name in re.findall(r"^([A-Za-z0-9_.\-]+)==\S+ \\\n\s+--hash=sha256:", text, re.M)
        }
        assert _direct(ROOT / source) - pinned == set(), lock
