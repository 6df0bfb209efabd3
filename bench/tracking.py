"""Benchmarks: country tracking (issue 6).

Each row runs in a child process (`python -m bench.tracking ROW`) under the bench settings
(production) in a temporary LMS_VAR_DIR with a freshly migrated database (SQLite, or the
caller's DATABASE_URL), as the certificate rows do; the child builds its data, times the two
sides alone, and prints one JSON line.

- **country dashboard, 10,000 staff**: the focal point's dashboard page (`tracking:dashboard`,
  through Django's test client: the view, its selectors, the SVG charts and the template) of a
  country with 10,000 synthetic officials (Panama), against the same page of a country of the same
  shape (one authority, eight duty posts: Nicaragua) with 100, both
  with the demo rules on the demo courses and certificates for about 60 % of the people
  covered. The page reads the per-country summaries, so it must not grow with the staff: goal
  at most 2x. Both pages must answer 200 with the same number of queries, and the big
  country's summaries must count every person a rule covers.
- **roster import, 5,000 rows**: a focal point's dry run and import of a 5,000-row CSV
  (`services.roster_imports.roster_import_check`, then `roster_import_apply`: parsing, checking
  every row against the reference data and the people already there, writing the people,
  their profiles and roles, the invitations, and the statuses), against a bare `bulk_create`
  of the same users and staff profiles. Each operation runs in a transaction rolled back after
  it is timed (so each starts from the same state and no invitation is sent); the commit is
  outside the timing on both sides. No target: the row shows what the checking costs.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

from bench.core import Benchmark, BenchmarkFailed, Result, interleaved
from bench.server import HOST, bench_environment, child_result, manage_py

BIG, SMALL = 10_000, 100
# Two countries of the same shape (one authority, eight duty posts), so that only the staff differ.
BIG_COUNTRY, SMALL_COUNTRY = "PA", "NI"
ROSTER_ROWS = 5_000


def run_row(row: str) -> Result:
    with tempfile.TemporaryDirectory(prefix="lms-bench-tracking-") as tmp:
        env = bench_environment(Path(tmp))
        manage_py(env, "migrate", "--noinput", "--verbosity", "0")
        manage_py(env, "collectstatic", "--noinput", "--verbosity", "0")
        return Result(**child_result("bench.tracking", row, env))


@contextmanager
def _rolled_back() -> Iterator[None]:
    """A transaction rolled back on the way out: each timed operation starts from the same state."""
    from django.db import transaction

    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def _focal_point(country):
    from people.models import Authority, StaffProfile, User
    from people.roles import Role, group_for

    user = User.objects.create_user(
        email=f"enlace.{country.iso2.lower()}@bench.example", full_name="Enlace", password=None
    )
    StaffProfile.objects.create(user=user, country=country, authority=Authority.objects.get(country=country))
    user.groups.add(group_for(Role.FOCAL_POINT))
    return user


def country_dashboard() -> Result:
    from datetime import timedelta

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django.utils import timezone

    from courses.demo.loader import demo_curriculum_load
    from people.models import Country
    from tracking.demo import demo_certificates_create, demo_rules_create, demo_staff_create
    from tracking.models import PersonStatus
    from tracking.selectors import dashboards
    from tracking.services.statuses import statuses_refresh

    demo_curriculum_load()
    today = timezone.localdate()
    pages = {}
    for iso2, count in ((SMALL_COUNTRY, SMALL), (BIG_COUNTRY, BIG)):
        country = Country.objects.get(iso2=iso2)
        demo_staff_create(country=country, count=count, seed=6)
        demo_rules_create(country=country, created_on=today - timedelta(days=400))
        demo_certificates_create(country=country, seed=6, today=today)
        statuses_refresh(country=country, today=today)
        viewer = _focal_point(country)
        data = dashboards.country_dashboard(viewer=viewer, country=country)
        covered = PersonStatus.objects.filter(country=country).count()
        if data.tally.required != covered or (iso2 == BIG_COUNTRY and covered < BIG // 2):
            raise BenchmarkFailed(f"{iso2}: the summaries count {data.tally.required}, the statuses {covered}")
        client = Client(SERVER_NAME=HOST)
        client.force_login(viewer, backend="django.contrib.auth.backends.ModelBackend")
        pages[iso2] = (client, reverse("tracking:dashboard", args=[iso2]))

    queries = {}
    for iso2, (client, url) in pages.items():
        client.get(url)  # warm: the first request of a process fills caches (sites, locales)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        if response.status_code != 200 or b"data:image/svg+xml" not in response.content:
            raise BenchmarkFailed(f"{url}: status {response.status_code}, or no chart")
        queries[iso2] = len(captured)
    if queries[BIG_COUNTRY] != queries[SMALL_COUNTRY]:
        raise BenchmarkFailed(f"the dashboard's queries grow with the staff: {queries}")

    def page(iso2: str) -> Callable[[], object]:
        client, url = pages[iso2]
        return lambda: client.get(url)

    return interleaved(page(SMALL_COUNTRY), page(BIG_COUNTRY), rounds=30, per_round=1, warmup=5)


def _roster_csv(country, rows: int) -> bytes:
    from people.models import Authority, DutyPost, JobFunction

    authority = Authority.objects.get(country=country).code
    posts = list(DutyPost.objects.filter(country=country, is_active=True).values_list("code", flat=True))
    functions = [value for value, _label in JobFunction.choices]
    lines = ["email,full_name,authority,duty_post,job_function,staff_number,language"]
    for index in range(rows):
        lines.append(
            f"agente{index:05d}@igm.gob.gt,Agente Migratorio {index},{authority},{posts[index % len(posts)]},"
            f"{functions[index % len(functions)]},E{index:05d},{'es' if index % 5 else 'en'}"
        )
    return ("\r\n".join(lines) + "\r\n").encode()


def roster_import() -> Result:
    from django.contrib.auth.hashers import make_password

    from people.models import Authority, Country, StaffProfile, User
    from tracking.roster.planning import roster_plan
    from tracking.services.roster_imports import roster_import_apply, roster_import_check

    country = Country.objects.get(iso2="GT")
    by = _focal_point(country)
    data = _roster_csv(country, ROSTER_ROWS)
    plan = roster_plan(country=country, name="personal.csv", data=data)
    if not plan.is_valid or plan.counts.get("create") != ROSTER_ROWS:
        raise BenchmarkFailed(f"the roster does not plan {ROSTER_ROWS} creates: {plan.counts}, {plan.errors[:3]}")
    authority = Authority.objects.get(country=country)
    people = User.objects.count()

    def bare() -> None:
        password = make_password(None)
        users = User.objects.bulk_create(
            [
                User(email=row.email, full_name=row.full_name, preferred_language=row.language, password=password)
                for row in plan.rows
            ],
            batch_size=1000,
        )
        StaffProfile.objects.bulk_create(
            [
                StaffProfile(
                    user_id=user.pk,
                    country=country,
                    authority=authority,
                    duty_post_id=row.duty_post_id,
                    job_function=row.job_function,
                    staff_number=row.staff_number,
                )
                for user, row in zip(users, plan.rows, strict=True)
            ],
            batch_size=1000,
        )

    def imported() -> None:
        roster_import, _plan = roster_import_check(country=country, by=by, name="personal.csv", data=data)
        result = roster_import_apply(roster_import=roster_import, by=by)
        if len(result.created_user_ids) != ROSTER_ROWS:
            raise BenchmarkFailed(f"the import created {len(result.created_user_ids)} people")

    result = interleaved(bare, imported, rounds=4, per_round=1, warmup=1, around=_rolled_back)
    if User.objects.count() != people:
        raise BenchmarkFailed("a timed operation was not rolled back")
    return result


MEASUREMENTS: dict[str, Callable[[], Result]] = {
    "country_dashboard": country_dashboard,
    "roster_import": roster_import,
}

BENCHMARKS = [
    Benchmark(
        name=f"country dashboard, {BIG:,} staff",
        baseline=f"the same dashboard, {SMALL} staff",
        run=lambda: run_row("country_dashboard"),
        bound=2.0,
    ),
    Benchmark(
        name=f"roster import (dry run + import), {ROSTER_ROWS:,} rows",
        baseline="bare bulk_create of the same users and profiles",
        run=lambda: run_row("roster_import"),
    ),
]


def main(row: str) -> None:
    import django

    django.setup()
    result = MEASUREMENTS[row]()
    print(json.dumps(asdict(result)))


if __name__ == "__main__":
    main(sys.argv[1])
