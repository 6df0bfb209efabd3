"""Registering an entry or exit: read the document, see the screening, then decide.

Step 1 ("read"): the officer reads the document (its machine-readable zone, or typed by hand
with the reason), with the post, direction, time and trip; the view screens the traveller
(`sandbox.screening.screen`), which writes a PENDING hit record per POSSIBLE or HIT and no
movement, and shows the result with each hit's alert (category, issuing country, required
action). The reading, the screening's hits and the people an unrecognised document may belong
to travel to step 2 in one signed hidden field (`screening`), bound to the learner's sandbox.

Step 2 ("decide"), on the same page: the decision fields, re-validated with the carried reading;
`services_movements.movement_register` refuses to admit over a blocking hit, writes the movement with the
screening's result and attaches its hits. A second submit of the same decision writes nothing.

Opened from a person's page (`?person=<uid>&closes=<uid>`), the form offers that person's open
entries and preselects the one named, for an exit that ends it; a uid that is not one of them is
left unselected. Opened from an exercise (`?exercise=<attempt token>`), it carries the token in a
hidden field: when the token names an open attempt of the learner's own, the movement belongs
to that attempt's scenario; any other token is ignored.

The posts offered are those of the learner's country (whose records they write; every post for
someone bound to none), and, for an exercise, its scenario's posts, which may be in another
country; another post is refused with a message that says so.
"""

from __future__ import annotations

import datetime as dt
import uuid
import zoneinfo
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from foundation.forms import errors_onto_form
from sandbox import screening, selectors, services_movements
from sandbox.exercises.engine import attempt_is_stale
from sandbox.exercises.selectors import attempt_own
from sandbox.forms import DECISION_FIELDS, MovementForm
from sandbox.job_functions import REGISTER_MOVEMENT, acting_country
from sandbox.models import CrossingPoint, Direction, DocumentType, IcaoCountry, Movement, Person, TravelPurpose
from sandbox.views.access import SandboxMixin

if TYPE_CHECKING:
    from sandbox.models import ExerciseAttempt

SCREENING_SALT = "sandbox.movement.screening"
# A screening older than a shift is read again.
SCREENING_MAX_AGE = 8 * 3600


def scenario_posts(attempt: ExerciseAttempt | None) -> set[str]:
    """The crossing points of an exercise's scenario (its brief's posts and its travellers'), which
    a trainer may set in another country than the learner's."""
    if attempt is None:
        return set()
    brief, parameters = attempt.brief or {}, attempt.parameters or {}
    travellers = brief.get("travellers") if isinstance(brief.get("travellers"), list) else []
    codes = {
        brief.get("crossing_point"),
        brief.get("second_point"),
        parameters.get("crossing_point"),
        *(traveller.get("crossing_point") for traveller in travellers if isinstance(traveller, dict)),
    }
    return {code for code in codes if isinstance(code, str) and code}


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
        if request.POST.get("screening"):
            return self._decide(request)
        return self._read(request)

    # Step 1: read the document and screen the traveller.

    def _read(self, request: HttpRequest) -> HttpResponse:
        person = self._person(request.POST.get("person"))
        form = self._form(data=request.POST, person=person)
        if not form.is_valid():
            return self.render("sandbox/movement_form.html", {"form": form, "person": person})
        data = form.cleaned_data
        try:
            read = services_movements.document_read(mrz=data["mrz"], manual=form.manual())
        except ValidationError as error:
            errors_onto_form(form, error)
            return self.render("sandbox/movement_form.html", {"form": form, "person": person})
        sandbox = self.own_sandbox()
        attempt = self._attempt(data["exercise"])
        document = selectors.document_find(sandbox=sandbox, number=read.number, issuing_state=read.issuing_state)
        scenario = attempt.pk if attempt is not None else (document.scenario if document is not None else None)
        screened = screening.screen(
            sandbox=sandbox,
            actor=request.user,
            crossing_point=data["crossing_point"],
            direction=data["direction"],
            traveller=read.traveller(),
            on=data["local_date"],
            person_uid=document.person_uid if document is not None else None,
            document_uid=document.uid if document is not None else None,
            scenario=scenario,
        )
        offered = []
        if document is None:
            offered = selectors.person_candidates(
                sandbox=sandbox,
                given_names=read.given_names,
                surnames=read.surnames,
                birth_date=read.birth_date,
                national_id=read.national_id_number,
            )
        carried = {name: value for name, value in request.POST.items() if name in form.fields}
        carried.pop("closes_entry", None)
        carried.pop("csrfmiddlewaretoken", None)
        payload = {
            "sandbox": sandbox.pk,
            "ref": uuid.uuid4().hex,
            "read": carried,
            "result": screened.result,
            "hits": [hit.uid for hit in screened.hits],
            "offered": [candidate.uid for candidate in offered],
            "holder": document.person_uid if document is not None else None,
        }
        initial = {"closes_entry": data.get("closes_entry")}
        return self._decision_page(payload, data=None, initial=initial, person=person)

    # Step 2: the decision on what the screening showed.

    def _decide(self, request: HttpRequest) -> HttpResponse:
        sandbox = self.own_sandbox()
        try:
            payload = signing.loads(request.POST["screening"], salt=SCREENING_SALT, max_age=SCREENING_MAX_AGE)
        except signing.BadSignature:
            payload = None
        if not isinstance(payload, dict) or payload.get("sandbox") != sandbox.pk:
            form = self._form(data=request.POST, person=self._person(request.POST.get("person")))
            form.is_valid()
            form.add_error(None, _("This screening is no longer valid: read the document again."))
            return self.render("sandbox/movement_form.html", {"form": form, "person": None})
        data = {**payload["read"]}
        data.update({name: request.POST[name] for name in DECISION_FIELDS if name in request.POST})
        return self._decision_page(payload, data=data, person=self._person(data.get("person")))

    def _decision_page(
        self, payload: dict[str, Any], *, data: dict[str, Any] | None, person: Person | None, initial=None
    ) -> HttpResponse:
        """The screening's result and the decision form; with `data`, the decision taken."""
        sandbox = self.own_sandbox()
        holder = payload["holder"]
        read_form = self._form(data=payload["read"], person=person)
        read_form.is_valid()
        read = services_movements.document_read(mrz=read_form.cleaned_data["mrz"], manual=read_form.manual())
        local_date = read_form.cleaned_data["local_date"]
        direction = read_form.cleaned_data["direction"]
        # The entries an exit may close: those of the person the form was opened for, else the holder's.
        traveller_uid = person.uid if person is not None else holder
        open_entries = (
            selectors.open_entries_of(sandbox=sandbox, person_uid=traveller_uid)
            if traveller_uid is not None and direction == Direction.EXIT
            else ()
        )
        people = selectors.people_by_uid(sandbox=sandbox, uids=payload["offered"])
        offered = [people[uid] for uid in payload["offered"] if uid in people]
        form = self._form(
            data=data,
            person=person,
            step="decide",
            open_entries=open_entries,
            people_offered=offered,
            initial=initial or {},
        )
        hits = selectors.screening_hits(sandbox=sandbox, uids=payload["hits"])
        blocking = any(alert.action in screening.BLOCKING_ACTIONS for _hit, alert in hits)
        overstay = self._overstay(form, initial or {}, local_date) if direction == Direction.EXIT else None
        if overstay is not None and data is None:
            form.initial["is_overstay"] = True
        if data is None and blocking:
            form.initial.update({"decision": "REFERRED", "refusal_code": "SCREENING_HIT"})
        minor_exit = direction == Direction.EXIT and services_movements.is_minor(
            birth_date=read.birth_date, on=local_date
        )
        if data is not None and form.is_valid():
            movement = self._register(form, payload, read)
            if movement is not None:
                if movement.direction == Direction.ENTRY:
                    messages.success(self.request, _("The entry has been registered."))
                else:
                    messages.success(self.request, _("The exit has been registered."))
                return HttpResponseRedirect(reverse("sandbox:person_detail", args=[movement.person_uid]))
        return self.render(
            "sandbox/movement_form.html",
            {
                "form": form,
                "person": person,
                "step": "decide",
                "token": signing.dumps(payload, salt=SCREENING_SALT, compress=True),
                "read": read,
                "read_form": read_form,
                "result": payload["result"],
                "hits": hits,
                "blocking": blocking,
                "overstay": overstay,
                "minor_exit": minor_exit,
                "direction_label": Direction(direction).label,
                "read_fields": [name for name in read_form.fields if name not in DECISION_FIELDS],
            },
        )

    def _register(
        self, form: MovementForm, payload: dict[str, Any], read: services_movements.DocumentRead
    ) -> Movement | None:
        data = form.cleaned_data
        adult_uid = None
        if data["accompanying_adult"]:
            holders = selectors.document_holders(sandbox=self.sandbox, number=data["accompanying_adult"])
            if len(holders) != 1:
                form.add_error(
                    "accompanying_adult",
                    _("No document of the platform has this number.")
                    if not holders
                    else _("Several people hold a document with this number: check it on the person search."),
                )
                return None
            adult_uid = holders[0]
        attempt = self._attempt(data["exercise"])
        try:
            return services_movements.movement_register(
                sandbox=self.own_sandbox(),
                user=self.request.user,
                mrz=data["mrz"],
                manual=form.manual(),
                manual_entry_reason=data["manual_entry_reason"],
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
                person_uid=data["existing_person"] if data["existing_person"] in payload["offered"] else None,
                accompanying_adult_uid=adult_uid,
                minor_exit_permit=data["minor_exit_permit"],
                screening=services_movements.ScreeningOutcome(
                    ref=payload["ref"], result=payload["result"], hit_uids=tuple(payload["hits"])
                ),
                scenario=attempt.pk if attempt is not None else None,
            )
        except ValidationError as error:
            errors_onto_form(form, error)
            return None

    def _overstay(self, form: MovementForm, initial: dict[str, Any], on: dt.date) -> dict[str, Any] | None:
        """The entry an exit would close when its authorised stay ran out before `on`, and how long ago."""
        chosen = initial.get("closes_entry") or (form.data.get("closes_entry") if form.is_bound else None)
        entries = {entry.uid: entry for entry in form.open_entries}
        entry = entries.get(_uid(chosen)) if chosen else (form.open_entries[0] if form.open_entries else None)
        if entry is None:
            return None
        ends = selectors.stay_ends_on(entry)
        if ends is None or on <= ends:
            return None
        return {"entry": entry, "ends": ends, "days": (on - ends).days}

    def _form(
        self,
        data: Any = None,
        person: Person | None = None,
        *,
        step: str = "read",
        open_entries: Any = None,
        people_offered: Any = (),
        initial: dict[str, Any] | None = None,
    ) -> MovementForm:
        if open_entries is None:
            open_entries = (
                selectors.open_entries_of(sandbox=self.sandbox, person_uid=person.uid) if person is not None else ()
            )
        country = acting_country(user=self.request.user, sandbox=self.sandbox)
        token = data.get("exercise", "") if data is not None else self.request.GET.get("exercise", "")
        return MovementForm(
            data=data,
            initial=initial,
            crossing_points=selectors.crossing_points_open_to(
                country=country, scenario_posts=scenario_posts(self._attempt(token)) if token else ()
            ),
            country_name=IcaoCountry.objects.get(pk=country).name if country else "",
            purposes=TravelPurpose.objects.all(),
            document_types=DocumentType.objects.order_by("code"),
            open_entries=open_entries,
            people_offered=people_offered,
            step=step,
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
