"""Reading a drawn certificate back (after step 3, `html_to_pdf`): the signed payload it carries.

Pages, text and other metadata are read by `foundation.pdf.reading`.
"""

from __future__ import annotations

from certificates.drawing.html_to_pdf import PAYLOAD_METADATA_KEY
from foundation.pdf.reading import metadata_from_pdf


def payload_from_pdf(data: bytes) -> str | None:
    """The signed payload a certificate's PDF carries, if any."""
    return metadata_from_pdf(data, PAYLOAD_METADATA_KEY)
