"""Open Badges 3.0 credentials with a W3C Data Integrity proof (cryptosuite eddsa-jcs-2022).

The learner downloads the credential and keeps it in a wallet or hands it to an employer; a
verifier checks it with our published key set (`/.well-known/ocam-certificate-keys.json`),
without asking us. The proof follows https://www.w3.org/TR/vc-di-eddsa/ section 3.3:

- proof configuration = the proof without `proofValue`, carrying the credential's `@context`
  (step 2 of "Create Proof"); both are canonicalized with JCS (`signing.canonical_json`);
- signed bytes = SHA-256(proof configuration) + SHA-256(credential without `proof`);
- `proofValue` = multibase base58btc of the Ed25519 signature ("z" + base58btc).

Issuing the same facts twice gives the same credential: `created` is the issue date and
Ed25519 signatures are deterministic.

The exercises passed (the certificate's frozen evidence) are carried as Open Badges 3.0 says
results and evidence are: each is a `ResultDescription` of the achievement (a percentage from 0
to 100), a `Result` of the subject naming it (its score, status Completed), and an `Evidence`
of the credential (title, type, date and attempt). A certificate without exercises has none of
the three, so the badge claims nothing the record does not prove (D11).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.conf import settings
from django.utils.translation import gettext as _

from certificates.signing.encoding import PayloadInvalid, canonical_json
from certificates.signing.keys import SIGNATURE_LENGTH, key_for_kid, public_keys, signature_check, signing_key

CREDENTIAL_CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
CRYPTOSUITE = "eddsa-jcs-2022"
KEYS_PATH = "/.well-known/ocam-certificate-keys.json"
BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
BASE58_VALUES = {character: value for value, character in enumerate(BASE58_ALPHABET)}
MULTIBASE_BASE58BTC = "z"


@dataclass(frozen=True)
class BadgeFacts:
    """What a badge says, gathered by the caller from the certificate and its course."""

    code: str
    learner_name: str
    course_title: str
    course_description: str
    course_url: str
    issued_on: dt.date
    expires_on: dt.date | None
    issuer_name: str
    issuer_url: str
    verification_url: str
    achievement_id: str
    # The exercises passed, as the certificate's evidence holds them (`certificates.signing.evidence`).
    exercises: tuple[dict, ...] = ()


def base58btc_encode(data: bytes) -> str:
    """Bitcoin's base58: leading zero bytes become "1"s, the rest is the number in base 58."""
    number = int.from_bytes(data, "big")
    digits = []
    while number:
        number, remainder = divmod(number, 58)
        digits.append(BASE58_ALPHABET[remainder])
    leading_zeros = len(data) - len(data.lstrip(b"\0"))
    return "1" * leading_zeros + "".join(reversed(digits))


def base58btc_decode(text: str) -> bytes:
    """The bytes of a base58btc text; PayloadInvalid for any character outside the alphabet."""
    if not isinstance(text, str) or any(character not in BASE58_VALUES for character in text):
        raise PayloadInvalid(_("The proof value is not valid base58btc."))
    number = 0
    for character in text:
        number = number * 58 + BASE58_VALUES[character]
    leading_zeros = len(text) - len(text.lstrip("1"))
    body = number.to_bytes((number.bit_length() + 7) // 8, "big")
    return b"\0" * leading_zeros + body


def midnight_utc(day: dt.date) -> str:
    """A day as the XML Schema dateTime its credential field expects."""
    return f"{day.isoformat()}T00:00:00Z"


def is_datetime(value: Any) -> bool:
    """Whether `value` is an ISO 8601 date and time."""
    try:
        return isinstance(value, str) and dt.datetime.fromisoformat(value) is not None
    except ValueError:
        return False


def result_description_id(facts: BadgeFacts, exercise: dict) -> str:
    """The URI of an exercise's result description: the achievement's, then the exercise's key."""
    return f"{facts.achievement_id}/exercises/{exercise['key']}"


def exercises_as_results(facts: BadgeFacts) -> tuple[list[dict], list[dict], list[dict]]:
    """(the achievement's result descriptions, the subject's results, the credential's evidence)."""
    descriptions, results, evidence = [], [], []
    for exercise in facts.exercises:
        description_id = result_description_id(facts, exercise)
        descriptions.append(
            {
                "id": description_id,
                "type": ["ResultDescription"],
                "name": exercise["title"],
                "resultType": "Percent",
                "valueMin": "0",
                "valueMax": "100",
            }
        )
        results.append(
            {
                "type": ["Result"],
                "resultDescription": description_id,
                "value": str(exercise["score"]),
                "status": "Completed",
            }
        )
        evidence.append(
            {
                "type": ["Evidence"],
                "name": exercise["title"],
                "description": exercise["type_title"],
                "genre": _("Practical exercise in the training sandbox"),
                "narrative": _("Passed on %(date)s at attempt %(attempts)s, with a score of %(score)s%%.")
                % {"date": exercise["passed_on"], "attempts": exercise["attempts"], "score": exercise["score"]},
            }
        )
    return descriptions, results, evidence


def credential_unsigned(facts: BadgeFacts) -> dict[str, Any]:
    """The OpenBadgeCredential without its proof."""
    learner_name = unicodedata.normalize("NFC", facts.learner_name)
    credential: dict[str, Any] = {
        "@context": list(CREDENTIAL_CONTEXT),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "id": facts.verification_url,
        "issuer": {"id": facts.issuer_url, "type": ["Profile"], "name": facts.issuer_name},
        "validFrom": midnight_utc(facts.issued_on),
        "name": facts.course_title,
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "name": learner_name,
            "identifier": [
                {"type": "IdentityObject", "identityHash": learner_name, "identityType": "name", "hashed": False}
            ],
            "achievement": {
                "id": facts.achievement_id,
                "type": ["Achievement"],
                "name": facts.course_title,
                "description": facts.course_description,
                "criteria": {
                    "narrative": _("Completed the course %(course)s and met all of its requirements.")
                    % {"course": facts.course_title}
                },
            },
        },
    }
    if facts.exercises:
        descriptions, results, evidence = exercises_as_results(facts)
        credential["credentialSubject"]["achievement"]["resultDescription"] = descriptions
        credential["credentialSubject"]["result"] = results
        credential["evidence"] = evidence
    if facts.expires_on is not None:
        credential["validUntil"] = midnight_utc(facts.expires_on)
    return credential


def proof_message(credential: dict[str, Any], proof_options: dict[str, Any]) -> bytes:
    """SHA-256(JCS proof configuration) + SHA-256(JCS credential), the bytes Ed25519 signs."""
    proof_config = {**proof_options, "@context": credential["@context"]}
    return hashlib.sha256(canonical_json(proof_config)).digest() + hashlib.sha256(canonical_json(credential)).digest()


def badge_credential(facts: BadgeFacts) -> dict[str, Any]:
    """The signed Open Badges 3.0 credential for a certificate."""
    credential = credential_unsigned(facts)
    kid, key = signing_key()
    proof_options = {
        "type": "DataIntegrityProof",
        "cryptosuite": CRYPTOSUITE,
        "created": credential["validFrom"],
        "verificationMethod": f"{settings.SITE_URL}{KEYS_PATH}#{kid}",
        "proofPurpose": "assertionMethod",
        "@context": credential["@context"],
    }
    signature = key.sign(proof_message(credential, proof_options))
    return {**credential, "proof": {**proof_options, "proofValue": MULTIBASE_BASE58BTC + base58btc_encode(signature)}}


def proof_options_check(proof: dict[str, Any], credential: dict[str, Any]) -> None:
    """PayloadInvalid unless the proof is an eddsa-jcs-2022 assertion proof over this credential's context."""
    if proof.get("type") != "DataIntegrityProof" or proof.get("cryptosuite") != CRYPTOSUITE:
        raise PayloadInvalid(_("The proof is not an eddsa-jcs-2022 Data Integrity proof."))
    if proof.get("proofPurpose") != "assertionMethod":
        raise PayloadInvalid(_("The proof is not meant for asserting a credential."))
    if "@context" in proof and proof["@context"] != credential.get("@context"):
        raise PayloadInvalid(_("The proof and the credential disagree on their context."))
    if not is_datetime(proof.get("created")):
        raise PayloadInvalid(_("The proof has no valid creation time."))


def badge_verify(doc: dict, keys: dict[str, Ed25519PublicKey] | None = None) -> bool:
    """True for a genuine credential; PayloadInvalid if any part of it or of its proof was changed."""
    keys = public_keys() if keys is None else keys
    if not isinstance(doc, dict) or not isinstance(doc.get("proof"), dict):
        raise PayloadInvalid(_("The credential carries no single Data Integrity proof."))
    credential = {name: value for name, value in doc.items() if name != "proof"}
    proof = doc["proof"]
    proof_options_check(proof, credential)
    method = proof.get("verificationMethod")
    public_key = key_for_kid(method.rpartition("#")[2] if isinstance(method, str) else None, keys)
    proof_value = proof.get("proofValue")
    if not isinstance(proof_value, str) or not proof_value.startswith(MULTIBASE_BASE58BTC):
        raise PayloadInvalid(_("The proof value is not multibase base58btc."))
    signature = base58btc_decode(proof_value[1:])
    if len(signature) != SIGNATURE_LENGTH or base58btc_encode(signature) != proof_value[1:]:
        raise PayloadInvalid(_("The proof value is not an Ed25519 signature."))
    proof_options = {name: value for name, value in proof.items() if name != "proofValue"}
    try:
        message = proof_message(credential, proof_options)
    except (KeyError, TypeError, ValueError) as error:
        raise PayloadInvalid(_("The credential holds values that have no canonical form.")) from error
    signature_check(public_key, signature, message)
    return True
