"""The practical side of country tracking: a person's sandbox exercises passed per course, and the
practical pass rate per course on the country dashboard, the regional view and their exports, scoped
by country and counted in a fixed number of queries."""

from __future__ import annotations

import csv
import io
import uuid
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from certificates.models import CourseCertification
from courses.models import ActivityResult, CoursePage, Enrolment, EnrolmentSource, LessonPage
from courses.selectors.exercises import course_exercises
from courses.services import activity_result_record
from people.models import Country, DutyPost, JobFunction, User
from tests.certificates.factories import certificate_template
from tests.conftest import client_for, make_role_user
from tests.courses import factories as course_factories
from tests.tracking.factories import certified_course, rule, staff
from tracking import charts
from tracking.selectors.dashboards import country_dashboard, regional_overview
from tracking.selectors.exercises import Practical

pytestmark = pytest.mark.django_db

EXERCISE_TYPE_TITLE = "Register an entry from the traveller's MRZ"


class ExerciseCourse:
    """A certified course whose one lesson holds sandbox exercises after a text block."""

    def __init__(self, title: str, exercises: int = 2) -> None:
        built = course_factories.course(modules=1, lessons_per_module=1, title=title)
        self.page: CoursePage = built.page
        self.lesson: LessonPage = built.lessons[0]
        self.block_ids = [str(uuid.uuid4()) for _ in range(exercises)]
        self.titles = [f"{title}: ejercicio {number}" for number in range(1, exercises + 1)]
        self.lesson.body = [
            course_factories.text_block(),
            *(
                {
                    "type": "exercise",
                    "value": {
                        "title": exercise_title,
                        "exercise_type": "entry_registration",
                        "instructions": "",
                        "pass_mark": 100,
                        "max_attempts": None,
                    },
                    "id": block_id,
                }
                for exercise_title, block_id in zip(self.titles, self.block_ids, strict=True)
            ),
        ]
        self.lesson.save_revision().publish()
        CourseCertification.objects.create(course=self.page, template=certificate_template())

    def record(self, learner: User, index: int, score: int, *, enrolment: Enrolment | None = None) -> ActivityResult:
        """One checked attempt at an exercise, recorded in the learner's current enrolment (made if none)."""
        enrolment = enrolment or current_enrolment(learner, self.page)
        return activity_result_record(
            enrolment=enrolment,
            course=self.page,
            lesson_key=self.lesson.translation_key,
            block_id=self.block_ids[index],
            kind="exercise",
            score=Decimal(score),
            pass_mark=100,
        )

    def pass_all(self, learner: User) -> None:
        for index in range(len(self.block_ids)):
            self.record(learner, index, 100)


def current_enrolment(learner: User, course: CoursePage) -> Enrolment:
    enrolment = Enrolment.objects.filter(learner=learner, course_key=course.translation_key).order_by("-cycle").first()
    return enrolment or Enrolment.objects.create(
        learner=learner, course_key=course.translation_key, source=EnrolmentSource.SELF
    )


def csv_lines(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def move_to(person: User, post: DutyPost | None) -> None:
    with TestCase.captureOnCommitCallbacks(execute=True):
        profile = person.staff_profile
        profile.duty_post = post
        profile.save()


def expected(course: ExerciseCourse, iso2: str, duty_post: object = "any") -> tuple[int, int]:
    """(started, passed every exercise), counted directly, one enrolment at a time."""
    started = passed = 0
    keys = {(course.lesson.translation_key, block_id) for block_id in course.block_ids}
    for learner in User.objects.filter(is_active=True, staff_profile__country__iso2=iso2):
        if duty_post != "any" and learner.staff_profile.duty_post_id != duty_post:
            continue
        enrolment = (
            Enrolment.objects.filter(learner=learner, course_key=course.page.translation_key).order_by("-cycle").first()
        )
        if enrolment is None:
            continue
        results = [
            result
            for result in ActivityResult.objects.filter(enrolment=enrolment, kind="exercise")
            if (result.lesson_key, result.block_id) in keys
        ]
        if results:
            started += 1
            passed += len([result for result in results if result.passed_at is not None]) == len(keys)
    return started, passed


@pytest.fixture
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def practice(english):
    """Guatemala and Costa Rica require a course with two exercises; Guatemala also a course without."""
    course = ExerciseCourse("Registro de entradas")
    plain = certified_course(title="Atención al viajero")
    rule(iso2="GT", course=course.page)
    rule(iso2="CR", course=course.page)
    rule(iso2="GT", course=plain)
    gt = [staff(iso2="GT", full_name=f"Persona Guatemala {number}") for number in range(1, 5)]
    gt.append(staff(iso2="GT", full_name="Persona Guatemala 5", job_function=JobFunction.SUPERVISOR))
    cr = [staff(iso2="CR", full_name=f"Persona Costa Rica {number}") for number in range(1, 4)]
    course.pass_all(gt[0])  # passed both
    course.record(gt[1], 0, 100)  # passed one of two
    course.record(gt[2], 0, 40)  # started, failed
    course.record(gt[2], 0, 60)
    # gt[3] enrolled by the rule, never started; gt[4] a supervisor who enrolled alone and passed both
    move_to(gt[4], DutyPost.objects.filter(country__iso2="GT").order_by("code").last())
    course.pass_all(gt[4])
    course.pass_all(cr[0])
    course.pass_all(cr[1])
    course.record(cr[2], 1, 0)
    return course, plain, gt, cr


def test_the_person_page_lists_the_exercises_passed_per_course_next_to_the_certificates(practice):
    course, _plain, gt, _cr = practice
    course.record(gt[1], 0, 100)  # a second attempt at an exercise already passed
    client = client_for(make_role_user("focal_point"))
    response = client.get(reverse("tracking:person", args=["GT", gt[1].pk]))
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    headings = [heading.get_text(strip=True) for heading in page.find_all("h2")]
    assert headings.index("Practical exercises passed") == headings.index("Certificates") + 1
    table = page.find(id="exercises").find_next("table")
    rows = [
        [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])] for row in table.tbody.find_all("tr")
    ]
    assert rows == [
        [
            "Registro de entradas 1 of 2 exercises passed",
            course.titles[0],
            EXERCISE_TYPE_TITLE,
            "100%",
            rows[0][4],
            "2",
        ]
    ]
    assert rows[0][4]  # the date of the first pass
    bodies = table.find_all("tbody")
    assert [cell.get_text(" ", strip=True) for cell in bodies[1].find_all(["th", "td"])] == [
        "Atención al viajero",
        "No practical exercises",
    ]


def test_a_person_who_passed_none_yet_reads_so_and_the_previous_cycle_does_not_count(practice):
    course, _plain, gt, _cr = practice
    old = current_enrolment(gt[0], course.page)
    Enrolment.objects.create(
        learner=gt[0], course_key=course.page.translation_key, cycle=old.cycle + 1, source=EnrolmentSource.RENEWAL
    )
    client = client_for(make_role_user("focal_point"))
    page = BeautifulSoup(client.get(reverse("tracking:person", args=["GT", gt[0].pk])).content, "html.parser")
    first = page.find(id="exercises").find_next("table").tbody
    assert [cell.get_text(" ", strip=True) for cell in first.find_all(["th", "td"])] == [
        "Registro de entradas",
        "None of its 2 exercises has been passed yet.",
    ]
    data = country_dashboard(viewer=make_role_user("administrator"), country=Country.objects.get(iso2="GT"))
    figures = next(c for c in data.courses if c.course_key == course.page.translation_key).practical
    assert (figures.started, figures.passed) == expected(course, "GT") == (3, 1)


def test_a_focal_point_never_sees_another_countrys_person_or_their_exercises(practice):
    course, _plain, gt, cr = practice
    client = client_for(make_role_user("focal_point"))
    assert client.get(reverse("tracking:person", args=["CR", cr[0].pk])).status_code == 404
    assert client.get(reverse("tracking:person", args=["GT", cr[0].pk])).status_code == 404
    own = client.get(reverse("tracking:person", args=["GT", gt[0].pk])).content.decode()
    assert course.titles[0] in own and "Costa Rica" not in own
    assert client.get(reverse("tracking:region")).status_code == 403
    dashboard = BeautifulSoup(client.get(reverse("tracking:dashboard", args=["GT"])).content, "html.parser")
    practical = dashboard.find(id="chart-practical").find_parent("table")
    cells = [cell.get_text(strip=True) for cell in practical.tbody.find_all("tr")[1].find_all(["th", "td"])]
    # Costa Rica's three learners (two passed) are not counted in Guatemala's figures.
    assert cells == ["Registro de entradas", "2", "4", "2", "50 %"]


def test_the_dashboard_and_regional_figures_equal_a_direct_count(practice):
    course, _plain, gt, _cr = practice
    gt_post = gt[0].staff_profile.duty_post_id
    gt[2].is_active = False  # a deactivated learner is not counted
    gt[2].save(update_fields=["is_active"])
    administrator = make_role_user("administrator")
    guatemala = Country.objects.get(iso2="GT")
    data = country_dashboard(viewer=administrator, country=guatemala)
    figures = next(c for c in data.courses if c.course_key == course.page.translation_key)
    assert (figures.practical.started, figures.practical.passed) == expected(course, "GT") == (3, 2)
    assert figures.practical.percent_label == "67 %"
    by_post = {line.pk: line.practical for line in figures.by_duty_post}
    for post, practical in by_post.items():
        assert (practical.started, practical.passed) == expected(course, "GT", post)
    assert (by_post[gt_post].started, by_post[gt_post].passed) == (2, 1)
    # The supervisor's duty post has no one under the rule: it gets a line of its own.
    supervisor_post = gt[4].staff_profile.duty_post_id
    assert (by_post[supervisor_post].started, by_post[supervisor_post].passed) == (1, 1)
    overview = regional_overview(viewer=make_role_user("regional_coordinator"))
    regional = next(c for c in overview if c.course_key == course.page.translation_key)
    for country, _tally, practical in regional.rows():
        assert (practical.started, practical.passed) == expected(course, country.iso2), country.iso2
    plain = next(c for c in overview if c.course_key != course.page.translation_key)
    assert not plain.has_exercises


def test_a_course_without_exercises_reads_no_practical_exercises_never_zero_percent(practice):
    _course, plain, _gt, _cr = practice
    client = client_for(make_role_user("focal_point"))
    dashboard = BeautifulSoup(client.get(reverse("tracking:dashboard", args=["GT"])).content, "html.parser")
    practical = dashboard.find(id="chart-practical").find_parent("table")
    plain_row = [cell.get_text(strip=True) for cell in practical.tbody.find_all("tr")[0].find_all(["th", "td"])]
    assert plain_row == [plain.title, "0", "—", "—", "No practical exercises"]
    assert "practical pass rate of a course is the share" in dashboard.get_text(" ", strip=True)
    region = client_for(make_role_user("regional_coordinator")).get(reverse("tracking:region")).content.decode()
    assert "No practical exercises" in region and "practical pass rate of a course is the share" in region


def test_the_exports_carry_the_practical_counts_of_each_row(practice):
    _course, _plain, gt, _cr = practice
    client = client_for(make_role_user("focal_point"))
    lines = csv_lines(client.get(reverse("tracking:dashboard", args=["GT"]) + "?format=csv"))
    assert lines[0][-4:] == [
        "Exercises in the course",
        "Learners who started them",
        "Passed every exercise",
        "Practical pass rate",
    ]
    post_name = str(gt[0].staff_profile.duty_post)
    row = next(line for line in lines if line[0] == "Registro de entradas" and line[1] == post_name)
    assert row[-4:] == ["2", "3", "1", "33 %"]
    plain_rows = [line for line in lines if line[0] == "Atención al viajero"]
    assert plain_rows and all(line[-4:] == ["0", "", "", "No practical exercises"] for line in plain_rows)
    region = client_for(make_role_user("regional_coordinator"))
    rows = {tuple(line[:2]): line for line in csv_lines(region.get(reverse("tracking:region") + "?format=csv"))[1:]}
    assert rows[("Registro de entradas", "Costa Rica")][-4:] == ["2", "3", "2", "67 %"]
    assert rows[("Registro de entradas", "Guatemala")][-4:] == ["2", "4", "2", "50 %"]
    assert client.get(reverse("tracking:dashboard", args=["GT"]) + "?format=xlsx").status_code == 200


def test_the_pages_cost_the_same_queries_for_more_people_passes_and_courses(english):
    course = ExerciseCourse("Registro de entradas")
    rule(iso2="GT", course=course.page)
    rule(iso2="CR", course=course.page)
    first = staff(iso2="GT")
    course.record(first, 0, 100)
    focal_point = client_for(make_role_user("focal_point"))
    coordinator = client_for(make_role_user("regional_coordinator"))
    pages = [
        (focal_point, reverse("tracking:dashboard", args=["GT"])),
        (focal_point, reverse("tracking:person", args=["GT", first.pk])),
        (coordinator, reverse("tracking:region")),
        (coordinator, reverse("tracking:dashboard", args=["GT"]) + "?format=csv"),
    ]

    def queries() -> list[int]:
        counts = []
        for client, url in pages:
            client.get(url)  # the first request of a client fills the caches (site, locales)
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            counts.append(len(captured))
        return counts

    few = queries()
    second = ExerciseCourse("Control de salidas", exercises=3)
    rule(iso2="GT", course=second.page)
    rule(iso2="CR", course=second.page)
    for _ in range(3):
        learner = staff(iso2="GT")
        course.pass_all(learner)
        second.record(learner, 2, 100)
        course.pass_all(staff(iso2="CR"))
    second.pass_all(first)
    move_to(first, None)
    for index in range(3):
        second.record(first, index, 100)
    # One more course on each page (its rows, its chart line) and more people: no more queries.
    assert queries() == few


def test_the_practical_chart_says_what_its_data_table_counts(english):
    chart = charts.practical_bars(
        title="Practical pass rate by course, Guatemala",
        label_header="Course",
        items=[("Registro de entradas", 2, 1, 2), ("Control de salidas", 3, 3, 4), ("Atención al viajero", 0, 0, 0)],
    )
    assert chart.headers == [
        "Course",
        "Exercises in the course",
        "Learners who started them",
        "Passed every exercise",
        "Practical pass rate",
    ]
    assert chart.rows == [
        ["Registro de entradas", "2", "2", "1", "50 %"],
        ["Control de salidas", "3", "4", "3", "75 %"],
        ["Atención al viajero", "0", "—", "—", "No practical exercises"],
    ]
    assert chart.summary == (
        "The practical pass rate ranges from 50 % (Registro de entradas) to 75 % (Control de salidas)."
    )
    one = charts.practical_bars(title="t", label_header="Course", items=[("Registro de entradas", 2, 1, 3)])
    assert one.summary == "Registro de entradas: 33 % (1 of 3)."
    idle = charts.practical_bars(title="t", label_header="Course", items=[("Registro de entradas", 2, 0, 0)])
    assert idle.summary == "No learner has started a practical exercise yet." and idle.rows[0][-1] == "—"
    none = charts.practical_bars(title="t", label_header="Course", items=[("Atención al viajero", 0, 0, 0)])
    assert none.summary == "No course here has practical exercises."
    assert Practical(exercises=0).percent_label == "—" and Practical(exercises=2).percent_label == "—"


def test_a_course_s_exercises_are_read_in_three_queries_titled_in_the_lesson_s_language(
    django_assert_max_num_queries,
):
    course = ExerciseCourse("Registro de entradas")
    plain = certified_course(title="Atención al viajero")
    course_factories.catalogue("en")
    translated = course.lesson.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
    translated.body = [
        block if block["type"] != "exercise" else block | {"value": block["value"] | {"title": f"Exercise {n}"}}
        for n, block in enumerate(course.lesson.body.raw_data)
    ]
    translated.save_revision().publish()
    keys = [course.page.translation_key, plain.translation_key]
    with django_assert_max_num_queries(3):
        english = course_exercises(course_keys=keys, language="en")
    spanish = course_exercises(course_keys=keys, language="es")
    assert [exercise.title for exercise in english[course.page.translation_key]] == ["Exercise 1", "Exercise 2"]
    assert [exercise.title for exercise in spanish[course.page.translation_key]] == course.titles
    assert [exercise.block_id for exercise in english[course.page.translation_key]] == course.block_ids
    assert {exercise.type_slug for exercise in spanish[course.page.translation_key]} == {"entry_registration"}
    assert english[plain.translation_key] == spanish[plain.translation_key] == []
