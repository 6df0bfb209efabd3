"""The country tracking journey of issue 6, in a browser: a focal point uploads a roster with
errors, reads them by row and column, fixes the file, imports it, sees the dashboard change,
and exports the list of people."""

from __future__ import annotations

import csv
import io
import json

import pytest

from people.models import Country, JobFunction, User
from people.roles import Role
from tests.e2e.test_accessibility import _violations
from tests.e2e.test_courses import log_in
from tests.people.factories import person
from tests.tracking.factories import certified, certified_course, rule, staff
from tests.tracking.roster_files import csv_bytes, roster_row
from tracking.services.roster_imports import roster_import_check

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


PHONE = {"width": 390, "height": 844}

# Every visible tap target under 24 x 24 CSS pixels (WCAG 2.2, 2.5.8); a visually hidden element (1 px) is no target.
SMALL_TARGETS = """() => {
    const targets = 'a[href], button, input:not([type=hidden]), select, textarea, summary, '
        + '[tabindex]:not([tabindex="-1"])';
    return [...document.querySelectorAll(targets)].flatMap((element) => {
        const box = element.getBoundingClientRect();
        const style = getComputedStyle(element);
        if (style.visibility === "hidden" || style.display === "none" || (box.width <= 1 && box.height <= 1)) return [];
        if (box.width >= 24 && box.height >= 24) return [];
        return [`${element.outerHTML.slice(0, 70)} ${Math.round(box.width)}x${Math.round(box.height)}`];
    });
}"""

# Each table of the page: whether it is wider than the page, and the scroll region that holds it.
TABLE_REGIONS = """() => [...document.querySelectorAll("main table")].map((table) => {
    const region = table.closest('[role="region"]');
    const labelledBy = region && region.getAttribute("aria-labelledby");
    const label = labelledBy && document.getElementById(labelledBy);
    return {
        table: (table.caption ? table.caption.textContent : table.textContent).trim().slice(0, 60),
        wide: table.getBoundingClientRect().width > document.documentElement.clientWidth,
        captionCut: Boolean(table.caption)
            && table.caption.getBoundingClientRect().right > document.documentElement.clientWidth,
        region: region && {
            tabindex: region.getAttribute("tabindex"),
            label: label ? label.textContent.trim() : "",
            overflow: getComputedStyle(region).overflowX,
            scrolls: region.scrollWidth > region.clientWidth,
            right: region.getBoundingClientRect().right,
            cue: getComputedStyle(region).backgroundImage,
        },
    };
})"""

# Text cut short or running out of its box: a block (not inside a scroll region, which scrolls on purpose, nor
# visually hidden) whose content is wider than the block, or that reaches past the right edge of the page.
CUT_TEXT = """() => {
    const viewport = document.documentElement.clientWidth;
    const skipped = ["SCRIPT", "STYLE", "IMG", "svg", "BR", "SELECT", "OPTION", "INPUT", "TEXTAREA"];
    return [...document.body.querySelectorAll("*")].flatMap((element) => {
        if (skipped.includes(element.tagName) || element.closest('[role="region"], .visually-hidden')) return [];
        const style = getComputedStyle(element);
        if (["inline", "contents", "none"].includes(style.display) || element.clientWidth === 0) return [];
        const box = element.getBoundingClientRect();
        if (element.scrollWidth <= element.clientWidth + 1 && box.right <= viewport + 1) return [];
        return [`${element.tagName}.${element.className} "${element.textContent.trim().slice(0, 40)}" `
            + `${element.scrollWidth}>${element.clientWidth} right ${Math.round(box.right)}`];
    });
}"""

PAGE_WIDTH = """() => ({
    document: document.documentElement.scrollWidth,
    body: document.body.scrollWidth,
    viewport: document.documentElement.clientWidth,
})"""


def _phone_problems(page, path: str, tmp_path) -> dict:
    page.goto(path)
    page.screenshot(path=tmp_path / f"tracking-phone-{path.strip('/').replace('/', '-')}.png", full_page=True)
    tables = page.evaluate(TABLE_REGIONS)
    width = page.evaluate(PAGE_WIDTH)
    return {
        "small targets": page.evaluate(SMALL_TARGETS),
        "page scrolls sideways": max(width["document"], width["body"]) > width["viewport"],
        "cut text": page.evaluate(CUT_TEXT),
        "wide tables outside a labelled, focusable scroll region": [
            table
            for table in tables
            if table["wide"]
            and not (
                table["region"]
                and table["region"]["tabindex"] == "0"
                and table["region"]["label"]
                and table["region"]["overflow"] in ("auto", "scroll")
                and table["region"]["scrolls"]
                and table["region"]["right"] <= PHONE["width"]
                and "gradient" in table["region"]["cue"]
                and not table["captionCut"]
            )
        ],
    }


NO_PROBLEM = {
    "small targets": [],
    "page scrolls sideways": False,
    "cut text": [],
    "wide tables outside a labelled, focusable scroll region": [],
}


def test_every_tracking_page_fits_a_phone_in_both_languages_with_wide_tables_in_scroll_regions(
    browser, live_server, site_content, tmp_path
):
    title = "Registro de entradas y salidas en puestos fronterizos terrestres"
    course = certified_course(title=title)
    gt_rule = rule(iso2="GT", course=course, job_function=JobFunction.BORDER_OFFICER)
    rule(iso2="BZ", course=course, job_function=JobFunction.BORDER_OFFICER)
    for number in range(1, 53):  # more than a page of people: the pagination links are measured too
        staff(iso2="GT", full_name=f"Agente de control migratorio {number}", email=f"agente{number}@igm.gob.gt")
    holder = staff(
        iso2="GT",
        full_name="José Ángel Muñoz Pérez de la Frontera Occidental",
        email="aprendiz.guatemala.frontera.occidental.tecun.uman@migracion.gob.gt",
    )
    certified(learner=holder, course=course)
    focal_point = person(role=Role.FOCAL_POINT, authority_code="gt-igm", email="enlace.gt@example.org")
    guatemala = Country.objects.get(iso2="GT")
    long_email = "una.direccion.de.correo.muy.larga.sin.arroba.en.ninguna.parte.del.texto"
    rejected, _plan = roster_import_check(
        country=guatemala,
        by=focal_point,
        name="lista-de-personal-con-un-nombre-de-archivo-muy-largo-y-sin-espacios.csv",
        data=csv_bytes([roster_row(1), roster_row(2, email=long_email, job_function="astronauta")]),
    )
    accepted, _plan = roster_import_check(
        country=guatemala, by=focal_point, name="personal.csv", data=csv_bytes([roster_row(1), roster_row(2)])
    )
    coordinator = person(role=Role.REGIONAL_COORDINATOR, authority_code="iom", email="ocam@example.org")
    country_pages = [
        "/tracking/GT/",
        "/tracking/GT/people/",
        f"/tracking/GT/people/{holder.pk}/",
        "/tracking/GT/rules/",
        f"/tracking/GT/rules/{gt_rule.pk}/",
        "/tracking/GT/roster/",
        f"/tracking/GT/roster/{rejected.token}/",
        f"/tracking/GT/roster/{accepted.token}/",
        "/tracking/GT/reports/",
    ]
    problems = {}
    for user, paths in ((focal_point, country_pages), (coordinator, ["/tracking/region/"])):
        context = browser.new_context(base_url=live_server.url, viewport=PHONE, locale="es-419")
        page = context.new_page()
        try:
            log_in(page, user.email, paths[0])
            for path in paths:
                for localised in (path, "/en" + path):
                    problems[localised] = _phone_problems(page, localised, tmp_path)
                    tables = page.evaluate(TABLE_REGIONS)
                    if localised.endswith(("/GT/", "/people/", "/region/")):
                        assert any(table["wide"] for table in tables), f"the phone is narrower than {localised}"
        finally:
            context.close()
    assert len(problems) == 20
    failing = {path: found for path, found in problems.items() if found != NO_PROBLEM}
    assert not failing, json.dumps(failing, indent=1, ensure_ascii=False)


def test_a_keyboard_scrolls_a_wide_table_on_a_phone(browser, live_server, site_content):
    course = certified_course(title="Registro de entradas y salidas en puestos fronterizos terrestres")
    rule(iso2="GT", course=course, job_function=JobFunction.BORDER_OFFICER)
    for number in range(1, 53):
        staff(iso2="GT", full_name=f"Agente de control migratorio {number}", email=f"agente{number}@igm.gob.gt")
    focal_point = person(role=Role.FOCAL_POINT, authority_code="gt-igm", email="enlace.gt@example.org")
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, locale="es-419")
    page = context.new_page()
    try:
        log_in(page, focal_point.email, "/tracking/GT/people/")
        assert page.get_by_role("navigation", name="Páginas").get_by_role("link").count() == 1
        region = page.get_by_role("region", name="Personas y su capacitación obligatoria")
        region.focus()
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
        # Chromium animates keyboard scrolling: wait for the region to move (times out, and fails, if it never does).
        page.wait_for_function("element => element.scrollLeft > 0", arg=region.element_handle())
        assert _violations(page) == []
    finally:
        context.close()
