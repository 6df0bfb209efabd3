import unicodedata

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from people.models import Authority, DutyPost, StaffProfile, User
from tests.people.factories import UserFactory, country

pytestmark = pytest.mark.django_db


def test_email_is_unique_whatever_its_case():
    UserFactory(email="Ana.Perez@Example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(email="ana.perez@example.org", full_name="Otra Ana")
    duplicate = User(email="ANA.PEREZ@example.org", full_name="Otra Ana")
    with pytest.raises(ValidationError, match="Ya existe un usuario"):
        duplicate.full_clean(exclude=["password"])


def test_full_name_is_kept_exactly_with_accents_and_two_surnames():
    user = UserFactory(full_name="José Ángel Muñoz Peña")
    user.refresh_from_db()
    assert user.full_name == "José Ángel Muñoz Peña"


def test_full_name_is_stored_in_nfc_so_decomposed_input_matches():
    decomposed = unicodedata.normalize("NFD", "Begoña Núñez Ibáñez")
    user = UserFactory(full_name=f"  {decomposed}  ")
    user.refresh_from_db()
    assert user.full_name == unicodedata.normalize("NFC", "Begoña Núñez Ibáñez")
    assert User.objects.filter(full_name="Begoña Núñez Ibáñez").exists()


def test_preferred_language_outside_the_choices_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(email="x@example.org", full_name="X", preferred_language="fr")


def test_job_function_outside_the_choices_is_refused_by_the_database():
    user = UserFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        StaffProfile.objects.create(
            user=user, authority=Authority.objects.get(code="gt-igm"), country=country("GTM"), job_function="pilot"
        )


def test_a_national_authority_needs_its_country_and_iom_has_none():
    with pytest.raises(IntegrityError), transaction.atomic():
        Authority.objects.create(code="xx", name="Sin país", name_en="No country", is_iom=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        Authority.objects.filter(code="iom").update(country=country("GTM"))


def test_staff_profile_rejects_a_duty_post_of_another_country():
    profile = StaffProfile(
        user=UserFactory(),
        authority=Authority.objects.get(code="gt-igm"),
        country=country("GTM"),
        duty_post=DutyPost.objects.get(code="CR-PBL"),
    )
    with pytest.raises(ValidationError) as error:
        profile.full_clean()
    assert "duty_post" in error.value.message_dict


def test_staff_profile_rejects_an_authority_of_another_country():
    profile = StaffProfile(user=UserFactory(), authority=Authority.objects.get(code="cr-dgme"), country=country("GTM"))
    with pytest.raises(ValidationError) as error:
        profile.full_clean()
    assert "authority" in error.value.message_dict


def test_iom_staff_have_no_country():
    profile = StaffProfile(user=UserFactory(), authority=Authority.objects.get(code="iom"), country=country("GTM"))
    with pytest.raises(ValidationError) as error:
        profile.full_clean()
    assert "country" in error.value.message_dict


# Joiners that real scripts need inside words, and are therefore kept (people.names.NAME_JOINERS).
ALLOWED_JOINERS = {"\u200c": "ZERO WIDTH NON-JOINER", "\u200d": "ZERO WIDTH JOINER"}


def test_the_allowed_joiners_are_exactly_zwnj_and_zwj():
    from people.names import NAME_JOINERS

    assert {unicodedata.name(character) for character in NAME_JOINERS} == set(ALLOWED_JOINERS.values())


@pytest.mark.parametrize(
    "name",
    [
        "فاطمه\u200cزهرا رضایی",  # noqa: RUF001 (Persian, ZWNJ between the parts of a compound name)
        "मुक्\u200dता शर्मा",  # Devanagari, ZWJ keeps the half form
        "ශ්\u200dරී ලංකා",  # Sinhala, ZWJ forms the conjunct
        "ക്\u200cക്ക",  # Malayalam, ZWNJ
        "José Ángel Muñoz Peña",
    ],
)
def test_names_of_real_scripts_with_their_joiners_are_accepted(name):
    user = UserFactory.build(full_name=name)
    user.full_clean(exclude=["password"])
    assert user.full_name == unicodedata.normalize("NFC", name)


@pytest.mark.parametrize(
    "character",
    [
        "\u202e",  # RIGHT-TO-LEFT OVERRIDE
        "\u202d",  # LEFT-TO-RIGHT OVERRIDE
        "\u202a",  # LEFT-TO-RIGHT EMBEDDING
        "\u202c",  # POP DIRECTIONAL FORMATTING
        "\u200e",  # LEFT-TO-RIGHT MARK
        "\u200f",  # RIGHT-TO-LEFT MARK
        "\u061c",  # ARABIC LETTER MARK
        "\u2066",  # LEFT-TO-RIGHT ISOLATE
        "\u2067",  # RIGHT-TO-LEFT ISOLATE
        "\u2068",  # FIRST STRONG ISOLATE
        "\u2069",  # POP DIRECTIONAL ISOLATE
        "\u200b",  # ZERO WIDTH SPACE
        "\u2060",  # WORD JOINER
        "\ufeff",  # ZERO WIDTH NO-BREAK SPACE (byte-order mark)
        "\u00ad",  # SOFT HYPHEN
        "\x00",  # NULL
        "\x07",  # BELL
        "\x1b",  # ESCAPE
        "\x7f",  # DELETE
    ],
    ids=lambda character: f"U+{ord(character):04X}",
)
def test_control_and_format_characters_are_refused_in_names_naming_the_field(character):
    user = UserFactory.build(full_name=f"Ana {character}López")
    with pytest.raises(ValidationError) as error:
        user.full_clean(exclude=["password"])
    assert list(error.value.message_dict) == ["full_name"]
    assert f"U+{ord(character):04X}" in error.value.message_dict["full_name"][0]
    assert error.value.error_dict["full_name"][0].code == "name_invisible_character"
