"""Sources are cited by their path in the shared notes, never by a path of one machine."""

from __future__ import annotations

from tests.layout import PROJECT_PACKAGES, ROOT

MACHINE_PATHS = ("/work/", "/home/", "/root/")


def test_no_file_names_a_path_of_the_machine_it_was_written_on():
    found = []
    for package in (*PROJECT_PACKAGES, "docs", "bench"):
        for path in sorted((ROOT / package).rglob("*")):
            if path.suffix not in {".py", ".md", ".html", ".txt"} or "__pycache__" in path.parts:
                continue
            text = path.read_text(encoding="utf-8")
            found += [f"{path.relative_to(ROOT)}: {marker}" for marker in MACHINE_PATHS if marker in text]
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found += [f"README.md: {marker}" for marker in MACHINE_PATHS if marker in text]
    assert found == []
