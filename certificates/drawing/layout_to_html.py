"""Step 2 of 3: from a `CertificateLayout` to the certificate's HTML.

The layout came from step 1 (`facts_to_layout`, or `sample_layout`); next, step 3
(`html_to_pdf`) draws this HTML as a PDF.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation

from certificates.drawing.layout import (
    FRAME_WIDTH_PT,
    SIGNATORY_GAP_MM,
    VERIFICATION_WIDTH_MM,
    CertificateLayout,
    default_labels,
)

TEMPLATE_NAME = "certificates/pdf/certificate.html"


def layout_html(layout: CertificateLayout) -> str:
    """The certificate's HTML, rendered in the layout's language."""
    with translation.override(layout.language):
        context = {
            "c": layout,
            "labels": {**default_labels(), **layout.labels},
            "frame_width_pt": FRAME_WIDTH_PT,
            "verification_width_mm": VERIFICATION_WIDTH_MM,
            "signatory_gap_mm": SIGNATORY_GAP_MM,
        }
        return render_to_string(TEMPLATE_NAME, context)
