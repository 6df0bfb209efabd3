"""Benchmarks: a lesson page rendered afresh for an enrolled learner, and the cached course catalogue.

Both against the plain Django view, in the same run, from one gunicorn with two sync workers
under production settings, with the demo curriculum loaded. The lesson is the demo course's
richest lesson (most blocks), requested with a signed-in learner's session cookie: Wagtail
renders it on every request (lesson pages are never cached: they carry the learner's progress).
The catalogue is requested anonymously; its course listing comes from the cache once warm.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from bench.core import Benchmark, BenchmarkFailed, Result, interleaved
from bench.server import BASELINE_PATH, Server, gunicorn_server, manage_py

ROUNDS = 20
PER_ROUND = 20
WARMUP = 20

PREPARE = """
import json
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from courses.demo.loader import demo_course_key, demo_curriculum_load
from courses.models import CataloguePage, CoursePage, LessonPage
from courses.services import enrolment_create
from people.models import User

demo_curriculum_load()
course = CoursePage.objects.get(locale__language_code="es", translation_key=demo_course_key("border-entries"))
lesson = max(LessonPage.objects.live().descendant_of(course), key=lambda page: len(page.body.raw_data))
learner = User.objects.create_user(email="bench.learner@example.org", full_name="Bench Learner", password=None)
enrolment_create(learner=learner, course=course)
session = SessionStore()
session[SESSION_KEY] = str(learner.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = learner.get_session_auth_hash()
session.create()
catalogue = CataloguePage.objects.get(locale__language_code="es")
print(json.dumps({
    "cookie": f"{settings.SESSION_COOKIE_NAME}={session.session_key}",
    "lesson": lesson.url, "lesson_title": lesson.title, "blocks": len(lesson.body.raw_data),
    "catalogue": catalogue.url,
}))
"""


class Prepared:
    def __init__(self) -> None:
        self.values: dict[str, str] = {}

    def __call__(self, env: dict[str, str]) -> None:
        output = manage_py(env, "shell", "--no-imports", "-c", PREPARE).strip().splitlines()
        try:
            self.values = json.loads(output[-1])
        except (IndexError, ValueError) as error:
            raise BenchmarkFailed(f"preparing the demo curriculum printed {output!r}") from error


def _against_plain(request: Callable[[Server, dict[str, str]], bytes]) -> Result:
    """Time `request(server, prepared values)` against the plain view, on a server with the demo curriculum."""
    prepared = Prepared()
    with gunicorn_server(workers=2, prepare=prepared) as server:
        return interleaved(
            lambda: server.get_ok(BASELINE_PATH),
            lambda: request(server, prepared.values),
            rounds=ROUNDS,
            per_round=PER_ROUND,
            warmup=WARMUP,
        )


def lesson_run() -> Result:
    return _against_plain(
        lambda server, values: server.get_ok(
            values["lesson"], contains=values["lesson_title"].encode(), cookie=values["cookie"]
        )
    )


def catalogue_run() -> Result:
    return _against_plain(lambda server, values: server.get_ok(values["catalogue"], contains=b"course-card"))


BENCHMARKS = [
    Benchmark(
        name="lesson page, uncached, enrolled learner (gunicorn, 2 sync workers)",
        baseline=f"plain Django view {BASELINE_PATH}, same server",
        run=lesson_run,
    ),
    Benchmark(
        name="course catalogue, cached listing, anonymous (gunicorn, 2 sync workers)",
        baseline=f"plain Django view {BASELINE_PATH}, same server",
        run=catalogue_run,
    ),
]
