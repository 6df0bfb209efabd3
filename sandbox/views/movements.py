"""Registering an entry or exit from a document's machine-readable zone.

Opened from a person's page (`?person=<uid>&closes=<uid>`), the form offers that person's open
entries and preselects the one named, for an exit that ends it; a uid that is not one of them is
left unselected. Opened from an exercise (`?exercise=<attempt token>`), it carries the token in a
hidden field: when the token names an open attempt of the learner's own, the movement belongs
to that attempt's scenario; any other token is ignored.
"""

from __future__ import annotations

import uuid
import zoneinfo
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from foundation.forms import errors_onto_form
from sandbox import selectors, services
from sandbox.exercises.engine import attempt_is_stale
from sandbox.exercises.selectors import attempt_own
from sandbox.forms import MovementForm
from sandbox.job_functions import REGISTER_MOVEMENT
from sandbox.models import CrossingPoint, Direction, Person, TravelPurpose
from sandbox.views.access import SandboxMixin

if TYPE_CHECKING:
    from sandbox.models import ExerciseAttempt


def _uid(value: Any) -> int | None:
    """A record uid from the query, or None for anything that cannot be one (a bigint)."""
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return number if 0 < number < 2**63 else None


class MovementCreateView(SandboxMixin, View):
    section = "movement_create"
    capability = REGISTER_MOVEMENT

    def get(self, request: HttpRequest) -> HttpResponse:
        person = self._person(request.GET.get("person"))
        form = self._form(person=person)
        post = self._duty_post_crossing_point(form)
        now = timezone.localtime(timezone.now(), zoneinfo.ZoneInfo(post.time_zone) if post else None)
        form.initial.update(
            {"crossing_point": post.code if post else "", "local_date": now.date(), "local_time": now.time()}
        )
        if person is not None:
            form.initial["person"] = person.uid
            closes = _uid(request.GET.get("closes"))
            if closes in {entry.uid for entry in form.open_entries}:
                form.initial.update({"direction": Direction.EXIT, "closes_entry": closes})
        token = request.GET.get("exercise", "")
        if self._attempt(token) is not None:
            form.initial["exercise"] = token
        return self.render("sandbox/movement_form.html", {"form": form, "person": person})

    def post(self, request: HttpRequest) -> HttpResponse:
        person = self._person(request.POST.get("person"))
        form = self._form(data=request.POST, person=person)
        if form.is_valid():
            data = form.cleaned_data
            attempt = self._attempt(data["exercise"])
            try:
                movement = services.movement_register(
                    sandbox=self.own_sandbox(),
                    user=request.user,
                    mrz=data["mrz"],
                    direction=data["direction"],
                    crossing_point=data["crossing_point"],
                    local_time=form.local_datetime(),
                    purpose=data["purpose"],
                    carrier=data["carrier"],
                    flight_or_vehicle=data["flight_or_vehicle"],
                    authorised_stay_days=data["authorised_stay_days"],
                    decision=data["decision"],
                    refusal_reason=data["refusal_reason"],
                    refusal_code=data["refusal_code"],
                    closes_entry_uid=data["closes_entry"],
                    is_overstay=data["is_overstay"],
                    scenario=attempt.pk if attempt is not None else None,
                )
            except ValidationError as error:
                errors_onto_form(form, error)
            else:
                if movement.direction == Direction.ENTRY:
                    messages.success(request, _("The entry has been registered."))
                else:
                    messages.success(request, _("The exit has been registered."))
                return HttpResponseRedirect(reverse("sandbox:person_detail", args=[movement.person_uid]))
        return self.render("sandbox/movement_form.html", {"form": form, "person": person})

    def _form(self, data: Any = None, person: Person | None = None) -> MovementForm:
        open_entries = (
            selectors.open_entries_of(sandbox=self.sandbox, person_uid=person.uid) if person is not None else ()
        )
        return MovementForm(
            data=data,
            crossing_points=CrossingPoint.objects.select_related("country"),
            purposes=TravelPurpose.objects.all(),
            open_entries=open_entries,
        )

    def _person(self, value: Any) -> Person | None:
        """The person of the learner's view the form was opened for, or None."""
        uid = _uid(value)
        if uid is None:
            return None
        try:
            return selectors.person_get(sandbox=self.sandbox, uid=uid)
        except Person.DoesNotExist:
            return None

    def _attempt(self, token: Any) -> ExerciseAttempt | None:
        """The learner's own open attempt the token names, or None for anything else."""
        try:
            token = uuid.UUID(str(token))
        except ValueError:
            return None
        attempt = attempt_own(user=self.request.user, token=token)
        if attempt is None or not attempt.is_open or attempt_is_stale(attempt):
            return None
        return attempt

    def _duty_post_crossing_point(self, form: MovementForm) -> CrossingPoint | None:
        profile = getattr(self.request.user, "staff_profile", None)
        duty_post_id = profile.duty_post_id if profile is not None else None
        if duty_post_id is None:
            return None
        return next((point for point in form.crossing_points.values() if point.duty_post_id == duty_post_id), None)
