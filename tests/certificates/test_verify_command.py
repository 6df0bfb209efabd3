"""`manage.py certificate_verify`: a third party's offline check of a certificate."""

from __future__ import annotations

import io
import json
import sys
import types
import uuid

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.management import call_command, execute_from_command_line
from django.core.management.base import CommandError
from pypdf import PdfWriter

from certificates.codes import code_display, code_new
from certificates.signing.encoding import b64url_decode, b64url_encode, canonical_json
from certificates.signing.evidence import evidence_digest
from certificates.signing.keys import jwk, jwks, signing_key
from certificates.signing.payload import LEGACY_PREFIX, payload_sign
from certificates.signing.revocations import revocations_sign

ISSUED_AT = "2026-12-01T10:00:00+00:00"
EVIDENCE = [
    {
        "key": "0b6f8a52-1d7e-4c1e-9f0a-2b3c4d5e6f70:5d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
        "type": "entry_registration",
        "type_title": "Register an entry from the traveller's MRZ",
        "title": "Una entrada en Peñas Blancas",
        "score": 100,
        "passed_on": "2026-03-20",
        "attempts": 2,
    }
]

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def claims(key_dir) -> dict:
    return {
        "c": code_new(),
        "n": "José María Núñez Peña",
        "k": "Gestión integrada de fronteras",
        "ck": str(uuid.uuid4()),
        "iat": "2026-03-31",
        "exp": "2028-03-31",
        "iss": "OCAM · OIM / IOM",
        "ev": evidence_digest(EVIDENCE),
    }


@pytest.fixture
def payload(claims) -> str:
    return payload_sign(claims)


def json_file(path, doc) -> str:
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return str(path)


@pytest.fixture
def no_revocations(tmp_path, key_dir) -> str:
    return json_file(tmp_path / "revocations.json", revocations_sign([], issued_at=ISSUED_AT))


def verify(*args: str) -> str:
    out = io.StringIO()
    call_command("certificate_verify", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_a_valid_payload_prints_valid_and_what_the_certificate_says(payload, claims, no_revocations):
    output = verify(payload, "--revocations", no_revocations, "--today", "2027-01-01")
    assert output.startswith("VALID: ")
    assert "Name: José María Núñez Peña" in output
    assert "Course: Gestión integrada de fronteras" in output
    assert "Issued: 2026-03-31" in output
    assert "Expires: 2028-03-31" in output
    assert f"Code: {code_display(claims['c'])}" in output
    assert f"Key id: {signing_key()[0]}" in output


def test_an_expired_certificate_fails_with_expired(payload, no_revocations):
    assert verify(payload, "--revocations", no_revocations, "--today", "2028-03-31").startswith("VALID")
    with pytest.raises(CommandError, match=r"^EXPIRED: .*2028-03-31"):
        verify(payload, "--revocations", no_revocations, "--today", "2028-04-01")


@pytest.mark.parametrize(("status", "word"), [("revoked", "REVOKED"), ("superseded", "SUPERSEDED")])
def test_a_certificate_on_the_signed_revocation_list_fails(payload, claims, tmp_path, status, word):
    doc = revocations_sign([{"c": claims["c"], "status": status, "at": "2026-11-30"}], issued_at=ISSUED_AT)
    out = io.StringIO()
    with pytest.raises(CommandError, match=f"^{word}: .*2026-11-30"):
        call_command("certificate_verify", payload, "--revocations", json_file(tmp_path / "r.json", doc), stdout=out)
    assert "Name: José María Núñez Peña" in out.getvalue()


def test_a_tampered_revocation_list_is_refused(payload, claims, tmp_path):
    doc = revocations_sign([{"c": claims["c"], "status": "revoked", "at": "2026-11-30"}], issued_at=ISSUED_AT)
    doc["entries"] = []
    with pytest.raises(CommandError, match=r"revocation list .* is not valid: The signature does not match"):
        verify(payload, "--revocations", json_file(tmp_path / "r.json", doc))


def test_a_revocations_file_that_is_not_json_is_refused(payload, tmp_path):
    broken = tmp_path / "r.json"
    broken.write_text("{")
    with pytest.raises(CommandError, match="cannot be read as JSON"):
        verify(payload, "--revocations", str(broken))


def test_a_tampered_payload_is_invalid(payload, no_revocations):
    tampered = payload[:-3] + ("AAA" if payload[-3:] != "AAA" else "BBB")
    with pytest.raises(CommandError, match=r"^INVALID: "):
        verify(tampered, "--revocations", no_revocations)


def test_the_verification_url_of_the_qr_code_is_accepted(payload, claims, no_revocations):
    url = f"https://formacion.example.org/certificates/verify/{claims['c']}/#{payload}"
    assert "VALID" in verify(url, "--revocations", no_revocations)


def test_a_text_file_holding_the_payload_is_accepted(payload, no_revocations, tmp_path):
    text_file = tmp_path / "payload.txt"
    text_file.write_text(f"\n{payload}\n")
    assert verify(str(text_file), "--revocations", no_revocations).startswith("VALID")


def pdf_with(metadata: dict[str, str]) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata(metadata)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_the_certificate_pdf_is_accepted(payload, no_revocations, tmp_path):
    pdf = tmp_path / "certificate.pdf"
    pdf.write_bytes(pdf_with({"/OCAMCertificatePayload": payload, "/Title": "Certificado"}))
    output = verify(str(pdf), "--revocations", no_revocations)
    assert output.startswith("VALID")
    assert "José María Núñez Peña" in output


def test_a_pdf_without_a_payload_is_invalid(no_revocations, tmp_path):
    pdf = tmp_path / "other.pdf"
    pdf.write_bytes(pdf_with({"/Title": "Not a certificate"}))
    with pytest.raises(CommandError, match="INVALID: The PDF carries no certificate payload"):
        verify(str(pdf), "--revocations", no_revocations)


def test_a_key_set_file_replaces_the_installation_keys(payload, no_revocations, tmp_path):
    ours = json_file(tmp_path / "ours.json", jwks())
    assert verify(payload, "--keys", ours, "--revocations", no_revocations).startswith("VALID")
    stranger = json_file(tmp_path / "stranger.json", {"keys": [jwk(Ed25519PrivateKey.generate().public_key())]})
    with pytest.raises(CommandError, match=r"INVALID: .*unknown key"):
        verify(payload, "--keys", stranger, "--revocations", no_revocations)


def test_a_bad_key_set_file_is_refused(payload, tmp_path):
    bad = json_file(tmp_path / "bad.json", {"keys": [{"kty": "RSA"}]})
    with pytest.raises(CommandError, match=r"key set .* is not valid"):
        verify(payload, "--keys", bad)


def test_the_installation_revocation_list_is_the_default(payload, claims, monkeypatch):
    doc = revocations_sign([{"c": claims["c"], "status": "revoked", "at": "2026-11-30"}], issued_at=ISSUED_AT)
    selectors = types.ModuleType("certificates.selectors")
    selectors.revocation_document = lambda: doc
    monkeypatch.setitem(sys.modules, "certificates.selectors", selectors)
    with pytest.raises(CommandError, match=r"^REVOKED"):
        verify(payload)


def test_a_bad_today_is_refused(payload, no_revocations):
    with pytest.raises(CommandError, match="--today"):
        verify(payload, "--revocations", no_revocations, "--today", "tomorrow")


def test_exit_status_is_0_only_for_a_valid_certificate(payload, no_revocations, capsys):
    execute_from_command_line(["manage.py", "certificate_verify", payload, "--revocations", no_revocations])
    assert capsys.readouterr().out.startswith("VALID")
    with pytest.raises(SystemExit) as exit_info:
        execute_from_command_line(["manage.py", "certificate_verify", payload[:-1], "--revocations", no_revocations])
    assert exit_info.value.code == 1
    assert "INVALID" in capsys.readouterr().err


# The evidence: the exercises passed, bound by the payload's digest


def test_the_evidence_digest_and_format_are_printed(payload, claims, no_revocations):
    output = verify(payload, "--revocations", no_revocations, "--today", "2027-01-01")
    assert "Format: OCAM2" in output
    assert f"Evidence digest (SHA-256): {claims['ev']}" in output


def test_the_evidence_of_the_verification_page_is_checked_against_the_digest(payload, no_revocations, tmp_path):
    # As the page shows it: indented, the names in another order; the digest is over its canonical JSON.
    text = json.dumps([dict(reversed(entry.items())) for entry in EVIDENCE], ensure_ascii=False, indent=2)
    (tmp_path / "evidence.json").write_text(text, encoding="utf-8")
    output = verify(payload, "--revocations", no_revocations, "--evidence", str(tmp_path / "evidence.json"))
    assert output.startswith("VALID: ")
    assert "Exercises passed, as signed: 1" in output
    line = "- Una entrada en Peñas Blancas (Register an entry from the traveller's MRZ): 100%, passed on 2026-03-20"
    assert f"{line} at attempt 2" in output


@pytest.mark.parametrize(
    "tamper",
    [
        lambda evidence: evidence[0].update(score=90),
        lambda evidence: evidence[0].update(attempts=1),
        lambda evidence: evidence[0].update(title="Otra entrada"),
        lambda evidence: evidence.append(dict(evidence[0], key="another:exercise")),
        lambda evidence: evidence.clear(),
    ],
)
def test_evidence_that_the_digest_does_not_bind_is_invalid(payload, no_revocations, tmp_path, tamper):
    evidence = json.loads(json.dumps(EVIDENCE))
    tamper(evidence)
    path = json_file(tmp_path / "evidence.json", evidence)
    with pytest.raises(CommandError, match=r"^INVALID: .*does not match the digest"):
        verify(payload, "--revocations", no_revocations, "--evidence", path)


def test_a_payload_whose_evidence_digest_was_changed_is_invalid(payload, claims, no_revocations, tmp_path):
    """Whoever replaces the digest (to vouch for other exercises) breaks the signature."""
    prefix, kid, body, signature = payload.split(".")
    forged_claims = {**json.loads(b64url_decode(body)), "ev": evidence_digest([])}
    forged = f"{prefix}.{kid}.{b64url_encode(canonical_json(forged_claims))}.{signature}"
    with pytest.raises(CommandError, match=r"^INVALID: .*signature"):
        verify(forged, "--revocations", no_revocations, "--evidence", json_file(tmp_path / "evidence.json", []))


def test_a_version_1_payload_still_verifies_and_binds_no_evidence(claims, no_revocations, tmp_path):
    legacy = payload_sign({name: value for name, value in claims.items() if name != "ev"}, prefix=LEGACY_PREFIX)
    assert legacy.startswith("OCAM1.")
    output = verify(legacy, "--revocations", no_revocations, "--today", "2027-01-01")
    assert output.startswith("VALID: ")
    assert "Format: OCAM1" in output
    assert "Evidence digest (SHA-256): none (a version 1 payload binds no evidence)" in output
    with pytest.raises(CommandError, match=r"^INVALID: .*OCAM1.* binds no evidence"):
        verify(legacy, "--revocations", no_revocations, "--evidence", json_file(tmp_path / "evidence.json", EVIDENCE))
