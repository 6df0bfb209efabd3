"""The text of a page's parts for the course tests: its visible heading, tags and spacing removed."""

from __future__ import annotations

import re


def h1_text(html: str) -> str:
    """The page's visible heading, as text ("" when it has none)."""
    match = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.DOTALL)
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split()) if match else ""
