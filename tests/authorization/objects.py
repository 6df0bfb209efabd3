"""The objects the POST matrix names: each role's own, a learner's of the same country as the role
users (Guatemala), and a learner's of another country (Costa Rica), built once for the module.

Every role user but the IOM staff (trainer, regional coordinator, administrator, who have no
country) works for Guatemala's migration authority. Each owner has a certificate that may be
renewed, a sandbox with a document scan waiting for triage and a referred traveller's pending hit,
a quiz attempt in progress, an open attempt at a lesson's sandbox exercise and a ready bulk
download; both countries have the tracking objects of `tests.tracking.matrix`. Each role is signed
in once: a test copies the session and CSRF cookies into a client of its own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from http.cookies import SimpleCookie

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from people.models import Authority, Country, DutyPost, User
from people.roles import Role
from tests.authorization.expectations import NATIONAL_TRAINER, POST_ROLES
from tests.conftest import make_role_user
from tests.people.factories import person
from tests.tracking.matrix import CountryObjects, country_objects

HOME, ABROAD = "GT", "CR"  # the country of the role users, and another
OWNERS = ("same_country", "other_country")  # whose object a case names, besides the role's own


@dataclass
class World:
    users: dict[str, User]  # by role; the anonymous visitor has none
    learners: dict[str, User]  # a learner of the same country, and one of another
    cookies: dict[str, SimpleCookie]  # by role: signed in, with a CSRF cookie
    places: dict[str, str] = field(default_factory=dict)  # URLs the expectations name as "{place}"
    certificates: dict[int, int] = field(default_factory=dict)  # owner pk -> certificate pk
    sandboxes: dict[int, int] = field(default_factory=dict)  # owner pk -> sandbox pk
    exercises: dict[int, str] = field(default_factory=dict)  # owner pk -> token of an open exercise attempt
    scans: dict[int, int] = field(default_factory=dict)  # owner pk -> uid of a document scan in their sandbox
    hits: dict[int, int] = field(default_factory=dict)  # owner pk -> uid of a referred traveller's pending hit
    alerts: dict[int, int] = field(default_factory=dict)  # owner pk -> uid of their draft alert (Guatemala's)
    attempts: dict[int, str] = field(default_factory=dict)  # owner pk -> token of an attempt in progress
    lesson_exercises: dict[int, str] = field(default_factory=dict)  # owner pk -> open attempt at the lesson's exercise
    downloads: dict[int, str] = field(default_factory=dict)  # owner pk -> token of a ready archive
    countries: dict[str, CountryObjects] = field(default_factory=dict)  # by ISO2
    pks: dict[str, int] = field(default_factory=dict)  # single objects by name: courses, lessons, snippets
    quiz_ids: dict[str, str] = field(default_factory=dict)  # the quiz block of the "open" and "learning" courses
    exercise_ids: dict[str, str] = field(default_factory=dict)  # their sandbox exercise block (in the quiz lesson)
    reset_link: str = ""  # a valid password-reset link of someone

    def owner(self, role: str, target: str) -> User:
        """The person whose object a case names: the role user ("own"), or a learner of OWNERS."""
        return self.users[role] if target == "own" else self.learners[target]

    def client(self, role: str) -> Client:
        """A browser of the role: a new client with the role's session and CSRF cookie."""
        client = Client(enforce_csrf_checks=True)
        client.raise_request_exception = False
        client.cookies = SimpleCookie()
        client.cookies.load({name: morsel.value for name, morsel in self.cookies[role].items()})
        return client

    def csrf_token(self, role: str) -> str:
        return self.cookies[role][settings.CSRF_COOKIE_NAME].value


def role_user(role: str) -> User | None:
    if role == NATIONAL_TRAINER:
        return person(role=Role.TRAINER, authority_code="gt-igm", email=f"{role}@example.org")
    return make_role_user(role)


def _signed_in_cookies(user: User | None) -> SimpleCookie:
    """The cookies a browser holds after signing in and opening a page with a form: session and CSRF."""
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(reverse("people:login"))
    assert response.status_code == 200, response.status_code
    assert settings.CSRF_COOKIE_NAME in client.cookies, "the page set no CSRF cookie"
    return client.cookies


def world_build() -> World:
    users = {role: role_user(role) for role in POST_ROLES}
    world = World(
        users={role: user for role, user in users.items() if user is not None},
        learners={
            "same_country": person(role=Role.LEARNER, authority_code="gt-igm", email="gt-learner@example.org"),
            "other_country": person(role=Role.LEARNER, authority_code="cr-dgme", email="cr-learner@example.org"),
        },
        cookies={role: _signed_in_cookies(user) for role, user in users.items()},
    )
    owners = [*world.users.values(), *world.learners.values()]
    world.countries = {iso2: country_objects(iso2) for iso2 in (HOME, ABROAD)}
    _courses(world, owners)
    _certificates(world, owners)
    _sandboxes(world, owners)
    _admin_objects(world)
    someone = person(role=Role.LEARNER, email="reset-person@example.org")
    uid = urlsafe_base64_encode(force_bytes(someone.pk))
    world.reset_link = reverse("people:password_reset_confirm", args=[uid, default_token_generator.make_token(someone)])
    world.places["reset_form"] = reverse("people:password_reset_confirm", args=[uid, "set-password"])
    return world


def _courses(world: World, owners: list[User]) -> None:
    """A course nobody is enrolled in, and one everybody is (a lesson, then a lesson with a quiz and
    a sandbox exercise, which every owner has started)."""
    from courses.models import Question
    from courses.services import attempt_start, enrolment_create, lesson_exercise_start
    from tests.courses.factories import course

    open_course = course(modules=1, lessons_per_module=1, questions=2, exercise={})
    learning = course(modules=1, lessons_per_module=2, questions=2, exercise={})
    for owner in owners:
        enrolment = enrolment_create(learner=owner, course=learning.page)
        attempt = attempt_start(
            enrolment=enrolment, lesson=learning.quiz_lesson, course=learning.page, block_id=learning.quiz_id
        )
        world.attempts[owner.pk] = str(attempt.token)
        exercise = lesson_exercise_start(
            enrolment=enrolment, lesson=learning.exercise_lesson, course=learning.page, block_id=learning.exercise_id
        )
        world.lesson_exercises[owner.pk] = str(exercise.token)
    world.pks |= {
        "open_course": open_course.page.pk,
        "open_lesson": open_course.quiz_lesson.pk,
        "learning_course": learning.page.pk,
        "first_lesson": learning.lessons[0].pk,
        "quiz_lesson": learning.quiz_lesson.pk,
        "questionbank": learning.bank.pk,
        "question": Question.objects.filter(bank=learning.bank).first().pk,
    }
    world.places |= {
        "open_course": open_course.page.url,
        "open_lesson": open_course.lessons[0].url,
        "learning_course": learning.page.url,
        "next_lesson": learning.lessons[1].url,
        "exercise_lesson": learning.exercise_lesson.url,
    }
    world.quiz_ids = {"open": open_course.quiz_id, "learning": learning.quiz_id}
    world.exercise_ids = {"open": open_course.exercise_id, "learning": learning.exercise_id}
    world.pks["exercise_lesson_open"] = open_course.exercise_lesson.pk


def _certificates(world: World, owners: list[User]) -> None:
    """A certificate per owner, valid for ten more days (so its renewal is open), and a ready archive."""
    from certificates.models import BulkDownload
    from certificates.models.archives import BulkStatus
    from tests.certificates.factories import certificate_recorded
    from tests.tracking.factories import certified_course

    certified = certified_course(title="Curso certificado")
    world.places["certified_course"] = certified.url
    world.pks["certified_course"] = certified.pk
    expires_on = timezone.localdate() + dt.timedelta(days=10)
    home = Country.objects.get(iso2=HOME)
    for owner in owners:
        world.certificates[owner.pk] = certificate_recorded(learner=owner, course=certified, expires_on=expires_on).pk
        download = BulkDownload(
            token=f"00000000-0000-4000-8000-{owner.pk:012d}",
            requested_by=owner,
            country=home,
            status=BulkStatus.READY,
            expires_at=timezone.now() + dt.timedelta(hours=1),
        )
        download.archive.save("archive.zip", ContentFile(b"PK\x05\x06" + bytes(18)), save=False)
        download.save()
        world.downloads[owner.pk] = str(download.token)


def _sandboxes(world: World, owners: list[User]) -> None:
    """Each owner's sandbox, holding a document scan waiting for triage, a referred traveller's
    pending hit, a draft alert of their own (Guatemala's) and an open exercise attempt."""
    from sandbox.alerts import alert_create
    from sandbox.exercises.engine import ExerciseSpec, exercise_start
    from sandbox.models import AlertCategory, CrossingPoint, DocumentScan
    from sandbox.services import record_create, sandbox_get_or_create
    from tests.sandbox.referrals import referral_recorded
    from tests.sandbox.screens import PASSPORT_MRZ

    spec = ExerciseSpec(key="matrix:exercise", type_slug="entry_registration", parameters={})
    for owner in owners:
        sandbox = sandbox_get_or_create(user=owner)
        world.sandboxes[owner.pk] = sandbox.pk
        # A post of the country the owner acts for (Peñas Blancas for someone bound to none): their
        # own scans and referrals are their country's records.
        post = (
            CrossingPoint.objects.filter(country_id=sandbox.country_id).order_by("code").first()
            if sandbox.country_id
            else None
        )
        post_code = post.code if post is not None else "CR-PBL"
        scan = record_create(
            sandbox=sandbox,
            model=DocumentScan,
            crossing_point_id=post_code,
            scanned_at=timezone.now(),
            traveller_name="José Luis Peña López",
            raw_mrz=PASSPORT_MRZ,
        )
        world.scans[owner.pk] = scan.uid
        world.hits[owner.pk] = referral_recorded(sandbox, crossing_point=post_code).hits[0].uid
        world.alerts[owner.pk] = alert_create(
            sandbox=sandbox,
            actor=owner,
            category=AlertCategory.objects.get(code="EXIT_BAN"),
            subject_name="PÉREZ GÓMEZ, MARÍA JOSÉ",
            subject_birth_date=dt.date(1990, 6, 15),
            issuing_country_id="GTM",
            sharing_scope="OCAM_ALL",
            legal_reference="Exp. 123-2026",
        ).uid
        world.exercises[owner.pk] = str(exercise_start(user=owner, spec=spec).token)


def _admin_objects(world: World) -> None:
    """One of each snippet, and the reference data the admin screens name."""
    from wagtail.models import Locale

    from certificates.models import CertificateTemplate, CourseCertification
    from courses.models import Cohort, CoursePage, GlossaryTerm, QuestionBank

    learning = CoursePage.objects.get(pk=world.pks["learning_course"])
    today = timezone.localdate()
    cohort = Cohort.objects.create(
        name="Cohorte de la matriz", course=learning, starts_on=today, ends_on=today, due_on=today
    )
    es = Locale.objects.get(language_code="es")
    term = GlossaryTerm.objects.create(term="Puesto fronterizo", definition="Lugar de control.", locale=es)
    certification = CourseCertification.objects.get(course_id=world.pks["certified_course"])
    unused_template = CertificateTemplate.objects.create(
        name="Plantilla sin uso", locale=es, title="Certificado", body="{learner_name}", is_default=False
    )
    unused_bank = QuestionBank.objects.create(title="Banco sin preguntas", locale=es)
    unused = {
        "cohort": Cohort.objects.create(
            name="Cohorte sin uso", course=learning, starts_on=today, ends_on=today, due_on=today
        ).pk,
        "questionbank": unused_bank.pk,
        "question": world.pks["question"],
        "glossaryterm": GlossaryTerm.objects.create(term="Sin uso", definition="Nada.", locale=es).pk,
        "certificatetemplate": unused_template.pk,
        "coursecertification": CourseCertification.objects.create(
            course_id=world.pks["learning_course"], template=certification.template
        ).pk,
    }
    world.pks |= {f"{model}_unused": pk for model, pk in unused.items()}
    world.pks |= {
        "cohort": cohort.pk,
        "glossaryterm": term.pk,
        "certificatetemplate": certification.template_id,
        "coursecertification": certification.pk,
        "country_same_country": Country.objects.get(iso2=HOME).pk,
        "country_other_country": Country.objects.get(iso2=ABROAD).pk,
        "authority_same_country": Authority.objects.get(code="gt-igm").pk,
        "authority_other_country": Authority.objects.get(code="cr-dgme").pk,
        "dutypost_same_country": DutyPost.objects.get(code="GT-TUM").pk,
        "dutypost_other_country": DutyPost.objects.get(code="CR-PBL").pk,
    }
