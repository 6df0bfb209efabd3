"""Reads for country tracking. Every function takes the viewer, and scopes by country through
`people.selectors.country_scope_for` (D7): a focal point reads their own country only, the
regional coordinator and administrators every country; a country outside the viewer's scope,
or an object in it, is a 404.

Dashboards read the summaries (`CoverageCount`, `CoverageMonth`): a few queries whatever the
number of staff.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext

from certificates.models import Certificate, CourseCertification, IssueStatus, PublicStatus
from certificates.selectors import certificate_list, certification_for, template_default
from courses.models import CoursePage, Enrolment
from courses.selectors import enrolment_list, pages_in_language
from people.models import Authority, Country, DutyPost, JobFunction, User
from people.selectors import CountryScope, Viewer, country_scope_for
from tracking import coverage
from tracking.models import (
    ComplianceStatus,
    CountryReport,
    CoverageCount,
    CoverageMonth,
    PersonStatus,
    RosterImport,
    TrainingRule,
    month_start,
    months_back,
)
from tracking.roster.checking import AcceptedValues, accepted_values

VIEW_PERMISSIONS = ("people.view_country_staff", "people.view_all_countries_staff")
MANAGE_PERMISSION = "tracking.change_trainingrule"


def can_track(viewer: Viewer) -> bool:
    """Focal points, the regional coordinator and administrators follow certification."""
    return viewer.is_authenticated and any(viewer.has_perm(permission) for permission in VIEW_PERMISSIONS)


def tracking_scope(*, viewer: Viewer) -> CountryScope:
    """The viewer's country scope, or PermissionDenied for people who do not follow certification."""
    if not can_track(viewer):
        raise PermissionDenied
    return country_scope_for(viewer=viewer)


def countries_visible(*, viewer: Viewer) -> QuerySet[Country]:
    scope = tracking_scope(viewer=viewer)
    countries = Country.objects.order_by("name_es")
    return countries if scope.all_countries else countries.filter(pk__in=scope.country_ids)


def country_for(*, viewer: Viewer, iso2: str) -> Country:
    """A country the viewer follows, or 404."""
    country = countries_visible(viewer=viewer).filter(iso2=iso2.upper()).first()
    if country is None:
        raise Http404
    return country


def sees_region(*, viewer: Viewer) -> bool:
    return can_track(viewer) and country_scope_for(viewer=viewer).all_countries


def _covers(scope: CountryScope, country: Country) -> bool:
    return scope.all_countries or country.pk in scope.country_ids


def can_manage(*, viewer: Viewer, country: Country) -> bool:
    """Rules and roster imports: the country's focal point, or an administrator."""
    if not viewer.is_authenticated or not viewer.has_perm(MANAGE_PERMISSION):
        return False
    return _covers(country_scope_for(viewer=viewer), country)


def _in_scope(viewer: Viewer, country: Country) -> None:
    if not _covers(tracking_scope(viewer=viewer), country):
        raise Http404


# Dashboards -----------------------------------------------------------------------------------


@dataclass
class Tally:
    """People in each status, and what coverage follows from them."""

    compliant: int = 0
    expiring: int = 0
    due: int = 0
    overdue: int = 0
    expired: int = 0
    expiring_bands: dict[int, int] = field(default_factory=lambda: {30: 0, 60: 0, 90: 0})

    def add(self, status: str, band: int | None, people: int) -> None:
        setattr(self, status, getattr(self, status) + people)
        if status == ComplianceStatus.EXPIRING and band in self.expiring_bands:
            self.expiring_bands[band] += people

    @property
    def required(self) -> int:
        return self.compliant + self.expiring + self.due + self.overdue + self.expired

    @property
    def valid(self) -> int:
        return self.compliant + self.expiring

    @property
    def percent(self) -> int | None:
        return coverage.coverage_percent(self.valid, self.required)

    @property
    def percent_label(self) -> str:
        return coverage.percent_label(self.percent)

    def by_status(self) -> list[tuple[str, str, int]]:
        return [(value, label, getattr(self, value)) for value, label in ComplianceStatus.choices]


@dataclass
class Breakdown:
    label: str
    pk: int | None
    tally: Tally


@dataclass
class CourseCoverage:
    course_key: uuid.UUID
    title: str
    tally: Tally
    by_authority: list[Breakdown]
    by_duty_post: list[Breakdown]
    trend: list[tuple[date, int, int]]  # month, required, valid

    @property
    def key(self) -> str:
        return str(self.course_key)


@dataclass
class CountryDashboard:
    country: Country
    courses: list[CourseCoverage]
    tally: Tally
    months: list[date]
    refreshed_at: object


def course_titles(keys) -> dict[uuid.UUID, str]:
    pages = pages_in_language(CoursePage, set(keys))
    return {key: page.title for key, page in pages.items()}


def _rule_keys(countries) -> dict[int, set[uuid.UUID]]:
    keys = defaultdict(set)
    for country_id, key in TrainingRule.objects.filter(country__in=countries, is_active=True).values_list(
        "country_id", "course_key"
    ):
        keys[country_id].add(key)
    return keys


def country_dashboard(*, viewer: Viewer, country: Country) -> CountryDashboard:
    """A country's coverage per mandatory course, by authority and duty post, and by month (six queries)."""
    _in_scope(viewer, country)
    keys = _rule_keys([country])[country.pk]
    counts = list(
        # An authority is labelled with its country (Authority.__str__): read both with the rows.
        CoverageCount.objects.filter(country=country, course_key__in=keys).select_related(
            "authority__country", "duty_post"
        )
    )
    months = _months()
    trend = defaultdict(list)
    for row in CoverageMonth.objects.filter(country=country, course_key__in=keys, month__in=months):
        trend[row.course_key].append((row.month, row.required, row.valid))
    titles = course_titles(keys)
    per_course: dict[uuid.UUID, Tally] = defaultdict(Tally)
    authorities: dict[uuid.UUID, dict[int, Breakdown]] = defaultdict(dict)
    posts: dict[uuid.UUID, dict[int | None, Breakdown]] = defaultdict(dict)
    total = Tally()
    for row in counts:
        per_course[row.course_key].add(row.status, row.expiring_within, row.people)
        total.add(row.status, row.expiring_within, row.people)
        authority = authorities[row.course_key].setdefault(
            row.authority_id, Breakdown(str(row.authority), row.authority_id, Tally())
        )
        authority.tally.add(row.status, row.expiring_within, row.people)
        post_label = str(row.duty_post) if row.duty_post else gettext("No duty post")
        post = posts[row.course_key].setdefault(row.duty_post_id, Breakdown(post_label, row.duty_post_id, Tally()))
        post.tally.add(row.status, row.expiring_within, row.people)
    courses = [
        CourseCoverage(
            course_key=key,
            title=titles.get(key, str(key)),
            tally=per_course[key],
            by_authority=sorted(authorities[key].values(), key=lambda b: b.label),
            by_duty_post=sorted(posts[key].values(), key=lambda b: (b.pk is None, b.label)),
            trend=sorted(trend[key]),
        )
        for key in keys
    ]
    courses.sort(key=lambda course: course.title)
    refreshed = (
        PersonStatus.objects.filter(country=country)
        .order_by("-refreshed_at")
        .values_list("refreshed_at", flat=True)
        .first()
    )
    return CountryDashboard(country=country, courses=courses, tally=total, months=months, refreshed_at=refreshed)


def _months() -> list[date]:
    return months_back(month_start(timezone.localdate()), settings.TRACKING_TREND_MONTHS)


@dataclass
class RegionalCourse:
    course_key: uuid.UUID
    title: str
    countries: list[tuple[Country, Tally | None]]  # None: the country has no rule for this course

    @property
    def key(self) -> str:
        return str(self.course_key)


def regional_overview(*, viewer: Viewer) -> list[RegionalCourse]:
    """The eight countries side by side for each mandatory course (four queries)."""
    scope = tracking_scope(viewer=viewer)
    if not scope.all_countries:
        raise PermissionDenied
    countries = list(Country.objects.order_by("name_es"))
    keys = _rule_keys(countries)
    tallies: dict[tuple[uuid.UUID, int], Tally] = defaultdict(Tally)
    rows = (
        CoverageCount.objects.values("course_key", "country_id", "status", "expiring_within")
        .annotate(total=Sum("people"))
        .order_by()
    )
    for row in rows:
        if row["course_key"] in keys[row["country_id"]]:
            tallies[(row["course_key"], row["country_id"])].add(row["status"], row["expiring_within"], row["total"])
    every_key = set().union(*keys.values()) if keys else set()
    titles = course_titles(every_key)
    overview = [
        RegionalCourse(
            course_key=key,
            title=titles.get(key, str(key)),
            countries=[
                (country, tallies[(key, country.pk)] if key in keys[country.pk] else None) for country in countries
            ],
        )
        for key in every_key
    ]
    overview.sort(key=lambda course: course.title)
    return overview


# Drill-down lists -------------------------------------------------------------------------------

FILTERS = ("course", "status", "band", "authority", "duty_post", "job_function", "q")


def person_status_list(*, viewer: Viewer, country: Country, filters: Mapping[str, object]) -> QuerySet[PersonStatus]:
    """The statuses of a country's people, filtered; scoped by the viewer whatever the filters say."""
    _in_scope(viewer, country)
    scope = country_scope_for(viewer=viewer)
    rows = PersonStatus.objects.filter(country=country).filter(
        scope.people_filter(user_field="person", country_field="country")
    )
    course = filters.get("course")
    if course:
        rows = rows.filter(course_key=course)
    status = filters.get("status")
    if status:
        rows = rows.filter(status=status)
    band = filters.get("band")
    if band:
        rows = rows.filter(status=ComplianceStatus.EXPIRING, expiring_within__lte=band)
    if filters.get("authority"):
        rows = rows.filter(authority_id=filters["authority"])
    duty_post = filters.get("duty_post")
    if duty_post == "none":
        rows = rows.filter(duty_post__isnull=True)
    elif duty_post:
        rows = rows.filter(duty_post_id=duty_post)
    if filters.get("job_function"):
        rows = rows.filter(job_function=filters["job_function"])
    text = (filters.get("q") or "").strip()
    if text:
        rows = rows.filter(
            Q(person__full_name__icontains=text)
            | Q(person__email__icontains=text)
            | Q(person__staff_profile__staff_number__iexact=text)
        )
    return rows.select_related("person__staff_profile", "authority__country", "duty_post").order_by(
        "person__full_name", "person_id", "course_key"
    )


def filter_choices(*, viewer: Viewer, country: Country) -> dict[str, list[tuple[str, str]]]:
    """The options of the drill-down filters: the country's courses, authorities and posts."""
    _in_scope(viewer, country)
    keys = _rule_keys([country])[country.pk]
    titles = course_titles(keys)
    return {
        "course": sorted(((str(key), titles.get(key, str(key))) for key in keys), key=lambda c: c[1]),
        "status": [(value, str(label)) for value, label in ComplianceStatus.choices],
        "band": [(str(band), str(band)) for band in (30, 60, 90)],
        "authority": [(str(a.pk), str(a)) for a in Authority.objects.filter(country=country)],
        "duty_post": [(str(p.pk), str(p)) for p in DutyPost.objects.filter(country=country, is_active=True)],
        "job_function": [(value, str(label)) for value, label in JobFunction.choices],
    }


@dataclass
class EnrolmentLine:
    enrolment: Enrolment
    title: str
    lessons_done: int
    is_overdue: bool


@dataclass
class PersonPage:
    person: User
    statuses: list[tuple[PersonStatus, str]]
    enrolments: list[EnrolmentLine]
    certificates: list[tuple[Certificate, str, PublicStatus]]


def person_page(*, viewer: Viewer, country: Country, person_id: int) -> PersonPage:
    """One person's mandatory training, enrolments with progress, and certificates; 404 outside scope."""
    _in_scope(viewer, country)
    scope = country_scope_for(viewer=viewer)
    person = (
        User.objects.filter(scope.people_filter(), pk=person_id, staff_profile__country=country)
        .select_related("staff_profile__authority__country", "staff_profile__duty_post")
        .first()
    )
    if person is None:
        raise Http404
    statuses = list(PersonStatus.objects.filter(person=person, country=country).select_related("rule"))
    enrolments = list(
        enrolment_list(viewer=viewer)
        .filter(learner=person)
        .annotate(lessons_done=Count("lesson_completions"))
        .order_by("-enrolled_at")
    )
    certificates = list(
        certificate_list(viewer=viewer).filter(learner=person, issue_status=IssueStatus.ISSUED).order_by("-issued_at")
    )
    titles = course_titles(
        {row.course_key for row in statuses}
        | {row.course_key for row in enrolments}
        | {row.course_key for row in certificates}
    )
    today = timezone.localdate()
    return PersonPage(
        person=person,
        statuses=[(row, titles.get(row.course_key, "")) for row in statuses],
        enrolments=[
            EnrolmentLine(
                enrolment=row,
                title=titles.get(row.course_key, ""),
                lessons_done=row.lessons_done,
                is_overdue=bool(row.due_on and row.due_on < today and row.completed_at is None),
            )
            for row in enrolments
        ],
        certificates=[
            (row, titles.get(row.course_key, row.course_title), row.public_status(today)) for row in certificates
        ],
    )


# Rules, imports and reports ---------------------------------------------------------------------


def course_gives_certificate(*, course_key: uuid.UUID) -> bool:
    """Whether completing the course is certified: by its certification rule, or by the default template
    (`certificates.services.certificate_issue` certifies every completed course with one or the other)."""
    return certification_for(course_key=course_key) is not None or template_default() is not None


def certified_course_keys() -> set[uuid.UUID]:
    """The live courses that give a certificate: those with a certification rule, or, when a default
    certificate template certifies the others, every live course (whatever its languages)."""
    live = CoursePage.objects.live()
    if template_default() is None:
        live = live.filter(translation_key__in=CourseCertification.objects.values("course__translation_key"))
    return set(live.values_list("translation_key", flat=True).distinct())


def certified_course_choices() -> list[tuple[str, str]]:
    """The courses a rule may require, by translation key, titled in the current language (or the other one,
    for a course written in one language only), in alphabetical order."""
    titles = course_titles(certified_course_keys())
    return sorted(((str(key), title) for key, title in titles.items()), key=lambda choice: choice[1].casefold())


def certified_course_page(*, course_key: uuid.UUID | str) -> CoursePage | None:
    """The page a rule names for a course: its live Spanish page (the canonical one), or its live page in
    the other language for a course written in that language only; None for a course that gives no certificate."""
    if not course_gives_certificate(course_key=course_key):
        return None
    pages = CoursePage.objects.live().filter(translation_key=course_key).select_related("locale")
    by_language = {page.locale.language_code: page for page in pages}
    return by_language.get(settings.LANGUAGE_CODE) or next(iter(by_language.values()), None)


def rules_for(*, viewer: Viewer, country: Country) -> list[tuple[TrainingRule, str, int]]:
    """A country's rules with their course titles and how many people each covers."""
    _in_scope(viewer, country)
    rules = list(
        TrainingRule.objects.filter(country=country).annotate(people=Count("statuses")).order_by("job_function")
    )
    titles = course_titles({rule.course_key for rule in rules})
    return [(rule, titles.get(rule.course_key, str(rule.course)), rule.people) for rule in rules]


def rule_for(*, viewer: Viewer, country: Country, pk: int) -> TrainingRule:
    _in_scope(viewer, country)
    rule = TrainingRule.objects.filter(country=country, pk=pk).select_related("course").first()
    if rule is None:
        raise Http404
    return rule


def roster_import_for(*, viewer: Viewer, country: Country, token: uuid.UUID) -> RosterImport:
    _in_scope(viewer, country)
    found = RosterImport.objects.filter(country=country, token=token).select_related("country").defer("data").first()
    if found is None:
        raise Http404
    return found


def roster_accepted_values(*, viewer: Viewer, country: Country) -> list[AcceptedValues]:
    """What the country's roster accepts in its coded columns: its own authority and duty posts only."""
    _in_scope(viewer, country)
    return accepted_values(country=country)


def roster_imports(*, viewer: Viewer, country: Country) -> QuerySet[RosterImport]:
    _in_scope(viewer, country)
    return RosterImport.objects.filter(country=country).select_related("uploaded_by").defer("data", "plan")[:10]


def reports_for(*, viewer: Viewer, country: Country) -> QuerySet[CountryReport]:
    _in_scope(viewer, country)
    return CountryReport.objects.filter(country=country)[:12]


def report_for(*, viewer: Viewer, country: Country, token: uuid.UUID) -> CountryReport:
    _in_scope(viewer, country)
    report = CountryReport.objects.filter(country=country, token=token).first()
    if report is None:
        raise Http404
    return report


# The read API -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CertificationAnswer:
    person: User
    course_key: uuid.UUID
    certificate: Certificate | None
    status: PublicStatus | None

    @property
    def holds_valid(self) -> bool:
        return self.status == PublicStatus.VALID


def person_lookup(*, viewer: Viewer, email: str | None = None, staff_number: str | None = None) -> User:
    """A person in the viewer's countries, by e-mail or staff number; 404 otherwise."""
    scope = country_scope_for(viewer=viewer)
    people = User.objects.filter(scope.people_filter(), staff_profile__country__isnull=False, is_active=True)
    if email:
        people = people.filter(email__iexact=email.strip())
    elif staff_number:
        people = people.filter(staff_profile__staff_number=staff_number.strip())
    else:
        raise Http404
    found = list(people.select_related("staff_profile__country", "staff_profile__authority__country")[:2])
    if len(found) != 1:
        raise Http404
    return found[0]


def certification_answer(
    *, viewer: Viewer, course_key: uuid.UUID, email: str | None = None, staff_number: str | None = None
) -> CertificationAnswer:
    """Does this person hold a valid certificate of this course? (two queries)"""
    person = person_lookup(viewer=viewer, email=email, staff_number=staff_number)
    today = timezone.localdate()
    certificates = Certificate.objects.filter(
        learner=person, course_key=course_key, issue_status=IssueStatus.ISSUED
    ).order_by("-issued_at")
    statuses = [(certificate, certificate.public_status(today)) for certificate in certificates]
    valid = [pair for pair in statuses if pair[1] == PublicStatus.VALID]
    chosen = valid[0] if valid else (statuses[0] if statuses else (None, None))
    return CertificationAnswer(person=person, course_key=course_key, certificate=chosen[0], status=chosen[1])


def roster_status(*, viewer: Viewer, country: Country) -> QuerySet[PersonStatus]:
    """Every status of a country's people, for the API (scoped like the pages)."""
    return person_status_list(viewer=viewer, country=country, filters={})
