"""The project's own packages: the root packages of `.importlinter`, one per top-level folder.

Tests that look through the project's code (plural forms, dates, translations, the URLs the
authorization matrix must cover) take them from here, so that a new top-level app is never
left out of what they check.
"""

from __future__ import annotations

import configparser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _root_packages() -> tuple[str, ...]:
    contract = configparser.ConfigParser()
    contract.read(ROOT / ".importlinter", encoding="utf-8")
    return tuple(contract["importlinter"]["root_packages"].split())


PROJECT_PACKAGES = _root_packages()


def is_project_module(module: str) -> bool:
    """Whether the dotted `module` is one of the project's own."""
    return module.partition(".")[0] in PROJECT_PACKAGES
