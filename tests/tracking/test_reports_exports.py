"""People exports never hand a spreadsheet a formula: a name that starts like one is neutralised
in the CSV and in the XLSX.
"""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from foundation.spreadsheets import spreadsheet_safe
from people.models import Country
from tests.conftest import client_for, make_role_user
from tests.tracking.factories import staff
from tracking.services.statuses import statuses_refresh

pytestmark = [pytest.mark.django_db, pytest.mark.clock_hours]


FORMULA = '=HYPERLINK("http://x")'


@pytest.fixture
def formula_person(gt_course):
    officer = staff(iso2="GT", email="formula@example.org")
    officer.full_name = FORMULA
    officer.save(update_fields=["full_name"])
    statuses_refresh(country=Country.objects.get(iso2="GT"))
    return officer


def test_people_csv_neutralises_a_formula(formula_person):
    client = client_for(make_role_user("focal_point"))

    response = client.get(reverse("tracking:people", args=["GT"]) + "?format=csv")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    [row] = [row for row in rows if "formula@example.org" in row]
    assert row[0] == spreadsheet_safe(FORMULA) == "'" + FORMULA
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_people_xlsx_neutralises_a_formula(formula_person):
    client = client_for(make_role_user("focal_point"))

    response = client.get(reverse("tracking:people", args=["GT"]) + "?format=xlsx")

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    [row] = [row for row in sheet.iter_rows() if any(cell.value == "formula@example.org" for cell in row)]
    name = row[0]
    assert name.data_type != "f"
    assert isinstance(name.value, str)
    assert not name.value.startswith("=")
    assert name.value == "'" + FORMULA
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
