"""Signal receivers: hand-offs only."""

from __future__ import annotations

from typing import Any

from courses.selectors.catalogue import catalogue_version_bump
from courses.selectors.outline import lesson_block_definitions


def course_tree_changed(sender: type, **kwargs: Any) -> None:
    """A course, module or lesson was published, unpublished, moved or deleted: the catalogue's cache is stale."""
    catalogue_version_bump()


def block_settings_changed(sender: object, setting: str, **kwargs: Any) -> None:
    """Blocks added by settings are read once; a change of those settings (in tests) reads them again."""
    if setting in ("COURSES_LESSON_BLOCKS", "COURSES_COMPLETION_REQUIREMENT_BLOCKS"):
        lesson_block_definitions.cache_clear()
