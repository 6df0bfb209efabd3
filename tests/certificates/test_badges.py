"""Open Badges 3.0 credentials and their eddsa-jcs-2022 Data Integrity proof."""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import unicodedata

import pytest

from certificates.badges import (
    BadgeFacts,
    badge_credential,
    badge_verify,
    base58btc_decode,
    base58btc_encode,
)
from certificates.codes import code_new
from certificates.signing.encoding import PayloadInvalid, canonical_json
from certificates.signing.keys import public_keys, signing_key

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def key_dir(key_dir, settings):
    """The shared fresh key directory, on a public site address."""
    settings.SITE_URL = "https://formacion.example.org"
    return key_dir


EXERCISE = {
    "key": "0b6f8a52-1d7e-4c1e-9f0a-2b3c4d5e6f70:5d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
    "type": "entry_registration",
    "type_title": "Register an entry from the traveller's MRZ",
    "title": "Una entrada en Peñas Blancas",
    "score": 90,
    "passed_on": "2026-01-10",
    "attempts": 2,
}


def facts_for(
    *,
    learner_name: str = "José María Núñez Peña",
    expires_on: dt.date | None = dt.date(2028, 1, 15),
    exercises: tuple[dict, ...] = (),
):
    code = code_new()
    return BadgeFacts(
        code=code,
        learner_name=learner_name,
        course_title="Gestión integrada de fronteras",
        course_description="Control fronterizo, derechos humanos y cooperación regional.",
        course_url="https://formacion.example.org/cursos/gestion-integrada/",
        issued_on=dt.date(2026, 1, 15),
        expires_on=expires_on,
        issuer_name="OCAM · OIM / IOM",
        issuer_url="https://formacion.example.org/",
        verification_url=f"https://formacion.example.org/certificates/verify/{code}/",
        achievement_id="https://formacion.example.org/certificates/achievements/6b1c0d6e-3f0a-4f7e-9d55-1e2b3c4d5e6f",
        exercises=exercises,
    )


def leaf_paths(value, path=()):
    """Every (path, value) of the document's strings, booleans and list items that are not containers."""
    if isinstance(value, dict):
        for name, item in value.items():
            yield from leaf_paths(item, (*path, name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from leaf_paths(item, (*path, index))
    else:
        yield path, value


def with_leaf(doc, path, new_value):
    changed = copy.deepcopy(doc)
    target = changed
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = new_value
    return changed


def test_base58btc_known_answers():
    assert base58btc_encode(b"Hello World!") == "2NEpo7TZRRrLZSi2U"
    assert base58btc_encode(bytes.fromhex("0000287fb4cd")) == "11233QC4"
    assert base58btc_decode("11233QC4") == bytes.fromhex("0000287fb4cd")
    assert base58btc_encode(b"") == ""


def test_base58btc_refuses_characters_outside_the_alphabet():
    for text in ("0abc", "Oabc", "Iabc", "labc", "ab c"):
        with pytest.raises(PayloadInvalid, match="base58btc"):
            base58btc_decode(text)


def test_badge_round_trip_through_json(key_dir):
    credential = badge_credential(facts_for())
    received = json.loads(json.dumps(credential, ensure_ascii=False, indent=2))
    assert badge_verify(received) is True


def test_badge_has_the_open_badges_3_shape(key_dir):
    facts = facts_for()
    credential = badge_credential(facts)
    kid, _key = signing_key()
    assert credential["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["id"] == facts.verification_url
    assert credential["issuer"] == {"id": facts.issuer_url, "type": ["Profile"], "name": "OCAM · OIM / IOM"}
    assert (credential["validFrom"], credential["validUntil"]) == ("2026-01-15T00:00:00Z", "2028-01-15T00:00:00Z")
    subject = credential["credentialSubject"]
    assert subject["type"] == ["AchievementSubject"]
    assert subject["name"] == "José María Núñez Peña"
    assert subject["identifier"] == [
        {"type": "IdentityObject", "identityHash": "José María Núñez Peña", "identityType": "name", "hashed": False}
    ]
    achievement = subject["achievement"]
    assert achievement["id"] == facts.achievement_id
    assert achievement["type"] == ["Achievement"]
    assert achievement["name"] == facts.course_title
    assert achievement["description"] == facts.course_description
    assert "Gestión integrada de fronteras" in achievement["criteria"]["narrative"]
    proof = credential["proof"]
    assert proof["type"] == "DataIntegrityProof"
    assert proof["cryptosuite"] == "eddsa-jcs-2022"
    assert proof["proofPurpose"] == "assertionMethod"
    assert proof["verificationMethod"] == f"https://formacion.example.org/.well-known/ocam-certificate-keys.json#{kid}"
    assert proof["created"] == "2026-01-15T00:00:00Z"
    assert proof["proofValue"].startswith("z")


def test_the_exercises_passed_are_result_descriptions_results_and_evidence(key_dir):
    facts = facts_for(exercises=(EXERCISE,))
    credential = badge_credential(facts)
    description_id = f"{facts.achievement_id}/exercises/{EXERCISE['key']}"
    assert credential["credentialSubject"]["achievement"]["resultDescription"] == [
        {
            "id": description_id,
            "type": ["ResultDescription"],
            "name": "Una entrada en Peñas Blancas",
            "resultType": "Percent",
            "valueMin": "0",
            "valueMax": "100",
        }
    ]
    assert credential["credentialSubject"]["result"] == [
        {"type": ["Result"], "resultDescription": description_id, "value": "90", "status": "Completed"}
    ]
    [evidence] = credential["evidence"]
    assert evidence["type"] == ["Evidence"]
    assert (evidence["name"], evidence["description"]) == (EXERCISE["title"], EXERCISE["type_title"])
    assert evidence["narrative"] == "Passed on 2026-01-10 at attempt 2, with a score of 90%."
    assert badge_verify(json.loads(json.dumps(credential))) is True


def test_a_badge_without_exercises_claims_no_result_and_no_evidence(key_dir):
    credential = badge_credential(facts_for())
    assert "result" not in credential["credentialSubject"]
    assert "resultDescription" not in credential["credentialSubject"]["achievement"]
    assert "evidence" not in credential


def test_badge_without_expiry_has_no_valid_until(key_dir):
    credential = badge_credential(facts_for(expires_on=None))
    assert "validUntil" not in credential
    assert badge_verify(credential)


def test_badge_learner_name_is_nfc(key_dir):
    credential = badge_credential(facts_for(learner_name=unicodedata.normalize("NFD", "Ñandú Iñíguez")))
    assert credential["credentialSubject"]["name"] == "Ñandú Iñíguez"
    assert credential["credentialSubject"]["identifier"][0]["identityHash"] == "Ñandú Iñíguez"


def test_badge_proof_follows_eddsa_jcs_2022(key_dir):
    """Checked here by hand, as another implementation would: hash of proof config, then of the document."""
    credential = badge_credential(facts_for())
    proof = dict(credential["proof"])
    signature = base58btc_decode(proof.pop("proofValue")[1:])
    unsecured = {name: value for name, value in credential.items() if name != "proof"}
    proof_config = {**proof, "@context": unsecured["@context"]}
    message = hashlib.sha256(canonical_json(proof_config)).digest() + hashlib.sha256(canonical_json(unsecured)).digest()
    kid = proof["verificationMethod"].rpartition("#")[2]
    public_keys()[kid].verify(signature, message)  # raises InvalidSignature if the order or the hashing differ
    assert len(signature) == 64


def test_the_same_facts_give_the_same_credential(key_dir):
    facts = facts_for()
    assert badge_credential(facts) == badge_credential(facts)


def test_changing_any_value_of_the_credential_or_its_proof_is_refused(key_dir):
    credential = badge_credential(facts_for())
    tampered = 0
    for path, value in leaf_paths(credential):
        if path == ("proof", "proofValue"):
            continue
        new_value = (not value) if isinstance(value, bool) else f"{value}x"
        with pytest.raises(PayloadInvalid):
            badge_verify(with_leaf(credential, path, new_value))
        tampered += 1
    assert tampered > 25


@pytest.mark.parametrize(
    "tamper",
    [
        lambda doc: doc.pop("validUntil"),
        lambda doc: doc.update(description="Added later"),
        lambda doc: doc["credentialSubject"]["achievement"].pop("criteria"),
        lambda doc: doc["type"].reverse(),
    ],
)
def test_adding_or_removing_fields_is_refused(key_dir, tamper):
    credential = badge_credential(facts_for())
    tamper(credential)
    with pytest.raises(PayloadInvalid):
        badge_verify(credential)


def test_a_proof_without_its_context_still_verifies_since_the_document_supplies_it(key_dir):
    credential = badge_credential(facts_for())
    del credential["proof"]["@context"]
    assert badge_verify(credential)


def test_a_proof_whose_context_differs_from_the_credential_is_refused(key_dir):
    credential = badge_credential(facts_for())
    credential["proof"]["@context"] = credential["@context"][:1]
    with pytest.raises(PayloadInvalid, match="context"):
        badge_verify(credential)


def test_a_changed_proof_value_is_refused(key_dir):
    credential = badge_credential(facts_for())
    value = credential["proof"]["proofValue"]
    for position in range(1, len(value)):
        replacement = "2" if value[position] != "2" else "3"
        changed = copy.deepcopy(credential)
        changed["proof"]["proofValue"] = value[:position] + replacement + value[position + 1 :]
        with pytest.raises(PayloadInvalid):
            badge_verify(changed)
    for wrong in ("u" + value[1:], value[1:], value + "1", "z1" + value[1:]):
        changed = copy.deepcopy(credential)
        changed["proof"]["proofValue"] = wrong
        with pytest.raises(PayloadInvalid):
            badge_verify(changed)


def test_a_credential_without_a_single_proof_is_refused(key_dir):
    credential = badge_credential(facts_for())
    for proof in (None, [credential["proof"]]):
        with pytest.raises(PayloadInvalid, match="no single Data Integrity proof"):
            badge_verify({**credential, "proof": proof})


def test_a_badge_signed_by_another_key_is_refused(key_dir, settings, tmp_path):
    ours = public_keys()
    settings.CERTIFICATES_KEY_DIR = tmp_path / "stranger"
    with pytest.raises(PayloadInvalid, match="unknown key"):
        badge_verify(badge_credential(facts_for()), ours)
