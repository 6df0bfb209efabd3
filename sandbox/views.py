"""The sandbox's first screens: home, reset, person search, person page, movement registration,
statistics, and a trainer's read-only inspection of a learner's sandbox.

Views are thin: they resolve whose sandbox is shown (`SandboxMixin`), parse a form, call a
selector or service, and render. Invariants:

- a learner's own screens need `sandbox.practise`, an inspection `sandbox.inspect_sandbox`
  and a learner the trainer may see (`lms.people.selectors.user_list`); anonymous visitors
  are sent to log in;
- a GET writes nothing but the mirrored platform's audit log (ADR 0014), and an inspection
  writes nothing at all into the learner's sandbox;
- every read of a record goes through `sandbox.selectors` (the layer's scopes), so a record
  outside the learner's view is a 404.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from lms.people.selectors import Viewer, user_list
from sandbox import selectors, services, statistics
from sandbox.forms import MonthForm, MovementForm, PersonSearchForm, month_label, month_parse
from sandbox.models import (
    LAYERED_MODELS,
    AgeGroup,
    AuditEvent,
    Baseline,
    Country,
    CrossingPoint,
    Direction,
    Movement,
    Person,
    ReturningCountry,
    Sandbox,
    Sex,
    TransportMode,
    TravelPurpose,
)

if TYPE_CHECKING:
    from django.db.models import TextChoices


class SandboxMixin(AccessMixin):
    """Resolves which sandbox a screen shows and whether the viewer may write to it.

    Under `learners/<sandbox_id>/` a trainer inspects a learner's sandbox read-only
    (`self.inspected` is that sandbox); everywhere else a learner works in their own
    (`self.sandbox` is None until their first write or audited read).
    """

    # What a screen outside `learners/<sandbox_id>/` needs: a learner's own screens, practise.
    permission_required = "sandbox.practise"

    request: HttpRequest
    sandbox: Sandbox | None
    inspected: Sandbox | None

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        sandbox_id = kwargs.pop("sandbox_id", None)
        if sandbox_id is None:
            if not request.user.has_perm(self.permission_required):
                raise PermissionDenied
            self.inspected = None
            self.sandbox = selectors.sandbox_of(user=request.user)
        else:
            if not request.user.has_perm("sandbox.inspect_sandbox"):
                raise PermissionDenied
            self.inspected = get_object_or_404(inspectable_sandboxes(viewer=request.user), pk=sandbox_id)
            self.sandbox = self.inspected
        response = super().dispatch(request, *args, **kwargs)
        # Practice records and the learner's own audit trail: never stored by a cache.
        add_never_cache_headers(response)
        return response

    @property
    def is_read_only(self) -> bool:
        return self.inspected is not None

    def own_sandbox(self) -> Sandbox:
        """The learner's own sandbox for a write, created at the first one."""
        if self.is_read_only:
            raise PermissionDenied
        if self.sandbox is None:
            self.sandbox = services.sandbox_for(user=self.request.user)
        return self.sandbox

    def render(self, template_name: str, context: dict[str, Any]) -> HttpResponse:
        base = {
            "inspected": self.inspected,
            "is_read_only": self.is_read_only,
            "sandbox": self.sandbox,
            "sandbox_section": getattr(self, "section", ""),
        }
        return render(self.request, template_name, {**base, **context})


def inspectable_sandboxes(*, viewer: Viewer) -> QuerySet[Sandbox]:
    """Sandboxes of the people the viewer may see (a trainer of IOM: everyone's)."""
    return Sandbox.objects.filter(owner__in=user_list(viewer=viewer).values("pk")).select_related(
        "owner__staff_profile__country"
    )


def _layer_rows(model: type) -> Coalesce:
    # Each listed sandbox's own layer (`sandbox_id` = the row's), counted in one query for the list.
    rows = (
        model.objects.every_row()
        .filter(sandbox_id=OuterRef("pk"))
        .order_by()
        .values("sandbox_id")
        .annotate(rows=Count("pk"))
        .values("rows")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


# Home and reset


@dataclass(frozen=True)
class ChangeCount:
    label: str
    added: int
    edited: int
    deleted: int

    @property
    def total(self) -> int:
        return self.added + self.edited + self.deleted


def change_counts(sandbox: Sandbox | None) -> list[ChangeCount]:
    counts = selectors.layer_counts(sandbox=sandbox)
    rows = []
    for model in LAYERED_MODELS:
        count = counts.get(model._meta.model_name)
        if count:
            label = str(apps.get_model("sandbox", model._meta.model_name)._meta.verbose_name_plural)
            rows.append(ChangeCount(label=label[:1].upper() + label[1:], **count))
    return rows


class HomeView(SandboxMixin, View):
    section = "home"

    def get(self, request: HttpRequest) -> HttpResponse:
        counts = change_counts(self.sandbox)
        return self.render(
            "sandbox/home.html",
            {
                "baseline": Baseline.objects.filter(pk=1).first(),
                "changes": counts,
                "change_total": sum(count.total for count in counts),
            },
        )


class ResetView(SandboxMixin, View):
    """GET asks for confirmation, listing what will be deleted; POST deletes the learner's layer."""

    section = "home"

    def get(self, request: HttpRequest) -> HttpResponse:
        counts = change_counts(self.sandbox)
        return self.render(
            "sandbox/reset.html", {"changes": counts, "change_total": sum(count.total for count in counts)}
        )

    def post(self, request: HttpRequest) -> HttpResponse:
        deleted = services.sandbox_reset(sandbox=self.sandbox) if self.sandbox is not None else 0
        messages.success(
            request,
            ngettext(
                "Your sandbox is back to the practice data as generated: %(count)d record was deleted.",
                "Your sandbox is back to the practice data as generated: %(count)d records were deleted.",
                deleted,
            )
            % {"count": deleted},
        )
        return HttpResponseRedirect(reverse("sandbox:home"))


# People


class PersonSearchView(SandboxMixin, View):
    section = "person_search"

    def get(self, request: HttpRequest) -> HttpResponse:
        form = PersonSearchForm.from_query(request.GET)
        results = None
        if form.is_bound and form.is_valid():
            name, document = form.cleaned_data["name"], form.cleaned_data["document"]
            if self.is_read_only:
                results = selectors.person_search(sandbox=self.sandbox, name=name, document_number=document)
            else:
                # The one write of this GET: the mirrored platform logs every search (ADR 0014).
                sandbox = self.own_sandbox()
                results = selectors.person_search(sandbox=sandbox, name=name, document_number=document)
                services.audit_record(
                    sandbox=sandbox,
                    actor=request.user,
                    action="SEARCH",
                    object_type="person",
                    parameters={"name": name, "document": document},
                    result_count=len(results),
                )
        return self.render(
            "sandbox/person_search.html",
            {
                "form": form,
                "results": results,
                "is_limited": results is not None and len(results) >= selectors.SEARCH_LIMIT,
                "search_limit": selectors.SEARCH_LIMIT,
            },
        )


@dataclass(frozen=True)
class MovementRow:
    movement: Movement
    local_time: dt.datetime  # at the crossing point, in its country's time zone
    time_zone: str


class PersonDetailView(SandboxMixin, View):
    section = "person_search"

    def get(self, request: HttpRequest, uid: int) -> HttpResponse:
        try:
            person = selectors.person_get(sandbox=self.sandbox, uid=uid)
        except Person.DoesNotExist:
            raise Http404 from None
        if not self.is_read_only:
            # The one write of this GET: the mirrored platform logs every consultation (ADR 0014).
            services.audit_record(
                sandbox=self.own_sandbox(), actor=request.user, action="VIEW", object_type="person", object_uid=uid
            )
        documents = list(selectors.person_documents(sandbox=self.sandbox, person_uid=uid))
        movements = [
            MovementRow(
                movement=movement,
                local_time=movement.occurred_at.astimezone(zoneinfo.ZoneInfo(movement.crossing_point.time_zone)),
                time_zone=movement.crossing_point.time_zone,
            )
            for movement in selectors.person_movements(sandbox=self.sandbox, person_uid=uid)
        ]
        return self.render(
            "sandbox/person_detail.html",
            {"person": person, "documents": documents, "movements": movements, "show_alert_notice": True},
        )


# Movements


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
                _errors_onto_form(form, error)
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


def _errors_onto_form(form: MovementForm, error: ValidationError) -> None:
    """A service's errors onto the fields they name; anything else above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)


# Statistics


@dataclass
class StatTable:
    caption: str
    key_heading: str
    columns: list[str]
    rows: list[tuple[str, list[int]]] = field(default_factory=list)


TOP_NATIONALITIES = 10


class StatisticsView(SandboxMixin, View):
    section = "statistics"

    def get(self, request: HttpRequest) -> HttpResponse:
        available = statistics.months_available(sandbox=self.sandbox)
        current = timezone.localdate().replace(day=1)
        # Any well-formed month may be asked for (one with no figures shows empty tables).
        asked = month_parse(request.GET.get("month", ""))
        form = MonthForm(
            request.GET if "month" in request.GET else None, months=[*available, current, *([asked] if asked else [])]
        )
        month = None
        if form.is_bound:
            if form.is_valid():
                month = form.cleaned_data["month"]
        else:
            month = max(available, default=current)
            form.initial["month"] = month.strftime("%Y-%m")
        data = statistics.statistics_for(sandbox=self.sandbox, month=month) if month else None
        return self.render(
            "sandbox/statistics.html",
            {
                "form": form,
                "month": month,
                "month_label": month_label(month) if month else "",
                "tables": StatisticsTables(data).tables() if data else [],
                "show_alert_notice": False,
            },
        )


class StatisticsTables:
    """The statistics of one month as captioned tables, codes shown by their names."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data

    @cached_property
    def country_names(self) -> dict[str, str]:
        movements, refusals, returns = self.data["movements"], self.data["refusals"], self.data["returns"]
        codes = {*movements["country"], *movements["nationality"], *refusals["nationality"]}
        codes |= set(returns["receiving_country"])
        return {country.code: country.name for country in Country.objects.filter(code__in=codes)}

    @cached_property
    def crossing_point_names(self) -> dict[str, str]:
        codes = self.data["movements"]["crossing_point"]
        return {point.code: point.name for point in CrossingPoint.objects.filter(code__in=codes)}

    def tables(self) -> list[StatTable]:
        movements, refusals, returns = self.data["movements"], self.data["refusals"], self.data["returns"]
        number = [_("Number")]
        totals = StatTable(_("Totals"), _("Indicator"), number)
        totals.rows = [
            (_("Entries admitted"), [movements["total"].get("ENTRY", 0)]),
            (_("Exits"), [movements["total"].get("EXIT", 0)]),
            (_("Entries refused"), [refusals["total"]]),
            (_("Returns received"), [returns["total"]]),
        ]
        countries, points = self.country_names, self.crossing_point_names
        tables = [
            totals,
            self._movements(_("Movements by country"), _("Country"), movements["country"], countries),
            self._movements(
                _("Movements by border crossing point"), _("Crossing point"), movements["crossing_point"], points
            ),
            self._movements(
                _("Movements by transport mode"),
                _("Mode"),
                movements["transport_mode"],
                _labels(TransportMode),
                ordered=True,
            ),
            self._movements(
                _("Movements by nationality (top %(count)d)") % {"count": TOP_NATIONALITIES},
                _("Nationality"),
                movements["nationality"],
                countries,
                top=TOP_NATIONALITIES,
            ),
            self._movements(_("Movements by sex"), _("Sex"), movements["sex"], _labels(Sex), ordered=True),
            self._movements(
                _("Movements by age group"), _("Age group"), movements["age_group"], _labels(AgeGroup), ordered=True
            ),
            self._counts(
                _("Refused entries by nationality (top %(count)d)") % {"count": TOP_NATIONALITIES},
                _("Nationality"),
                _("Entries refused"),
                refusals["nationality"],
                countries,
                top=TOP_NATIONALITIES,
            ),
            self._counts(
                _("Returns by receiving country"), _("Country"), _("Returns"), returns["receiving_country"], countries
            ),
            self._counts(
                _("Returns by returning country"),
                _("Returned from"),
                _("Returns"),
                returns["returning_country"],
                _labels(ReturningCountry),
                ordered=True,
            ),
            self._counts(
                _("Returns by mode"), _("Mode"), _("Returns"), returns["mode"], _labels(TransportMode), ordered=True
            ),
            self._counts(_("Returns by sex"), _("Sex"), _("Returns"), returns["sex"], _labels(Sex), ordered=True),
        ]
        minors = StatTable(_("Returned minors"), _("Age"), [_("Returns")])
        minors.rows = [
            (_("Adults"), [returns["minor"].get("adult", 0)]),
            (_("Minors"), [returns["minor"].get("minor", 0)]),
            (_("of whom unaccompanied"), [returns["unaccompanied"]]),
        ]
        tables.append(minors)
        return tables

    def _movements(
        self,
        caption: str,
        key_heading: str,
        counts: dict[str, dict[str, int]],
        names: dict[str, str],
        *,
        ordered: bool = False,
        top: int | None = None,
    ) -> StatTable:
        table = StatTable(caption, key_heading, [_("Entries"), _("Exits"), _("Total")])
        values = {
            code: [by_direction.get("ENTRY", 0), by_direction.get("EXIT", 0)] for code, by_direction in counts.items()
        }
        for label, (entries, exits) in _rows(values, names, ordered=ordered, top=top, width=2):
            table.rows.append((label, [entries, exits, entries + exits]))
        return table

    def _counts(
        self,
        caption: str,
        key_heading: str,
        column: str,
        counts: dict[str, int],
        names: dict[str, str],
        *,
        ordered: bool = False,
        top: int | None = None,
    ) -> StatTable:
        table = StatTable(caption, key_heading, [column])
        table.rows = _rows({code: [count] for code, count in counts.items()}, names, ordered=ordered, top=top, width=1)
        return table


def _labels(choices: type[TextChoices]) -> dict[str, str]:
    return {str(value): str(label) for value, label in choices.choices}


def _rows(
    values: dict[str, list[int]], names: dict[str, str], *, ordered: bool, top: int | None, width: int
) -> list[tuple[str, list[int]]]:
    """Rows labelled with names: in the code list's order, or largest first with the rest summed
    into one row after the `top` largest (nationalities)."""
    if ordered:
        order = {code: index for index, code in enumerate(names)}
        codes = sorted(values, key=lambda code: (order.get(code, len(order)), code))
    else:
        codes = sorted(values, key=lambda code: (-sum(values[code]), names.get(code, code)))
    rows = [(names.get(code, code), values[code]) for code in codes]
    if top is not None and len(rows) > top:
        rest = rows[top:]
        rows = [*rows[:top], (_("Other nationalities"), [sum(row[1][i] for row in rest) for i in range(width)])]
    return [row for row in rows if any(row[1])]


# Trainers' inspection


class LearnerListView(SandboxMixin, View):
    """The sandboxes of the learners a trainer may see, with how much each has changed."""

    section = "learner_list"
    permission_required = "sandbox.inspect_sandbox"

    def get(self, request: HttpRequest) -> HttpResponse:
        records = [model for model in LAYERED_MODELS if model is not AuditEvent]
        changed = sum((_layer_rows(model) for model in records[1:]), _layer_rows(records[0]))
        sandboxes = (
            inspectable_sandboxes(viewer=request.user)
            .annotate(changed_records=changed, audit_events=_layer_rows(AuditEvent))
            .order_by("owner__full_name", "owner__email", "pk")
        )
        page = Paginator(sandboxes, 50).get_page(request.GET.get("page"))
        return self.render("sandbox/learner_list.html", {"page": page})
