"""The country tracking journey of issue 6, in a browser: a focal point uploads a roster with
errors, reads them by row and column, fixes the file, imports it, sees the dashboard change,
and exports the list of people."""

from __future__ import annotations

import csv
import io

import pytest

from lms.people.models import JobFunction, User
from lms.people.roles import Role
from tests.e2e.test_accessibility import _violations
from tests.e2e.test_courses import log_in
from tests.people.factories import person
from tests.tracking.factories import certified_course, rule
from tests.tracking.roster_files import csv_bytes, roster_row

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _upload(page, tmp_path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    page.get_by_role("navigation", name="Seguimiento por país: Guatemala").get_by_role(
        "link", name="Importar la lista de personal"
    ).click()
    page.get_by_label("Lista de personal (CSV o XLSX)").set_input_files(str(path))
    page.get_by_role("button", name="Verificar el archivo").click()
    page.wait_for_url("**/tracking/GT/roster/*/")


def _key_figures(page) -> str:
    return " ".join(page.locator(".key-figures").inner_text().split())


def test_focal_point_fixes_a_roster_imports_it_sees_the_dashboard_change_and_exports(page, tmp_path):
    course = certified_course(title="Registro de entradas")
    rule(iso2="GT", course=course, job_function=JobFunction.BORDER_OFFICER)
    focal_point = person(role=Role.FOCAL_POINT, authority_code="gt-igm", email="enlace.gt@example.org")
    profile = focal_point.staff_profile
    profile.job_function = JobFunction.OTHER  # no rule covers the focal point themselves
    profile.save()
    log_in(page, focal_point.email, "/tracking/GT/")
    assert "de 0 requeridos" in _key_figures(page)

    rows = [roster_row(1), roster_row(2, email="sin-arroba"), roster_row(3, job_function="astronauta")]
    _upload(page, tmp_path, "personal.csv", csv_bytes(rows))
    alert = page.get_by_role("alert")
    assert "El archivo tiene problemas: no se guardó nada" in alert.inner_text()
    problems = page.get_by_role("table", name="Problemas por fila y columna")
    body = problems.inner_text()
    assert "Correo electrónico" in body and "Función" in body
    assert problems.locator("tbody tr td:first-child").all_inner_texts() == ["3", "4"]
    assert _violations(page) == []
    assert not User.objects.filter(email__endswith="@igm.gob.gt").exists()

    rows[1]["email"], rows[2]["job_function"] = "agente2@igm.gob.gt", "Oficial de control migratorio"
    _upload(page, tmp_path, "personal-corregido.csv", csv_bytes(rows))
    assert "El archivo es correcto: 3 filas." in page.get_by_role("status").inner_text()
    page.get_by_role("main").get_by_role("button", name="Importar la lista de personal").click()
    page.wait_for_url("**/tracking/GT/")
    assert "3 personas agregadas" in page.locator("body").inner_text()
    assert "de 3 requeridos" in _key_figures(page)
    assert _violations(page) == []

    page.get_by_role("navigation", name="Seguimiento por país: Guatemala").get_by_role("link", name="Personas").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV").click()
    text = download_info.value.path().read_bytes().decode("utf-8-sig")
    names = {row[0] for row in list(csv.reader(io.StringIO(text)))[1:]}
    assert names == {"María José Pérez 1", "María José Pérez 2", "María José Pérez 3"}
