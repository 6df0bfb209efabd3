"""The naive generator the baseline generator is measured against: what one writes first.

Runs in a worker, Django set up. Traveller by traveller: Faker calls for every name field, the
birth date, the document number and dates, the carrier, the vehicle and each crossing's time;
a Person, their passport (a Document with its MRZ from `mrz_compose_td3`, and a second document
for one traveller in five) and their round trips (Movement entries and the exits that close
them) as model instances, saved with `bulk_create` in batches of 1,000 rows per model.

The rows have the baseline's shape, so the database does comparable work per movement: about
0.29 people and 0.35 documents per movement (the 1M baseline has 0.28 and 0.34), uids from 1,
`search_name` and `sort_name` from `name_search_key` and `name_sort_key`, local dates in the
crossing point's time zone, age groups from `services.age_group`, valid MRZs. It writes no
returns, alerts, defects or statistics summary, all of which the real generator does: the
comparison favours the naive side.
"""

from __future__ import annotations

import datetime as dt
import random
import zoneinfo

from faker import Faker

from sandbox.models import CrossingPoint, Document, Movement, Person, TravelPurpose
from sandbox.mrz import mrz_compose_td3
from sandbox.names import name_search_key, name_sort_key
from sandbox.services import age_group

BATCH = 1_000
NATIONALITIES = ("GTM", "SLV", "HND", "NIC", "CRI", "PAN", "MEX", "USA", "COL", "DOM", "CUB", "VEN")
ROUND_TRIPS = (1, 1, 2, 2, 3)  # 1.8 on average: 3.6 movements a traveller
PERIOD = (dt.datetime(2024, 11, 1, tzinfo=dt.UTC), dt.datetime(2026, 10, 20, tzinfo=dt.UTC))


class _Batches:
    """Model instances waiting for `bulk_create`, 1,000 at a time per model."""

    def __init__(self) -> None:
        self.pending: dict[type, list] = {Person: [], Document: [], Movement: []}
        self.saved = 0

    def add(self, instance) -> None:
        batch = self.pending[type(instance)]
        batch.append(instance)
        if len(batch) == BATCH:
            self.flush(type(instance))

    def flush(self, model: type | None = None) -> None:
        for kind in [model] if model else list(self.pending):
            if self.pending[kind]:
                kind.objects.bulk_create(self.pending[kind])
                self.saved += len(self.pending[kind])
                self.pending[kind] = []


def naive_generate(*, movements: int, seed: int) -> dict[str, int]:
    """Write about `movements` movements (and their travellers) into an empty baseline; return the counts."""
    fake = Faker("es_MX")
    fake.seed_instance(seed)
    rng = random.Random(seed)
    points = list(CrossingPoint.objects.select_related("country"))
    purposes = list(TravelPurpose.objects.values_list("code", flat=True))
    batches = _Batches()
    counts = {"person": 0, "document": 0, "movement": 0}
    while counts["movement"] < movements:
        counts["person"] += 1
        sex = rng.choice("MF")
        given = fake.first_name_male() if sex == "M" else fake.first_name_female()
        surname_1, surname_2 = fake.last_name(), fake.last_name()
        birth = fake.date_of_birth(minimum_age=1, maximum_age=85)
        nationality = rng.choice(NATIONALITIES)
        person = Person(
            uid=counts["person"],
            given_names=given,
            surname_1=surname_1,
            surname_2=surname_2,
            sex=sex,
            birth_date=birth,
            nationality_id=nationality,
            national_id_number=fake.numerify("#############"),
            national_id_country_id=nationality,
            search_name=name_search_key(given, surname_1, surname_2),
            sort_name=name_sort_key(surname_1, surname_2, given),
        )
        batches.add(person)
        for _ in range(2 if rng.random() < 0.2 else 1):
            counts["document"] += 1
            number = fake.bothify("Z?#######").upper()
            issued = fake.date_between(start_date=dt.date(2016, 1, 1), end_date=dt.date(2024, 10, 1))
            expires = issued + dt.timedelta(days=3652)
            batches.add(
                Document(
                    uid=counts["document"],
                    person_uid=person.uid,
                    document_type_id="P",
                    number=number,
                    issuing_state_id=nationality,
                    issued_on=issued,
                    expires_on=expires,
                    mrz=mrz_compose_td3(
                        document_code="P",
                        issuing_state=nationality,
                        surnames=f"{surname_1} {surname_2}",
                        given_names=given,
                        number=number,
                        nationality=nationality,
                        birth_date=birth,
                        sex=sex,
                        expiry_date=expires,
                    ),
                )
            )
        for _ in range(rng.choice(ROUND_TRIPS)):
            point = rng.choice(points)
            zone = zoneinfo.ZoneInfo(point.country.time_zone)
            entered = fake.date_time_between(start_date=PERIOD[0], end_date=PERIOD[1], tzinfo=dt.UTC)
            left = entered + dt.timedelta(days=rng.randint(1, 30), hours=rng.randint(0, 12))
            entry_uid = None
            for direction, moment in (("ENTRY", entered), ("EXIT", left)):
                counts["movement"] += 1
                local = moment.astimezone(zone)
                movement = Movement(
                    uid=counts["movement"],
                    person_uid=person.uid,
                    document_uid=counts["document"],
                    direction=direction,
                    crossing_point_id=point.code,
                    occurred_at=moment,
                    local_date=local.date(),
                    transport_mode=point.kind,
                    carrier=fake.company()[:40],
                    flight_or_vehicle=fake.bothify("??###").upper(),
                    purpose_id=rng.choice(purposes),
                    authorised_stay_days=90 if direction == "ENTRY" else None,
                    closes_entry_uid=entry_uid,
                    nationality_id=nationality,
                    sex=sex,
                    age_group=age_group(birth_date=birth, on=local.date()),
                )
                entry_uid = movement.uid
                batches.add(movement)
    batches.flush()
    return counts
