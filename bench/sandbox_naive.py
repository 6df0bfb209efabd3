"""The naive generator the baseline generator is measured against: what one would write first.

For every movement: Faker calls for the traveller's names, dates and numbers, a Person, a
Document with its MRZ and a Movement as model instances, saved with `bulk_create` in batches
of 1,000. Rows are valid (uids, search keys, MRZs), so the database does the same work per
row as for the real baseline.
"""

from __future__ import annotations

import datetime as dt
import random

from faker import Faker

from sandbox.models import CrossingPoint, Document, Movement, Person
from sandbox.mrz import mrz_compose_td3
from sandbox.names import name_search_key

BATCH = 1_000
# Above the generator's uids, below the layers' (2**32): the two never meet.
FIRST_UID = 3_000_000_000
NATIONALITIES = ("GTM", "SLV", "HND", "NIC", "CRI", "PAN", "USA", "MEX", "COL", "DOM")


def naive_generate(count: int, seed: int = 1) -> None:
    fake = Faker("es_MX")
    fake.seed_instance(seed)
    rng = random.Random(seed)
    points = list(CrossingPoint.objects.select_related("country"))
    people: list[Person] = []
    documents: list[Document] = []
    movements: list[Movement] = []
    for index in range(count):
        uid = FIRST_UID + index
        sex = rng.choice("MF")
        given = fake.first_name_male() if sex == "M" else fake.first_name_female()
        surname_1, surname_2 = fake.last_name(), fake.last_name()
        birth = fake.date_of_birth(minimum_age=1, maximum_age=85)
        nationality = rng.choice(NATIONALITIES)
        people.append(
            Person(
                uid=uid,
                given_names=given,
                surname_1=surname_1,
                surname_2=surname_2,
                sex=sex,
                birth_date=birth,
                nationality_id=nationality,
                search_name=name_search_key(given, surname_1, surname_2),
            )
        )
        number = fake.bothify("Z#######")
        expiry = fake.date_between(start_date=dt.date(2027, 1, 1), end_date=dt.date(2035, 12, 31))
        documents.append(
            Document(
                uid=uid,
                person_uid=uid,
                document_type_id="P",
                number=number,
                issuing_state_id=nationality,
                expires_on=expiry,
                mrz=mrz_compose_td3(
                    document_code="P",
                    issuing_state=nationality,
                    surnames=f"{surname_1} {surname_2}",
                    given_names=given,
                    number=number,
                    nationality=nationality,
                    birth_date=birth,
                    sex=sex,
                    expiry_date=expiry,
                ),
            )
        )
        point = rng.choice(points)
        occurred_at = fake.date_time_between(
            start_date=dt.datetime(2024, 11, 1, tzinfo=dt.UTC),
            end_date=dt.datetime(2026, 10, 31, tzinfo=dt.UTC),
            tzinfo=dt.UTC,
        )
        movements.append(
            Movement(
                uid=uid,
                person_uid=uid,
                document_uid=uid,
                direction=rng.choice(("ENTRY", "EXIT")),
                crossing_point=point,
                occurred_at=occurred_at,
                local_date=occurred_at.date(),
                transport_mode=point.kind,
                carrier=fake.company()[:40],
                flight_or_vehicle=fake.bothify("??###"),
                purpose_id="TOURISM",
                nationality_id=nationality,
                sex=sex,
                age_group="Y30T44",
            )
        )
        if len(movements) == BATCH:
            _flush(people, documents, movements)
    _flush(people, documents, movements)


def _flush(*batches: list) -> None:
    for batch in batches:
        if batch:
            type(batch[0]).objects.bulk_create(batch)
            batch.clear()
