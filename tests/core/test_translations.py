"""Every string a user reads is translatable, and the Spanish and English catalogues are complete."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from tests.layout import PROJECT_PACKAGES

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "lms" / "locale"
SOURCES = (*PROJECT_PACKAGES, "manage.py")


def _entries(po_file: Path) -> dict[tuple[str, str], list[str]]:
    """(msgctxt, msgid) -> msgstr values, for every entry but the header; fuzzy entries count as empty."""
    entries = {}
    for entry in polib.pofile(str(po_file)):
        if entry.obsolete:
            continue
        values = (
            [entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural)]
            if entry.msgid_plural
            else [entry.msgstr]
        )
        entries[(entry.msgctxt or "", entry.msgid)] = [] if entry.fuzzy else values
    return entries


@pytest.mark.parametrize("language", ["es", "en"])
def test_catalogue_is_complete(language):
    entries = _entries(LOCALE / language / "LC_MESSAGES" / "django.po")
    assert len(entries) > 100
    missing = [msgid for (_ctx, msgid), values in entries.items() if not values or not all(values)]
    assert not missing, f"Untranslated or fuzzy in {language}: {missing}"


def test_spanish_catalogue_really_is_spanish():
    entries = _entries(LOCALE / "es" / "LC_MESSAGES" / "django.po")
    assert entries[("", "Log in")] == ["Iniciar sesión"]
    same = [msgid for (_ctx, msgid), values in entries.items() if values == [msgid] and len(msgid) > 12]
    assert len(same) < len(entries) * 0.05, same


def test_catalogues_hold_every_translatable_string_of_the_source(tmp_path):
    """Extract the strings afresh from a copy of the source: none may be missing from the catalogue."""
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
        else:
            shutil.copy(source, tmp_path / name)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "lms.settings.test", "PYTHONPATH": str(tmp_path)}
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "es", "--no-location", "--no-obsolete"],
        cwd=tmp_path,
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    extracted = set(_entries(tmp_path / "lms" / "locale" / "es" / "LC_MESSAGES" / "django.po"))
    committed = set(_entries(LOCALE / "es" / "LC_MESSAGES" / "django.po"))
    assert not extracted - committed, f"Run `make makemessages` and translate: {sorted(extracted - committed)}"
    assert not committed - extracted, f"Stale entries, run `make makemessages`: {sorted(committed - extracted)}"


@pytest.mark.parametrize(("language", "foreign"), [("en", "«»"), ("es", "“”")])
def test_each_catalogue_quotes_in_its_own_language(language, foreign):
    """English quotes “like this”, Spanish «así»: a title quoted in an English sentence never gets «»."""
    entries = _entries(LOCALE / language / "LC_MESSAGES" / "django.po")
    wrong = [values for values in entries.values() if any(mark in value for value in values for mark in foreign)]
    assert not wrong
