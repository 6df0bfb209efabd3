"""Importing a roster: re-imports match people by e-mail or staff number and update them without
duplicates, blank cells keep what a person has, a person of another country or two rows for one
person are errors; applying creates users without usable passwords, with profiles and the
learner role, refuses an invalid plan, in a number of queries that does not grow with the rows.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import is_password_usable
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from people.models import JobFunction, StaffProfile, User
from people.roles import Role, group_for
from tests.people.factories import country, person
from tests.tracking.roster_files import csv_bytes, only_error, plan_of, roster_row
from tracking.roster.applying import roster_apply

# Messages are compared in English, whatever the catalogue holds for Spanish; a plan holds both.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


# Matching existing people ----------------------------------------------------------------------


def test_reimport_updates_by_email_without_duplicates():
    roster_apply(plan=plan_of(csv_bytes([roster_row(1), roster_row(2)])))
    users = User.objects.count()

    changed = roster_row(1, email="Agente1@IGM.gob.gt", full_name="María José Pérez López", job_function="supervisor")
    plan = plan_of(csv_bytes([changed, roster_row(2)]))

    assert [(row.outcome, row.changes) for row in plan.rows] == [
        ("update", ("full_name", "job_function")),
        ("unchanged", ()),
    ]
    result = roster_apply(plan=plan)
    assert (result.created_user_ids, result.updated, result.unchanged) == ([], 1, 1)
    assert User.objects.count() == users
    user = User.objects.select_related("staff_profile").get(email="agente1@igm.gob.gt")
    assert (user.full_name, user.staff_profile.job_function) == ("María José Pérez López", JobFunction.SUPERVISOR)
    assert plan_of(csv_bytes([changed, roster_row(2)])).counts["unchanged"] == 2


def test_reimport_matches_by_staff_number_and_changes_the_email():
    roster_apply(plan=plan_of(csv_bytes([roster_row(1)])))

    plan = plan_of(csv_bytes([roster_row(1, email="maria.perez@igm.gob.gt", duty_post="GT-GUA")]))

    assert [(row.outcome, row.changes) for row in plan.rows] == [("update", ("email", "duty_post"))]
    with translation.override("en"):
        assert (plan.rows[0].outcome_label, plan.rows[0].changes_label) == ("To update", "E-mail, Duty post")
    roster_apply(plan=plan)
    user = User.objects.select_related("staff_profile__duty_post").get()
    assert (user.email, user.staff_profile.duty_post.code) == ("maria.perez@igm.gob.gt", "GT-GUA")


def test_blank_optional_cells_keep_what_a_person_has():
    roster_apply(plan=plan_of(csv_bytes([roster_row(1, language="en")])))

    plan = plan_of(csv_bytes([roster_row(1, duty_post="", staff_number="", language="")]))

    assert plan.counts["unchanged"] == 1


def test_email_of_one_person_and_staff_number_of_another_is_an_error():
    roster_apply(plan=plan_of(csv_bytes([roster_row(1), roster_row(2)])))

    plan = plan_of(csv_bytes([roster_row(1, staff_number="E00002")]))

    error = only_error(plan)
    assert (error.row, error.column) == (2, "staff_number")


def test_one_person_on_two_rows_is_an_error():
    roster_apply(plan=plan_of(csv_bytes([roster_row(1)])))

    plan = plan_of(csv_bytes([roster_row(1, staff_number="E00009"), roster_row(2, staff_number="E00001")]))

    error = only_error(plan)
    assert (error.row, error.column, error.message) == (3, "staff_number", "This person is already on row 2.")


@pytest.mark.parametrize("authority_code", ["cr-dgme", "iom", None])
def test_person_of_another_country_or_organisation_is_an_error_and_nothing_is_written(authority_code):
    outsider = person(authority_code=authority_code, email="Viajero@example.org", full_name="Luis Mora")
    users = User.objects.count()

    plan = plan_of(csv_bytes([roster_row(1), roster_row(2, email="viajero@example.org")]))

    error = only_error(plan)
    assert (error.row, error.column) == (3, "email")
    assert error.message == (
        "This person is registered with another country or organisation; ask the regional coordinator."
    )
    with pytest.raises(ValueError, match="valid"):
        roster_apply(plan=plan)
    assert User.objects.count() == users
    outsider.refresh_from_db()
    assert outsider.full_name == "Luis Mora"


# Applying --------------------------------------------------------------------------------------


def test_apply_creates_users_with_unusable_passwords_profiles_and_the_learner_role():
    plan = plan_of(csv_bytes([roster_row(1), roster_row(2, staff_number="", duty_post="", language="english")]))

    result = roster_apply(plan=plan)

    users = {user.email: user for user in User.objects.filter(pk__in=result.created_user_ids)}
    assert sorted(users) == ["agente1@igm.gob.gt", "agente2@igm.gob.gt"]
    assert not any(is_password_usable(user.password) for user in users.values())
    assert users["agente2@igm.gob.gt"].preferred_language == "en"
    profiles = {p.user.email: p for p in StaffProfile.objects.select_related("user", "authority", "duty_post")}
    first = profiles["agente1@igm.gob.gt"]
    assert (first.country, first.authority.code, first.duty_post.code, first.staff_number) == (
        country("GTM"),
        "gt-igm",
        "GT-TUM",
        "E00001",
    )
    assert profiles["agente2@igm.gob.gt"].duty_post is None
    learners = group_for(Role.LEARNER)
    assert set(learners.user_set.values_list("pk", flat=True)) >= set(result.created_user_ids)


def test_apply_refuses_an_invalid_plan():
    plan = plan_of(csv_bytes([roster_row(1, email="bad")]))

    with pytest.raises(ValueError, match="valid"):
        roster_apply(plan=plan)
    assert not User.objects.filter(full_name__startswith="María").exists()


def test_plan_and_apply_queries_do_not_grow_with_rows():
    def counted(function):
        with CaptureQueriesContext(connection) as queries:
            result = function()
        return len(queries), result

    def rows(first: int, number: int, **cells) -> bytes:
        return csv_bytes([roster_row(n, **cells) for n in range(first, first + number)])

    small, large = rows(1, 50), rows(1001, 600)
    plan_small, small_plan = counted(lambda: plan_of(small))
    plan_large, large_plan = counted(lambda: plan_of(large))
    create_small, _result = counted(lambda: roster_apply(plan=small_plan))
    create_large, _result = counted(lambda: roster_apply(plan=large_plan))
    updates_small = plan_of(rows(1, 50, job_function="analyst", language="en"))
    updates_large = plan_of(rows(1001, 600, job_function="analyst", language="en"))
    update_small, _result = counted(lambda: roster_apply(plan=updates_small))
    update_large, _result = counted(lambda: roster_apply(plan=updates_large))

    assert updates_large.counts["update"] == 600
    # Two look-ups (e-mails, staff numbers) per further chunk of 500 rows.
    assert plan_large == plan_small + 2
    # SQLite's 999 parameters per statement split bulk writes into batches of 100 to 500 rows.
    assert create_large - create_small <= 12
    assert update_large - update_small <= 8
