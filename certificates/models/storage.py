"""Where certificates keep files no URL serves: issued PDFs and bulk-download archives.

Migrations name `certificates.models.PrivateStorage` (its `deconstruct`), so the package
`certificates.models` imports it.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """Files no URL serves directly (issued PDFs, archives): CERTIFICATES_PRIVATE_ROOT, read at each use."""

    def __init__(self) -> None:
        super().__init__(base_url=None)

    @property
    def base_location(self) -> Path:  # type: ignore[override]
        return Path(settings.CERTIFICATES_PRIVATE_ROOT)

    @property
    def location(self) -> str:  # type: ignore[override]
        return str(Path(settings.CERTIFICATES_PRIVATE_ROOT).resolve())

    def deconstruct(self):
        return ("certificates.models.PrivateStorage", (), {})


private_storage = PrivateStorage()
