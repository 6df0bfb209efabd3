"""Addresses of the certificate pages, an anonymous verifier with an address of its own, and a
code with one character mistyped: what the learner and public page tests share."""

from __future__ import annotations

import uuid

from django.test import Client
from django.urls import reverse
from django.utils import translation

from certificates.codes import ALPHABET


def url(name: str, code: str, language: str = "es") -> str:
    with translation.override(language):
        return reverse(f"certificates:{name}", args=[code])


def verifier() -> Client:
    """An anonymous client with an address of its own, so that its lookups count only against it."""
    return Client(REMOTE_ADDR=f"2001:db8::{uuid.uuid4().hex[:4]}")


def mistyped(code: str) -> str:
    position = 5
    replacement = next(character for character in ALPHABET if character != code[position])
    return code[:position] + replacement + code[position + 1 :]
