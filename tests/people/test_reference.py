import csv

import pytest

from people.models import Authority, Country, DutyPost, DutyPostKind
from people.reference import CROSSING_POINTS_CSV, reference_data_sync

pytestmark = pytest.mark.django_db

OCAM = {
    "BLZ": ("BZ", "Belice", "Belize"),
    "CRI": ("CR", "Costa Rica", "Costa Rica"),
    "SLV": ("SV", "El Salvador", "El Salvador"),
    "GTM": ("GT", "Guatemala", "Guatemala"),
    "HND": ("HN", "Honduras", "Honduras"),
    "NIC": ("NI", "Nicaragua", "Nicaragua"),
    "PAN": ("PA", "Panamá", "Panama"),
    "DOM": ("DO", "República Dominicana", "Dominican Republic"),
}


def test_the_eight_ocam_members_exist_with_iso_codes_and_both_names():
    countries = {c.iso3: (c.iso2, c.name_es, c.name_en) for c in Country.objects.all()}
    assert countries == OCAM


def test_ca4_members_are_guatemala_el_salvador_honduras_nicaragua():
    assert set(Country.objects.filter(is_ca4=True).values_list("iso3", flat=True)) == {"GTM", "SLV", "HND", "NIC"}


def test_each_country_has_its_migration_authority_under_its_real_name_and_iom_has_none():
    names = {a.country.iso3 if a.country else None: (a.name, a.acronym) for a in Authority.objects.all()}
    assert names["GTM"] == ("Instituto Guatemalteco de Migración", "IGM")
    assert names["HND"] == ("Instituto Nacional de Migración", "INM")
    assert names["PAN"] == ("Servicio Nacional de Migración", "SNM")
    assert names["DOM"] == ("Dirección General de Migración", "DGM")
    assert names["CRI"] == names["SLV"] == names["NIC"] == ("Dirección General de Migración y Extranjería", "DGME")
    assert names["BLZ"][0] == "Department of Immigration and Nationality Services"
    assert names[None] == ("Organización Internacional para las Migraciones", "OIM")
    assert Authority.objects.get(is_iom=True).country is None


def test_every_crossing_point_of_the_csv_is_a_duty_post_plus_one_office_per_country():
    with CROSSING_POINTS_CSV.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert DutyPost.objects.exclude(kind=DutyPostKind.OFFICE).count() == len(rows) == 90
    assert DutyPost.objects.filter(kind=DutyPostKind.OFFICE).count() == 8
    penas_blancas = DutyPost.objects.get(code="NI-PBL")
    assert (penas_blancas.name, penas_blancas.kind, penas_blancas.neighbour_iso3) == ("Peñas Blancas", "LAND", "CRI")
    assert penas_blancas.counterpart_code == "CR-PBL"
    assert str(penas_blancas.volume_share) == "0.390"


def test_reference_data_sync_is_idempotent():
    before = (Country.objects.count(), Authority.objects.count(), DutyPost.objects.count())
    reference_data_sync()
    reference_data_sync()
    assert (Country.objects.count(), Authority.objects.count(), DutyPost.objects.count()) == before


def test_the_project_keeps_its_own_copy_of_the_crossing_points():
    assert "shared" not in CROSSING_POINTS_CSV.parts
    assert CROSSING_POINTS_CSV.is_file()


def test_syncing_unchanged_reference_data_and_roles_costs_few_queries(django_assert_max_num_queries):
    from lms.shell.roles import roles_sync

    with django_assert_max_num_queries(15):
        reference_data_sync()
    with django_assert_max_num_queries(60):
        roles_sync()


def test_administrators_corrections_to_a_duty_post_survive_the_sync():
    post = DutyPost.objects.get(code="HN-EES")
    post.name = "El Espino (cerrado)"
    post.is_active = False
    post.save()
    reference_data_sync()
    post.refresh_from_db()
    assert (post.name, post.is_active) == ("El Espino (cerrado)", False)


def test_reference_data_sync_restores_what_an_edit_changed():
    Country.objects.filter(iso3="GTM").update(name_es="Guatemala (editado)", time_zone="UTC")
    Authority.objects.filter(code="gt-igm").update(acronym="XXX")
    reference_data_sync()
    guatemala = Country.objects.get(iso3="GTM")
    assert (guatemala.name_es, guatemala.time_zone) == ("Guatemala", "America/Guatemala")
    assert Authority.objects.get(code="gt-igm").acronym == "IGM"
