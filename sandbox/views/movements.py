"""Registering an entry or exit from a document's machine-readable zone."""

from __future__ import annotations

import zoneinfo
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from foundation.forms import errors_onto_form
from sandbox import services
from sandbox.forms import MovementForm
from sandbox.models import CrossingPoint, Direction, TravelPurpose
from sandbox.views.access import SandboxMixin


class MovementCreateView(SandboxMixin, View):
    section = "movement_create"

    def get(self, request: HttpRequest) -> HttpResponse:
        form = self._form()
        post = self._duty_post_crossing_point(form)
        now = timezone.localtime(timezone.now(), zoneinfo.ZoneInfo(post.time_zone) if post else None)
        form.initial.update(
            {"crossing_point": post.code if post else "", "local_date": now.date(), "local_time": now.time()}
        )
        return self.render("sandbox/movement_form.html", {"form": form})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = self._form(data=request.POST)
        if form.is_valid():
            data = form.cleaned_data
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
                )
            except ValidationError as error:
                errors_onto_form(form, error)
            else:
                if movement.direction == Direction.ENTRY:
                    messages.success(request, _("The entry has been registered."))
                else:
                    messages.success(request, _("The exit has been registered."))
                return HttpResponseRedirect(reverse("sandbox:person_detail", args=[movement.person_uid]))
        return self.render("sandbox/movement_form.html", {"form": form})

    def _form(self, data: Any = None) -> MovementForm:
        return MovementForm(
            data=data,
            crossing_points=CrossingPoint.objects.select_related("country"),
            purposes=TravelPurpose.objects.all(),
        )

    def _duty_post_crossing_point(self, form: MovementForm) -> CrossingPoint | None:
        profile = getattr(self.request.user, "staff_profile", None)
        duty_post_id = profile.duty_post_id if profile is not None else None
        if duty_post_id is None:
            return None
        return next((point for point in form.crossing_points.values() if point.duty_post_id == duty_post_id), None)
