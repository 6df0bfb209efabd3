"""Signing keys, the signed certificate payload and the signed revocation list."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import random
import stat
import unicodedata
import uuid

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.exceptions import ImproperlyConfigured
from joserfc.jwk import KeySet

from certificates.codes import code_new
from certificates.signing.encoding import PayloadInvalid, b64url_decode, b64url_encode, canonical_json
from certificates.signing.evidence import evidence_digest
from certificates.signing.keys import (
    GENERATED_KEY_NAME,
    jwk,
    jwks,
    key_file_create,
    key_file_read,
    key_id,
    keys_cache_clear,
    keys_from_jwks,
    public_keys,
    signing_key,
)
from certificates.signing.payload import LEGACY_PREFIX, payload_extract, payload_sign, payload_verify, payload_version
from certificates.signing.revocations import revocations_sign, revocations_verify

NAMES = ("José María Núñez Peña", "Ñandú Iñíguez", "Zoë Çelik-Ångström", "Ana")

pytestmark = pytest.mark.usefixtures("english")


def claims_for(name: str, **changes) -> dict:
    claims = {
        "c": code_new(),
        "n": name,
        "k": "Gestión integrada de fronteras",
        "ck": str(uuid.uuid4()),
        "iat": "2026-03-31",
        "exp": "2028-03-31",
        "iss": "OCAM · OIM / IOM",
        "ev": evidence_digest([]),
    }
    return {**claims, **changes}


def pem_file(path, key) -> str:
    path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return str(path)


def hand_signed(body: bytes, key: Ed25519PrivateKey, kid: str) -> str:
    """A payload signed correctly over any body: to test the checks after the signature."""
    signed_part = f"OCAM2.{kid}.{b64url_encode(body)}"
    return f"{signed_part}.{b64url_encode(key.sign(signed_part.encode('ascii')))}"


def create_and_read(path) -> str:
    key_file_create(path)
    return key_id(key_file_read(path).public_key())


# Canonical JSON and base64url


def test_canonical_json_sorts_names_drops_spaces_and_keeps_utf8():
    assert canonical_json({"n": "Núñez", "c": [1, True, None]}) == '{"c":[1,true,null],"n":"Núñez"}'.encode()


@pytest.mark.parametrize("value", [1.5, {"a": [0.0]}, 2**53, {1: "a"}])
def test_canonical_json_refuses_values_without_a_canonical_form(value):
    with pytest.raises(TypeError):
        canonical_json(value)


def test_b64url_decode_refuses_padding_foreign_characters_and_unused_bits():
    assert b64url_decode(b64url_encode(b"\xff\xfe")) == b"\xff\xfe"
    for text in ("__4=", "__4 ", "__+", "_", "__5"):  # "__5" differs from "__4" only in unused bits
        with pytest.raises(PayloadInvalid, match="base64url"):
            b64url_decode(text)


# Keys


def test_key_id_is_the_first_eight_bytes_of_sha256_of_the_raw_key():
    public_key = Ed25519PrivateKey.generate().public_key()
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    assert key_id(public_key) == hashlib.sha256(raw).hexdigest()[:16]


def test_signing_key_is_generated_once_with_mode_0600_and_reused(key_dir):
    kid, key = signing_key()
    path = key_dir / GENERATED_KEY_NAME
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    content = path.read_bytes()
    keys_cache_clear()
    assert signing_key()[0] == kid
    assert path.read_bytes() == content
    assert [p.name for p in key_dir.iterdir()] == [GENERATED_KEY_NAME]
    assert key_id(key.public_key()) == kid


def test_signing_key_is_cached_per_path(key_dir, settings, tmp_path):
    first = signing_key()
    settings.CERTIFICATES_KEY_DIR = tmp_path / "other"
    second = signing_key()
    assert first[0] != second[0]
    settings.CERTIFICATES_KEY_DIR = key_dir
    assert signing_key() is first


def test_processes_racing_to_create_the_key_end_with_one_key(tmp_path):
    path = tmp_path / "race" / GENERATED_KEY_NAME
    with multiprocessing.get_context("fork").Pool(8) as pool:
        kids = pool.map(create_and_read, [path] * 16)
    assert len(set(kids)) == 1
    assert [p.name for p in path.parent.iterdir()] == [GENERATED_KEY_NAME]


def test_configured_key_file_is_used_and_never_created(key_dir, settings, tmp_path):
    key = Ed25519PrivateKey.generate()
    settings.CERTIFICATES_SIGNING_KEY_FILE = pem_file(tmp_path / "configured.pem", key)
    assert signing_key()[0] == key_id(key.public_key())
    keys_cache_clear()
    settings.CERTIFICATES_SIGNING_KEY_FILE = str(tmp_path / "missing.pem")
    with pytest.raises(ImproperlyConfigured, match="cannot be read"):
        signing_key()
    assert not (tmp_path / "missing.pem").exists()


def test_a_key_file_that_is_not_ed25519_is_refused(key_dir, settings, tmp_path):
    settings.CERTIFICATES_SIGNING_KEY_FILE = pem_file(tmp_path / "ec.pem", ec.generate_private_key(ec.SECP256R1()))
    with pytest.raises(ImproperlyConfigured, match="not an Ed25519 key"):
        signing_key()


def test_jwks_publishes_the_current_key_first_then_retired_ones(key_dir, settings, tmp_path):
    retired = Ed25519PrivateKey.generate().public_key()
    retired_file = tmp_path / "retired.json"
    retired_file.write_text(json.dumps({"keys": [jwk(retired)]}))
    settings.CERTIFICATES_RETIRED_KEYS_FILE = str(retired_file)
    kid, key = signing_key()
    published = jwks()
    assert [entry["kid"] for entry in published["keys"]] == [kid, key_id(retired)]
    first = published["keys"][0]
    assert {name: first[name] for name in ("kty", "crv", "alg", "use")} == {
        "kty": "OKP",
        "crv": "Ed25519",
        "alg": "EdDSA",
        "use": "sig",
    }
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    assert first["x"] == b64url_encode(raw)
    assert "=" not in first["x"]
    assert set(keys_from_jwks(published)) == set(public_keys()) == {kid, key_id(retired)}


def test_an_unusable_retired_keys_file_says_so(key_dir, settings, tmp_path):
    retired_file = tmp_path / "retired.json"
    retired_file.write_text('{"keys": [{"kty": "RSA"}]}')
    settings.CERTIFICATES_RETIRED_KEYS_FILE = str(retired_file)
    with pytest.raises(ImproperlyConfigured, match="retired certificate keys file"):
        public_keys()


def good_jwk() -> dict:
    return jwk(Ed25519PrivateKey.generate().public_key())


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        ([], '"keys" list'),
        ({"keys": {}}, '"keys" list'),
        ({"keys": [{**good_jwk(), "kty": "EC"}]}, "not an Ed25519 key"),
        ({"keys": [{**good_jwk(), "crv": "X25519"}]}, "not an Ed25519 key"),
        ({"keys": [{**good_jwk(), "crv": "Ed448"}]}, "not an Ed25519 key"),
        ({"keys": [{**good_jwk(), "d": "AAAA"}]}, "private key"),
        ({"keys": [{**good_jwk(), "alg": "ES256"}]}, "EdDSA"),
        ({"keys": [{**good_jwk(), "use": "enc"}]}, "EdDSA"),
        ({"keys": [{**good_jwk(), "x": b64url_encode(b"\1" * 31)}]}, "32-byte"),
        ({"keys": [{**good_jwk(), "x": good_jwk()["x"] + "="}]}, "base64url"),
        ({"keys": [{**good_jwk(), "kid": "0123456789abcdef"}]}, "does not match"),
        ({"keys": [{**good_jwk(), "kid": 7}]}, "not a valid JSON Web Key"),
        ({"keys": [{name: value for name, value in good_jwk().items() if name != "x"}]}, "not a valid JSON Web Key"),
        ({"keys": [good_jwk()] * 2}, "twice"),
    ],
)
def test_keys_from_jwks_refuses_a_bad_key_set_with_a_clear_message(doc, message):
    with pytest.raises(PayloadInvalid, match=message):
        keys_from_jwks(doc)


def test_keys_from_jwks_derives_a_missing_kid():
    entry = good_jwk()
    kid = entry.pop("kid")
    assert list(keys_from_jwks({"keys": [entry]})) == [kid]


def test_the_key_set_reads_the_same_in_joserfc_and_round_trips_our_keys(key_dir):
    """What another JOSE implementation reads from our key set: the same keys under the same ids."""
    signing_key()
    published = json.loads(json.dumps(jwks()))

    read = KeySet.import_key_set(published)

    raw = serialization.Encoding.Raw, serialization.PublicFormat.Raw
    assert {key.kid: key.public_key.public_bytes(*raw) for key in read} == {
        kid: key.public_bytes(*raw) for kid, key in keys_from_jwks(published).items()
    }
    assert [key.as_dict() for key in read] == [dict(entry) for entry in published["keys"]]


def test_a_jwk_lists_its_members_in_the_documented_order():
    """docs/certificate-payload.md shows kty, crv, x, kid, alg, use: the document served is the same text."""
    assert list(good_jwk()) == ["kty", "crv", "x", "kid", "alg", "use"]


# Payload


def test_payload_round_trip(key_dir):
    claims = claims_for("José María Núñez Peña")
    payload = payload_sign(claims)
    prefix, kid, body, signature = payload.split(".")
    assert (prefix, kid) == ("OCAM2", signing_key()[0])
    assert json.loads(b64url_decode(body)) == claims
    assert len(b64url_decode(signature)) == 64
    assert payload_verify(payload) == claims


def test_a_name_given_in_nfd_is_signed_in_nfc_and_verifies(key_dir):
    decomposed = unicodedata.normalize("NFD", "José María Núñez Peña")
    assert decomposed != "José María Núñez Peña"
    claims = payload_verify(payload_sign(claims_for(decomposed)))
    assert claims["n"] == "José María Núñez Peña"
    assert unicodedata.is_normalized("NFC", claims["n"])


def test_a_payload_with_an_nfd_name_is_refused_even_if_signed(key_dir):
    kid, key = signing_key()
    claims = claims_for(unicodedata.normalize("NFD", "Ñandú Iñíguez"))
    with pytest.raises(PayloadInvalid, match="normal form C"):
        payload_verify(hand_signed(canonical_json(claims), key, kid))


def test_every_single_byte_mutation_of_a_payload_is_refused(key_dir):
    rng = random.Random(20261201)
    payloads = [payload_sign(claims_for(name)) for name in NAMES]
    payloads.append(payload_sign(claims_for("Peña Muñoz", exp=None)))
    mutations = 0
    for payload in payloads:
        assert payload_verify(payload)["c"]
        data = payload.encode("ascii")
        for position in range(len(data)):
            for replacement in rng.sample([byte for byte in range(256) if byte != data[position]], 2):
                mutated = data[:position] + bytes([replacement]) + data[position + 1 :]
                with pytest.raises(PayloadInvalid):
                    payload_verify(mutated.decode("latin-1"))
                mutations += 1
    assert mutations >= 2000


def test_a_change_in_the_unused_bits_of_the_signature_is_refused(key_dir):
    payload = payload_sign(claims_for("Ana"))
    # 64 bytes take 86 characters; the last one carries 2 bits, so its low 4 bits are unused.
    last = payload[-1]
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    twin = alphabet[alphabet.index(last) ^ 1]
    with pytest.raises(PayloadInvalid, match="base64url"):
        payload_verify(payload[:-1] + twin)


def test_a_payload_signed_by_another_key_is_refused(key_dir, settings, tmp_path):
    ours = public_keys()
    settings.CERTIFICATES_KEY_DIR = tmp_path / "stranger"
    stranger_payload = payload_sign(claims_for("José María Núñez Peña"))
    with pytest.raises(PayloadInvalid, match="unknown key"):
        payload_verify(stranger_payload, ours)


def test_a_forged_payload_naming_our_key_id_is_refused(key_dir):
    kid, _key = signing_key()
    forged = hand_signed(canonical_json(claims_for("Ana")), Ed25519PrivateKey.generate(), kid)
    with pytest.raises(PayloadInvalid, match="signature does not match"):
        payload_verify(forged)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b'{"c": "x"}', "not canonical"),
        (b'{"a":1,"a":2}', "repeats a name"),
        (b'{"a":1.5}', "not an integer"),
        (b"\xff", "UTF-8"),
        (b"[]", "exactly"),
    ],
)
def test_a_signed_body_that_is_not_canonical_claims_is_refused(key_dir, body, message):
    kid, key = signing_key()
    with pytest.raises(PayloadInvalid, match=message):
        payload_verify(hand_signed(body, key, kid))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"c": "0123456789ABCD"}, "canonical form"),
        ({"n": "  "}, "non-empty"),
        ({"k": 5}, "non-empty"),
        ({"ck": "not-a-uuid"}, "UUID"),
        ({"ck": str(uuid.uuid4()).upper()}, "UUID"),
        ({"iat": "31/03/2026"}, "YYYY-MM-DD"),
        ({"iat": "2026-02-30"}, "calendar date"),
        ({"exp": "2025-01-01"}, "before iat"),
        ({"extra": 1}, "exactly"),
        ({"ev": "0" * 63}, "SHA-256"),
        ({"ev": "A" * 64}, "SHA-256"),
        ({"ev": None}, "SHA-256"),
    ],
)
def test_payload_sign_refuses_claims_that_do_not_fit_the_schema(key_dir, changes, message):
    with pytest.raises(PayloadInvalid, match=message):
        payload_sign(claims_for("Ana", **changes))


def test_payload_sign_refuses_missing_claims(key_dir):
    claims = claims_for("Ana")
    del claims["iss"]
    with pytest.raises(PayloadInvalid, match="exactly"):
        payload_sign(claims)


def test_a_version_1_payload_signed_before_evidence_was_bound_still_verifies(key_dir):
    legacy_claims = {name: value for name, value in claims_for("Ana").items() if name != "ev"}
    legacy = payload_sign(legacy_claims, prefix=LEGACY_PREFIX)
    assert legacy.startswith("OCAM1.")
    assert payload_verify(legacy) == legacy_claims
    assert payload_version(legacy) == "OCAM1"


def test_each_version_takes_exactly_its_own_claims(key_dir):
    kid, key = signing_key()
    with pytest.raises(PayloadInvalid, match="exactly"):
        payload_sign(claims_for("Ana"), prefix=LEGACY_PREFIX)
    with pytest.raises(PayloadInvalid, match="exactly"):
        payload_sign({name: value for name, value in claims_for("Ana").items() if name != "ev"})
    # A version 2 body signed under the version 1 prefix (and the other way round) is refused too.
    legacy_body = canonical_json({name: value for name, value in claims_for("Ana").items() if name != "ev"})
    with pytest.raises(PayloadInvalid, match="exactly"):
        payload_verify(hand_signed(legacy_body, key, kid))
    signed_part = f"OCAM1.{kid}.{b64url_encode(canonical_json(claims_for('Ana')))}"
    with pytest.raises(PayloadInvalid, match="exactly"):
        payload_verify(f"{signed_part}.{b64url_encode(key.sign(signed_part.encode('ascii')))}")


def test_a_payload_relabelled_as_another_version_is_refused(key_dir):
    payload = payload_sign(claims_for("Ana"))
    with pytest.raises(PayloadInvalid, match="signature does not match"):
        payload_verify("OCAM1" + payload.removeprefix("OCAM2"))


def test_a_payload_is_found_in_a_verification_url_or_surrounded_by_whitespace(key_dir):
    claims = claims_for("Ñandú Iñíguez")
    payload = payload_sign(claims)
    url = f"https://formacion.example.org/certificates/verify/{claims['c']}/#{payload}"
    assert payload_extract(f"\n  {url} \n") == payload
    assert payload_extract(f"\t{payload}\r\n") == payload
    assert payload_verify(f" {url}\n") == claims


def test_a_payload_signed_with_a_retired_key_still_verifies(key_dir, settings, tmp_path):
    old_kid, old_key = signing_key()
    old_payload = payload_sign(claims_for("José María Núñez Peña"))
    retired_file = tmp_path / "retired.json"
    retired_file.write_text(json.dumps({"keys": [jwk(old_key.public_key())]}))
    new_key = Ed25519PrivateKey.generate()
    settings.CERTIFICATES_SIGNING_KEY_FILE = pem_file(tmp_path / "new.pem", new_key)
    settings.CERTIFICATES_RETIRED_KEYS_FILE = str(retired_file)
    keys_cache_clear()
    assert payload_verify(old_payload)["n"] == "José María Núñez Peña"
    assert payload_sign(claims_for("Ana")).split(".")[1] == key_id(new_key.public_key()) != old_kid


# Revocation list

ISSUED_AT = "2026-12-01T10:00:00+00:00"


def revocation_entries() -> list[dict]:
    return [
        {"c": code_new(), "status": "revoked", "at": "2026-11-30"},
        {"c": code_new(), "status": "superseded", "at": "2026-10-01"},
    ]


def test_revocation_list_round_trip(key_dir):
    entries = revocation_entries()
    doc = revocations_sign(entries, issued_at=ISSUED_AT)
    assert (doc["format"], doc["issued_at"], doc["kid"]) == ("ocam-revocations-1", ISSUED_AT, signing_key()[0])
    assert [entry["c"] for entry in doc["entries"]] == sorted(entry["c"] for entry in entries)
    verified = revocations_verify(json.loads(json.dumps(doc)))
    assert verified == {entry["c"]: entry for entry in entries}


@pytest.mark.parametrize(
    "tamper",
    [
        lambda doc: [entry.update(status="revoked") for entry in doc["entries"] if entry["status"] == "superseded"],
        lambda doc: doc["entries"][0].update(at="2020-01-01"),
        lambda doc: doc["entries"].pop(),
        lambda doc: doc["entries"].append({"c": code_new(), "status": "revoked", "at": "2026-11-30"}),
        lambda doc: doc.update(issued_at="2027-12-01T10:00:00+00:00"),
        lambda doc: doc.update(kid="0000000000000000"),
        lambda doc: doc.update(sig=doc["sig"][:-2] + ("AA" if doc["sig"][-2:] != "AA" else "BA")),
        lambda doc: doc.update(format="ocam-revocations-2"),
        lambda doc: doc.update(extra=True),
        lambda doc: doc.pop("sig"),
    ],
)
def test_a_tampered_revocation_list_is_refused(key_dir, tamper):
    doc = json.loads(json.dumps(revocations_sign(revocation_entries(), issued_at=ISSUED_AT)))
    tamper(doc)
    with pytest.raises(PayloadInvalid):
        revocations_verify(doc)


def test_a_revocation_list_signed_by_another_key_is_refused(key_dir, settings, tmp_path):
    ours = public_keys()
    settings.CERTIFICATES_KEY_DIR = tmp_path / "stranger"
    with pytest.raises(PayloadInvalid, match="unknown key"):
        revocations_verify(revocations_sign(revocation_entries(), issued_at=ISSUED_AT), ours)


@pytest.mark.parametrize(
    ("entries", "issued_at", "message"),
    [
        ([{"c": "nope", "status": "revoked", "at": "2026-11-30"}], ISSUED_AT, "canonical form"),
        ([{"c": code_new(), "status": "lost", "at": "2026-11-30"}], ISSUED_AT, "revoked or superseded"),
        ([{"c": code_new(), "status": "revoked"}], ISSUED_AT, "exactly c, status and at"),
        ([], "2026-12-01T10:00:00", "UTC offset"),
        ([], "yesterday", "UTC offset"),
    ],
)
def test_revocations_sign_refuses_bad_entries(key_dir, entries, issued_at, message):
    with pytest.raises(PayloadInvalid, match=message):
        revocations_sign(entries, issued_at=issued_at)


def test_revocations_sign_refuses_a_code_listed_twice(key_dir):
    entry = {"c": code_new(), "status": "revoked", "at": "2026-11-30"}
    with pytest.raises(PayloadInvalid, match="twice"):
        revocations_sign([entry, {**entry, "status": "superseded"}], issued_at=ISSUED_AT)
