"""The rules made before competencies were mapped to exercise types keep their wording, unprinted."""

from __future__ import annotations

import importlib

competencies_migration = importlib.import_module("certificates.migrations.0004_competencies_proved_by_exercise_types")


def test_free_text_competencies_are_paired_line_by_line_blank_lines_and_spaces_left_out():
    texts = competencies_migration.competency_texts(
        "Registrar una entrada\n\n  Verificar la zona MRZ  \nConsultar una alerta",
        "Registering an entry\nChecking the MRZ",
    )
    assert texts == [
        ("Registrar una entrada", "Registering an entry"),
        ("Verificar la zona MRZ", "Checking the MRZ"),
        ("Consultar una alerta", ""),
    ]


def test_a_competency_written_in_english_only_keeps_it_as_its_spanish_text_and_fits_the_field():
    texts = competencies_migration.competency_texts("", "Checking the MRZ\n" + "x" * 250)
    assert texts == [("Checking the MRZ", "Checking the MRZ"), ("x" * 200, "x" * 200)]
