"""Load demo users for every role, with a focal point in each of the eight countries, the demo
curriculum and the demo certificate templates.

Safe to run again: nothing is duplicated. The background work it causes (Wagtail's search and
reference index updates) is done here, before it ends, so that it leaves no queue behind; it
sends no e-mail.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from certificates.demo.loader import demo_certificates_load
from courses.demo.loader import demo_curriculum_load
from foundation.background import background_work_in_this_process
from people.models import Authority, DutyPost, JobFunction, User
from people.roles import Role
from people.services import role_assign, staff_profile_set, user_language_set

DEMO_PASSWORD = "ocam-demo-2026"  # noqa: S105 - public, documented demo password; refused outside DEBUG


@dataclass(frozen=True)
class DemoUser:
    email: str
    full_name: str
    language: str
    authority: str
    duty_post: str | None
    job_function: str
    role: Role
    is_superuser: bool = False


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser(
        "aprendiz.gt@demo.example",
        "José Ángel Muñoz Pérez",
        "es",
        "gt-igm",
        "GT-TUM",
        JobFunction.BORDER_OFFICER,
        Role.LEARNER,
    ),
    DemoUser(
        "aprendiz.cr@demo.example",
        "María Fernanda Núñez Solís",
        "es",
        "cr-dgme",
        "CR-PBL",
        JobFunction.SUPERVISOR,
        Role.LEARNER,
    ),
    DemoUser(
        "learner.bz@demo.example",
        "Keisha Anne Castillo",
        "en",
        "bz-ins",
        "BZ-BZE",
        JobFunction.BORDER_OFFICER,
        Role.LEARNER,
    ),
    DemoUser(
        "formadora.oim@demo.example", "Lucía Beatriz Peña Argueta", "es", "iom", None, JobFunction.TRAINER, Role.TRAINER
    ),
    DemoUser(
        "formador.gt@demo.example", "Óscar Iván Xicará Tzul", "es", "gt-igm", "GT-HQ", JobFunction.TRAINER, Role.TRAINER
    ),
    DemoUser(
        "enlace.gt@demo.example",
        "Ana Sofía Cifuentes Ordóñez",
        "es",
        "gt-igm",
        "GT-HQ",
        JobFunction.OTHER,
        Role.FOCAL_POINT,
    ),
    DemoUser(
        "enlace.cr@demo.example",
        "Jorge Esteban Quesada Araya",
        "es",
        "cr-dgme",
        "CR-HQ",
        JobFunction.OTHER,
        Role.FOCAL_POINT,
    ),
    DemoUser("focal.bz@demo.example", "Andrea Joy Young", "en", "bz-ins", "BZ-HQ", JobFunction.OTHER, Role.FOCAL_POINT),
    DemoUser(
        "enlace.sv@demo.example",
        "Claudia Marisol Hernández Rivas",
        "es",
        "sv-dgme",
        "SV-HQ",
        JobFunction.OTHER,
        Role.FOCAL_POINT,
    ),
    DemoUser(
        "enlace.hn@demo.example",
        "Carlos Roberto Zelaya Mejía",
        "es",
        "hn-inm",
        "HN-HQ",
        JobFunction.OTHER,
        Role.FOCAL_POINT,
    ),
    DemoUser(
        "enlace.ni@demo.example",
        "Martha Lorena Chamorro Téllez",
        "es",
        "ni-dgme",
        "NI-HQ",
        JobFunction.OTHER,
        Role.FOCAL_POINT,
    ),
    DemoUser(
        "enlace.pa@demo.example",
        "Luis Alberto Batista Pinzón",
        "es",
        "pa-snm",
        "PA-HQ",
        JobFunction.OTHER,
        Role.FOCAL_POINT,
    ),
    DemoUser(
        "enlace.do@demo.example",
        "Yokasta Altagracia Peña Rosario",
        "es",
        "do-dgm",
        "DO-HQ",
        JobFunction.OTHER,
        Role.FOCAL_POINT,
    ),
    DemoUser(
        "coordinacion@demo.example",
        "Rafael Antonio Guzmán Núñez",
        "es",
        "iom",
        None,
        JobFunction.OTHER,
        Role.REGIONAL_COORDINATOR,
    ),
    DemoUser(
        "admin@demo.example",
        "Administración de la plataforma",
        "es",
        "iom",
        None,
        JobFunction.OTHER,
        Role.ADMINISTRATOR,
        True,
    ),
)


class Command(BaseCommand):
    help = "Create or refresh the demo users: one or more for every role, a focal point in each of the eight countries."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--allow-without-debug",
            action="store_true",
            help="Load even though DEBUG is off. Demo passwords are public: never on a real installation.",
        )

    def handle(self, *args: Any, allow_without_debug: bool, **options: Any) -> None:
        if not settings.DEBUG and not allow_without_debug:
            raise CommandError("Refusing to create demo users with public passwords while DEBUG is off.")
        with background_work_in_this_process(), transaction.atomic():
            for demo in DEMO_USERS:
                self._load(demo)
            created = demo_curriculum_load()
            demo_certificates_load()
        self.stdout.write(self.style.SUCCESS(f"{len(DEMO_USERS)} demo users ready (password: {DEMO_PASSWORD})."))
        self.stdout.write(self.style.SUCCESS(f"Demo curriculum ready ({created} courses created now)."))
        self.stdout.write(self.style.SUCCESS("Demo certificate templates ready (Spanish and English)."))
        for demo in DEMO_USERS:
            self.stdout.write(f"  {demo.role.label:<24} {demo.email}")

    def _load(self, demo: DemoUser) -> None:
        user = User.objects.filter(email__iexact=demo.email).first() or User(email=demo.email)
        user.full_name = demo.full_name
        user.is_superuser = demo.is_superuser
        user.is_active = True
        user.set_password(DEMO_PASSWORD)
        user.full_clean(exclude=["password"])
        user.save()
        user_language_set(user=user, language=demo.language)
        staff_profile_set(
            user=user,
            authority=Authority.objects.get(code=demo.authority),
            duty_post=DutyPost.objects.get(code=demo.duty_post) if demo.duty_post else None,
            job_function=demo.job_function,
        )
        role_assign(user=user, role=demo.role)
