"""Sources are cited by their path in the shared notes, never by a path of one machine."""

from __future__ import annotations

import re

from tests.layout import PROJECT_PACKAGES, ROOT

# A folder of one machine: the workspace, a home directory, root's home. Written as a pattern so
# that this file does not name one itself.
MACHINE_PATH = re.compile(r"/(?:work|home|root)/")


def test_no_file_names_a_path_of_the_machine_it_was_written_on():
    found = []
    for package in (*PROJECT_PACKAGES, "docs", "bench"):
        for path in sorted((ROOT / package).rglob("*")):
            if path.suffix not in {".py", ".md", ".html", ".txt"} or "__pycache__" in path.parts:
                continue
            text = path.read_text(encoding="utf-8")
            found += [f"{path.relative_to(ROOT)}: {match}" for match in MACHINE_PATH.findall(text)]
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found += [f"README.md: {match}" for match in MACHINE_PATH.findall(text)]
    assert found == []
