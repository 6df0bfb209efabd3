"""Helpers of the consultation tests: a learner whose job function consults, the countries a
Guatemalan learner asks, and a person only Honduras holds."""

from __future__ import annotations

import datetime as dt

from people.roles import Role
from sandbox.models import Person
from tests.people.factories import person
from tests.sandbox.baseline_rows import baseline_document, baseline_person

OTHERS = ["BLZ", "CRI", "DOM", "HND", "NIC", "PAN", "SLV"]  # every member but Guatemala


def consultant(authority: str = "gt-igm", job_function: str = "analyst"):
    """A learner of the authority whose job function consults (an analyst by default)."""
    user = person(role=Role.LEARNER, authority_code=authority)
    user.staff_profile.job_function = job_function
    user.staff_profile.save()
    return user


def honduran_on_file() -> Person:
    """José Ángel Muñoz Peña, born 9 March 1988: a person only Honduras holds, with a Honduran
    passport F98765432 in Honduras's records."""
    someone = baseline_person(
        given_names="José Ángel",
        surname_1="Muñoz",
        surname_2="Peña",
        sex="M",
        birth_date=dt.date(1988, 3, 9),
        nationality_id="HND",
        held_by_id="HND",
    )
    baseline_document(person=someone, number="F98765432")
    return someone
