"""Helpers of the sandbox's screen tests (`test_views_*.py`): a movement posted through the form,
the rows of a learner's layer, the text of a page's main region, the names a search lists and a
figure of a statistics table; the baseline passports and movements of the screens' people (rows
of `baseline_rows.py`). The screens' small baseline and the logged-in learner are fixtures in
`conftest.py`; the browser tests build the same people.
"""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone

from people.roles import Role
from sandbox.models import Document, Movement, Person, Sandbox
from sandbox.mrz import mrz_compose_td3
from tests.people.factories import person as make_user
from tests.sandbox.baseline_rows import baseline_document, baseline_movement

PASSPORT = {
    "document_code": "P",
    "issuing_state": "NIC",
    "surnames": "Peña López",
    "given_names": "José Luis",
    "number": "C01234567",
    "nationality": "NIC",
    "birth_date": dt.date(1988, 3, 9),
    "sex": "M",
    "expiry_date": dt.date(2031, 5, 1),
}
# The machine-readable zone of that passport: the traveller the registration tests read.
PASSPORT_MRZ = mrz_compose_td3(**PASSPORT)


def baseline_passport(uid: int, holder: Person, number: str) -> Document:
    """A baseline passport of `holder`, valid until 31 January 2030."""
    return baseline_document(uid=uid, person=holder, number=number, expires_on=dt.date(2030, 1, 31))


def baseline_movement_of(uid: int, holder: Person, document: Document, occurred_at: dt.datetime, **fields) -> Movement:
    """A baseline movement of `holder` with `document` at `occurred_at`, dated in the platform's time zone."""
    return baseline_movement(
        uid=uid,
        person_uid=holder.uid,
        document_uid=document.uid,
        occurred_at=occurred_at,
        local_date=occurred_at.astimezone(timezone.get_default_timezone()).date(),
        nationality_id=holder.nationality_id,
        sex=holder.sex,
        **fields,
    )


def other_learner():
    """Another learner who, like the screens' `learner`, sees the region (IOM's staff profile)."""
    return make_user(role=Role.LEARNER, authority_code="iom", email="otra@example.org")


def movement_data(**overrides) -> dict[str, str]:
    data = {
        "mrz": mrz_compose_td3(**PASSPORT),
        "direction": "ENTRY",
        "crossing_point": "CR-PBL",
        "local_date": "2025-03-14",
        "local_time": "08:30",
        "purpose": "TOURISM",
        "carrier": "",
        "flight_or_vehicle": "",
        "authorised_stay_days": "30",
        "decision": "ADMITTED",
        "refusal_reason": "",
    }
    return {**data, **overrides}


MOVEMENT_FORM = "/en/sandbox/movements/new/"


def screening_token(response) -> str | None:
    """The signed screening a read step's page carries to the decision, or None (the read was refused)."""
    match = re.search(r'name="screening" value="([^"]+)"', response.content.decode())
    return match.group(1) if match else None


def submit(client, data: dict[str, str], url: str = MOVEMENT_FORM):
    """Both steps of the movement form: read (and screen), then decide with the same data."""
    read = client.post(url, data)
    token = screening_token(read)
    if token is None:
        return read
    return client.post(url, {**data, "screening": token})


def register(client, **overrides):
    return submit(client, movement_data(**overrides))


def layer_rows(user, model) -> int:
    sandbox = Sandbox.objects.filter(owner=user).first()
    return 0 if sandbox is None else model.objects.layer_of(sandbox).count()


def main_text(response) -> str:
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


def result_names(html: str, prefix: str = "/en/sandbox/people/") -> list[str]:
    return re.findall(rf'<th scope="row"><a href="{prefix}\d+/">([^<]+)</a>', html)


def entries_in(html: str, caption: str, label: str) -> int:
    table = html[html.index(f"<caption>{caption}</caption>") :]
    table = table[: table.index("</table>")]
    match = re.search(rf'<th scope="row">{re.escape(label)}</th>\s*<td class="number">([\d,.]+)</td>', table)
    return int(match.group(1).replace(",", "").replace(".", "")) if match else 0
