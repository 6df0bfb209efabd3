"""What a focal point does on the roster pages: a file with errors listed by row and column in
Spanish, writing nothing; the cells of a row with problems shown as the file had them; files
refused before they are kept; the corrected file imported, invitations sent once, a re-import
without duplicates; the kept check read instead of the file, brought up to date when the staff
changed, in the reader's language; the Excel and CSV templates.
"""

from __future__ import annotations

import io
import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.hashers import is_password_usable
from django.core import mail
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import translation

from people.models import Country, DutyPost, JobFunction, StaffProfile, User
from tests.people.factories import person
from tests.tracking.factories import certified_course, rule
from tests.tracking.roster_files import csv_bytes, roster_row, upload, xlsx_bytes, xlsx_row
from tracking import tasks, uploads
from tracking.models import ImportStatus, Invitation, PersonStatus, RosterImport
from tracking.roster import reading
from tracking.roster.planning import roster_plan
from tracking.roster.plans import COLUMN_LABELS, COLUMNS

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitations_run(monkeypatch):
    """The invitation task runs in-process when it is sent; returns the ids it was sent with."""
    sent: list[int] = []

    def run(roster_import_id: int) -> None:
        sent.append(roster_import_id)
        tasks.invitations_send_task.run(roster_import_id)

    monkeypatch.setattr(tasks.invitations_send_task, "delay", run)
    return sent


def test_a_roster_with_errors_lists_them_by_row_and_column_in_spanish_and_writes_nothing(focal_point_client):
    people = User.objects.count()
    rows = [roster_row(1), roster_row(2, email="no-es-correo"), roster_row(3, duty_post="GT-XXX"), roster_row(1)]

    response = upload(focal_point_client, csv_bytes(rows))
    check = focal_point_client.get(response.url)

    html = check.content.decode()
    assert "El archivo tiene problemas" in html
    table = html[html.index('id="row-errors"') :]
    cells = re.findall(r"<tr><td class=\"number\">(\d+)</td><td>([^<]*)</td>", table)
    assert ("3", "Correo electrónico") in cells  # row 3 of the sheet: the header is row 1
    assert ("4", "Puesto migratorio") in cells
    assert ("5", "Correo electrónico") in cells  # the same person twice
    assert User.objects.count() == people
    assert RosterImport.objects.get().status == ImportStatus.INVALID
    # An invalid file cannot be imported, even by posting to the import address.
    refused = focal_point_client.post(reverse("tracking:roster_apply", args=["GT", RosterImport.objects.get().token]))
    assert refused.status_code == 302 and User.objects.count() == people


def _outcomes(html: bytes) -> list[list[str]]:
    page = BeautifulSoup(html, "html.parser")
    table = page.find(attrs={"role": "region", "aria-labelledby": "row-outcomes"}).find("table")
    return [[cell.get_text() for cell in row.find_all("td")] for row in table.select("tbody tr")]


def test_the_check_shows_what_the_file_had_in_each_cell_of_a_row_with_problems(focal_point_client):
    rows = [
        roster_row(1),
        roster_row(2, email="correo-malo", job_function="Piloto"),
        roster_row(3, email="<script>alert(1)</script>", full_name="Ana\u202eOtra"),
    ]

    check = focal_point_client.get(upload(focal_point_client, csv_bytes(rows)).url)
    with translation.override("en"):
        english = focal_point_client.get(
            reverse("tracking:roster_check", args=["GT", RosterImport.objects.get().token])
        )

    assert _outcomes(check.content) == [
        ["2", "Por agregar", "agente1@igm.gob.gt", "María José Pérez 1", ""],
        ["3", "Error", "correo-malo", "María José Pérez 2", "Problemas en: Correo electrónico, Función"],
        [
            "4",
            "Error",
            "<script>alert(1)</script>",
            "Ana[U+202E]Otra",
            "Problemas en: Correo electrónico, Nombre completo",
        ],
    ]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in check.content.decode()
    assert "<script>alert" not in check.content.decode()
    assert _outcomes(english.content)[1] == [
        "3",
        "Error",
        "correo-malo",
        "María José Pérez 2",
        "Problems in: E-mail, Job function",
    ]


def test_a_file_that_is_not_csv_or_xlsx_or_too_large_is_refused_before_it_is_kept(focal_point_client, settings):
    response = upload(focal_point_client, b"%PDF-1.4 not a roster", name="personal.pdf")
    assert response.status_code == 400 and "CSV" in response.content.decode()
    # A PDF renamed .csv is named for what it is, in the reader's language, not read as text.
    renamed = upload(focal_point_client, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", name="personal.csv")
    assert renamed.status_code == 400
    assert "Este archivo es un documento PDF, no un archivo CSV ni Excel (.xlsx)." in renamed.content.decode()
    settings.TRACKING_ROSTER_MAX_BYTES = 100
    assert upload(focal_point_client, csv_bytes([roster_row(n) for n in range(1, 10)])).status_code == 400
    assert not RosterImport.objects.exists()


def test_the_corrected_file_imports_invites_once_and_reimports_without_duplicates(focal_point_client, invitations_run):
    course = certified_course()
    rule(iso2="GT", course=course, job_function=JobFunction.BORDER_OFFICER)
    rows = [roster_row(1), roster_row(2, job_function="supervisor", language="en")]

    check_url = upload(focal_point_client, xlsx_bytes([xlsx_row(row) for row in rows]), name="personal.xlsx").url
    page = focal_point_client.get(check_url).content.decode()
    assert "El archivo es correcto: 2 filas." in page
    token = RosterImport.objects.get().token
    with TestCase.captureOnCommitCallbacks(execute=True):
        done = focal_point_client.post(reverse("tracking:roster_apply", args=["GT", token]))
    assert done.url == reverse("tracking:dashboard", args=["GT"])

    created = User.objects.filter(email__in=["agente1@igm.gob.gt", "agente2@igm.gob.gt"])
    assert created.count() == 2 and not any(is_password_usable(user.password) for user in created)
    # The border officer comes under the rule at once: enrolled, with a due status.
    officer = created.get(email="agente1@igm.gob.gt")
    assert PersonStatus.objects.filter(person=officer, course_key=course.translation_key).exists()
    # One invitation each, in their language, with a working set-password link.
    assert len(invitations_run) == 1 and len(mail.outbox) == 2
    english = next(message for message in mail.outbox if message.to == ["agente2@igm.gob.gt"])
    link = re.search(r"https?://\S+/set-password/|https?://\S+", english.body).group(0)
    assert "/en/" in link
    path = "/" + link.split("/", 3)[3]
    with translation.override("es"):  # the request activates English; the test's own language stays
        response = Client().get(path, follow=True)
    assert response.status_code == 200 and b'name="new_password1"' in response.content
    # A retried task sends nothing more.
    tasks.invitations_send_task.run(RosterImport.objects.get().pk)
    assert len(mail.outbox) == 2 and Invitation.objects.filter(sent_at__isnull=True).count() == 0
    # Importing the same file again is refused; a changed file updates the same people.
    again = focal_point_client.post(reverse("tracking:roster_apply", args=["GT", token]))
    assert again.status_code == 302 and User.objects.filter(email__endswith="@igm.gob.gt").count() == 2
    changed = [roster_row(1, full_name="María José Pérez Actualizada"), rows[1]]
    second = upload(focal_point_client, csv_bytes(changed))
    second_token = RosterImport.objects.order_by("-uploaded_at").first().token
    second_check = " ".join(focal_point_client.get(second.url).content.decode().split())
    assert "Se agregarán 0 personas" in second_check and "Se actualizará 1 persona." in second_check
    assert "1 persona quedará sin cambios." in second_check
    with TestCase.captureOnCommitCallbacks(execute=True):
        focal_point_client.post(reverse("tracking:roster_apply", args=["GT", second_token]))
    assert User.objects.filter(email__endswith="@igm.gob.gt").count() == 2
    assert StaffProfile.objects.filter(staff_number="E00001").count() == 1
    assert User.objects.get(email="agente1@igm.gob.gt").full_name == "María José Pérez Actualizada"
    assert len(mail.outbox) == 2  # nobody new: no invitation


def test_rows_of_another_country_are_rejected(focal_point_client):
    upload(focal_point_client, csv_bytes([roster_row(1, authority="cr-dgme", duty_post="CR-PBL")]))
    roster_import = RosterImport.objects.get()
    assert roster_import.status == ImportStatus.INVALID and roster_import.errors >= 1


def test_the_check_page_and_the_import_read_the_kept_plan_not_the_file(
    focal_point_client, invitations_run, monkeypatch
):
    """Reloading the dry run does not read the workbook again, nor does the import."""
    read: list[str] = []
    for module, name in ((reading, "_xlsx_rows"), (reading, "_csv_rows"), (uploads, "xlsx_archive_check")):
        original = getattr(module, name)

        def spy(*args, _original=original, _name=name, **kwargs):
            read.append(_name)
            return _original(*args, **kwargs)

        monkeypatch.setattr(module, name, spy)
    rows = [roster_row(1), roster_row(2)]

    check_url = upload(focal_point_client, xlsx_bytes([xlsx_row(row) for row in rows]), name="personal.xlsx").url
    assert read == ["xlsx_archive_check", "_xlsx_rows"]
    for _reload in range(3):
        assert "El archivo es correcto: 2 filas." in focal_point_client.get(check_url).content.decode()
    with TestCase.captureOnCommitCallbacks(execute=True):
        done = focal_point_client.post(reverse("tracking:roster_apply", args=["GT", RosterImport.objects.get().token]))

    assert done.url == reverse("tracking:dashboard", args=["GT"])
    assert User.objects.filter(email__in=["agente1@igm.gob.gt", "agente2@igm.gob.gt"]).count() == 2
    assert read == ["xlsx_archive_check", "_xlsx_rows"]


def test_an_import_is_refused_when_the_staff_changed_since_the_check_and_the_check_is_brought_up_to_date(
    focal_point_client, invitations_run
):
    check_url = upload(focal_point_client, csv_bytes([roster_row(1), roster_row(2)])).url
    roster_import = RosterImport.objects.get()
    assert (roster_import.created, roster_import.updated) == (2, 0)
    # Meanwhile someone registers the first person, under another spelling of the name.
    person(email="agente1@igm.gob.gt", full_name="María Pérez", authority_code="gt-igm")
    apply_url = reverse("tracking:roster_apply", args=["GT", roster_import.token])

    refused = focal_point_client.post(apply_url, follow=True)

    page = " ".join(refused.content.decode().split())
    assert refused.redirect_chain[-1][0] == check_url
    assert "El personal cambió desde la verificación del archivo, así que no se importó nada." in page
    assert not User.objects.filter(email="agente2@igm.gob.gt").exists()
    assert User.objects.get(email="agente1@igm.gob.gt").full_name == "María Pérez"
    roster_import.refresh_from_db()
    assert (roster_import.status, roster_import.created, roster_import.updated) == (ImportStatus.CHECKED, 1, 1)
    # The check now shows the plan as it stands; confirming it imports.
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert focal_point_client.post(apply_url).url == reverse("tracking:dashboard", args=["GT"])
    assert User.objects.get(email="agente1@igm.gob.gt").full_name == "María José Pérez 1"
    assert User.objects.filter(email="agente2@igm.gob.gt").exists()


def test_the_kept_check_is_shown_in_the_readers_language(focal_point_client):
    check_url = upload(focal_point_client, csv_bytes([roster_row(1, email="sin-arroba")])).url

    spanish = focal_point_client.get(check_url).content.decode()
    with translation.override("en"):  # the request activates English: the test's own language comes back after
        english_url = reverse("tracking:roster_check", args=["GT", RosterImport.objects.get().token])
        english = focal_point_client.get(english_url).content.decode()

    assert "«sin-arroba» no es un correo electrónico válido." in spanish
    assert "“sin-arroba” is not a valid e-mail address." in english


@pytest.mark.parametrize(
    ("language", "sheet", "officer"),
    [("es", "Valores aceptados", "Oficial de control migratorio"), ("en", "Accepted values", "Border officer")],
)
def test_the_excel_template_lists_the_countrys_accepted_values_in_drop_downs_and_reads_back(
    focal_point_client, language, sheet, officer
):
    from openpyxl import load_workbook

    with translation.override(language):  # the request activates its language: the test's own comes back after
        response = focal_point_client.get(reverse("tracking:roster_template", args=["GT"]) + "?format=xlsx")

    workbook = load_workbook(io.BytesIO(response.content))
    roster_sheet, reference = workbook.worksheets
    assert reference.title == sheet
    columns = {reference.cell(row=1, column=column).value: column for column in range(1, reference.max_column + 1, 2)}
    listed = {
        header: [
            row[0] for row in reference.iter_rows(min_row=2, min_col=column, max_col=column, values_only=True) if row[0]
        ]
        for header, column in columns.items()
    }
    with translation.override(language):
        labels = {key: str(COLUMN_LABELS[key]) for key in COLUMNS}
    # A focal point's template offers their own country's authority and duty posts only.
    gt = Country.objects.get(iso2="GT")
    assert len(listed[labels["authority"]]) == 1
    assert len(listed[labels["duty_post"]]) == DutyPost.objects.filter(country=gt, is_active=True).count()
    assert "Peñas Blancas" not in listed[labels["duty_post"]]
    assert officer in listed[labels["job_function"]]
    # Each coded column of the roster sheet offers its list.
    validations = {str(validation.sqref): validation for validation in roster_sheet.data_validations.dataValidation}
    assert {ref.split(":")[0] for ref in validations} == {"C2", "D2", "E2", "G2"}
    assert all(validation.type == "list" and sheet in validation.formula1 for validation in validations.values())
    # Filled in with values from the lists, it imports.
    values = [listed[labels[key]][0] for key in ("authority", "duty_post", "job_function", "language")]
    roster_sheet.append(
        ["agente1@igm.gob.gt", "María José Pérez", values[0], values[1], values[2], "E00001", values[3]]
    )
    filled = io.BytesIO()
    workbook.save(filled)
    with translation.override(language):
        plan = roster_plan(country=gt, name="personal.xlsx", data=filled.getvalue())
    assert plan.is_valid and not plan.notices, (plan.errors, plan.file_errors)


def test_the_csv_template_has_the_headers_only_and_the_page_lists_the_accepted_values(focal_point_client):
    template = focal_point_client.get(reverse("tracking:roster_template", args=["GT"]) + "?format=csv")
    page = focal_point_client.get(reverse("tracking:roster", args=["GT"])).content.decode()

    assert template.content.decode("utf-8-sig").strip().count("\n") == 0
    assert 'id="accepted-values"' in page and "Tecún Umán" in page and "Peñas Blancas" not in page
