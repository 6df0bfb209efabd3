"""The country dashboard and the regional overview. They read the summaries (`CoverageCount`,
`CoverageMonth`), and the practical pass rate of each course (`tracking.selectors.exercises`): a
few queries whatever the number of staff or courses."""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext

from courses.selectors.exercises import course_exercises
from people.models import Country, DutyPost
from people.selectors import Viewer, country_scope_for
from tracking import coverage
from tracking.models import ComplianceStatus, CoverageCount, CoverageMonth, PersonStatus, month_start, months_back
from tracking.selectors.exercises import Practical, practical_counts
from tracking.selectors.rules import course_titles, rule_keys
from tracking.selectors.scope import in_scope, tracking_scope


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
    practical: Practical = field(default_factory=lambda: Practical(exercises=0))


@dataclass
class CourseCoverage:
    course_key: uuid.UUID
    title: str
    tally: Tally
    by_authority: list[Breakdown]
    by_duty_post: list[Breakdown]
    trend: list[tuple[date, int, int]]  # month, required, valid
    practical: Practical = field(default_factory=lambda: Practical(exercises=0))

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


def country_dashboard(*, viewer: Viewer, country: Country) -> CountryDashboard:
    """A country's coverage and practical pass rate per mandatory course, by authority and duty post,
    and coverage by month (at most eleven queries)."""
    in_scope(viewer, country)
    keys = rule_keys([country])[country.pk]
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
    _add_practical(viewer, country, courses, posts)
    courses.sort(key=lambda course: course.title)
    refreshed = (
        PersonStatus.objects.filter(country=country)
        .order_by("-refreshed_at")
        .values_list("refreshed_at", flat=True)
        .first()
    )
    return CountryDashboard(country=country, courses=courses, tally=total, months=months, refreshed_at=refreshed)


def _add_practical(
    viewer: Viewer, country: Country, courses: list[CourseCoverage], posts: dict[uuid.UUID, dict[int | None, Breakdown]]
) -> None:
    """Each course's practical figures, and each duty post's; a post where learners started the
    exercises but no one is under the rule gets a line of its own (no one required)."""
    exercises = course_exercises(course_keys=[course.course_key for course in courses])
    counts = practical_counts(
        scope=country_scope_for(viewer=viewer), countries=[country], exercises=exercises, by_duty_post=True
    )
    by_key = {course.course_key: course for course in courses}
    for course in courses:
        course.practical = Practical(exercises=len(exercises[course.course_key]))
        for line in course.by_duty_post:
            line.practical = Practical(exercises=course.practical.exercises)
    missing = {count.duty_post_id for count in counts if count.duty_post_id not in posts[count.course_key]}
    labels = {post.pk: str(post) for post in DutyPost.objects.filter(pk__in=missing - {None})} if missing else {}
    for count in counts:
        course = by_key[count.course_key]
        course.practical.add(count.started, count.passed)
        line = posts[count.course_key].get(count.duty_post_id)
        if line is None:
            label = labels.get(count.duty_post_id) or gettext("No duty post")
            line = Breakdown(label, count.duty_post_id, Tally(), Practical(exercises=course.practical.exercises))
            posts[count.course_key][count.duty_post_id] = line
            course.by_duty_post.append(line)
            course.by_duty_post.sort(key=lambda b: (b.pk is None, b.label))
        line.practical.add(count.started, count.passed)


def _months() -> list[date]:
    return months_back(month_start(timezone.localdate()), settings.TRACKING_TREND_MONTHS)


@dataclass
class RegionalCourse:
    course_key: uuid.UUID
    title: str
    countries: list[tuple[Country, Tally | None]]  # None: the country has no rule for this course
    practical: list[Practical] = field(default_factory=list)  # per country, in the order of `countries`

    @property
    def key(self) -> str:
        return str(self.course_key)

    @property
    def has_exercises(self) -> bool:
        return any(practical.has_exercises for practical in self.practical)

    def rows(self) -> list[tuple[Country, Tally | None, Practical]]:
        """Each country with its coverage (None without a rule) and its practical figures."""
        practical = self.practical or [Practical(exercises=0)] * len(self.countries)
        return [(country, tally, figures) for (country, tally), figures in zip(self.countries, practical, strict=True)]


def regional_overview(*, viewer: Viewer) -> list[RegionalCourse]:
    """The eight countries side by side for each mandatory course: coverage and practical pass rate
    (at most eight queries)."""
    scope = tracking_scope(viewer=viewer)
    if not scope.all_countries:
        raise PermissionDenied
    countries = list(Country.objects.order_by("name_es"))
    keys = rule_keys(countries)
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
    exercises = course_exercises(course_keys=every_key)
    practical: dict[tuple[uuid.UUID, int], Practical] = {
        (key, country.pk): Practical(exercises=len(exercises[key])) for key in every_key for country in countries
    }
    for count in practical_counts(scope=scope, countries=countries, exercises=exercises):
        practical[(count.course_key, count.country_id)].add(count.started, count.passed)
    overview = [
        RegionalCourse(
            course_key=key,
            title=titles.get(key, str(key)),
            countries=[
                (country, tallies[(key, country.pk)] if key in keys[country.pk] else None) for country in countries
            ],
            practical=[practical[(key, country.pk)] for country in countries],
        )
        for key in every_key
    ]
    overview.sort(key=lambda course: course.title)
    return overview
