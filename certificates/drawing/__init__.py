"""Drawing a certificate's PDF, in three steps, each module named for the step it takes:

1. `facts_to_layout`: a template and a certificate's facts (`CertificateFacts`, fixed at
   issue time) become a `CertificateLayout` (`layout`: plain values, no models);
2. `layout_to_html`: the layout becomes the certificate's HTML (a Django template);
3. `html_to_pdf`: the HTML drawn as a PDF (by `foundation.pdf`, shared with every PDF of the
   platform), with the signed payload in its metadata.

`pipeline` runs the three steps in that order (an issued certificate, a template's previews,
the check that a template fits one page). `pdf_reading` reads the payload back from a drawn PDF.
"""
