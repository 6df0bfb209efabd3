"""Certificates: templates, issuance, PDFs, verification, revocation, expiry and re-certification."""
