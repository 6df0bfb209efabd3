"""Step 3 of 3: the certificate's HTML drawn as a PDF, with its signed payload in the PDF's metadata.

The HTML came from step 2 (`layout_to_html`). The drawing itself, and what a document may
load, belong to `foundation.pdf.rendering`, shared with every other PDF of the platform;
`pdf_reading` reads the payload back.
"""

from __future__ import annotations

from foundation.pdf.rendering import render_pdf

PAYLOAD_METADATA_KEY = "/OCAMCertificatePayload"


def signed_pdf(html: str, *, payload: str) -> bytes:
    """The PDF of a certificate's HTML, carrying `payload` in its information dictionary."""
    return render_pdf(html, metadata={PAYLOAD_METADATA_KEY: payload})


def unsigned_pdf(html: str) -> bytes:
    """The PDF of a preview's HTML: no payload, since nothing was issued."""
    return render_pdf(html)
