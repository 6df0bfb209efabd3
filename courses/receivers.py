"""Signal receivers: hand-offs only."""

from __future__ import annotations

from typing import Any

from courses.selectors import catalogue_version_bump


def course_tree_changed(sender: type, **kwargs: Any) -> None:
    """A course, module or lesson was published, unpublished, moved or deleted: the catalogue's cache is stale."""
    catalogue_version_bump()
