"""The gazetteer's places, and volunteers spread over every township.

Accounts carry no personal data: a generated display name (小水滴 and a
number), no real name, no phone, no e-mail (so nothing is ever sent to them)
and an unusable password (not a hash: hashing 330,000 passwords would take
longer than the rest of the load).
"""

import json
import random
from array import array
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX

from volunteers.choices import Skill
from volunteers.people.models import PRIVACY_NOTICE_VERSION, JoinAlerts, NotifyBy, VolunteerProfile
from volunteers.places.gazetteer import gazetteer_load
from volunteers.places.models import Township
from volunteers.scale.sizes import SCALE_PREFIX

RESERVOIR_WEIGHT = 3  # a reservoir-area township draws three times as many people
JOINED_OVER = timedelta(days=4 * 365)


@dataclass
class Place:
    id: int
    county_id: int
    name: str
    county_name: str
    lat: float | None
    lon: float | None
    in_reservoir_area: bool


@dataclass
class Places:
    townships: list[Place]
    cum_weights: list[int]
    by_county: dict[int, list[int]] = field(default_factory=dict)  # county id → township indexes

    def pick(self, rng: random.Random, k: int) -> list[int]:
        """``k`` township indexes, reservoir-area ones more often."""
        return rng.choices(range(len(self.townships)), cum_weights=self.cum_weights, k=k)


def places_load() -> Places:
    """Every township of the gazetteer (loaded first when the table is empty)."""
    if not Township.objects.exists():
        gazetteer_load()
    townships = [
        Place(t.pk, t.county_id, t.name_zh, t.county.name_zh, t.lat, t.lon, t.in_reservoir_area)
        for t in Township.objects.select_related("county").order_by("code")
    ]
    cum, total = [], 0
    for place in townships:
        total += RESERVOIR_WEIGHT if place.in_reservoir_area else 1
        cum.append(total)
    places = Places(townships, cum)
    for index, place in enumerate(townships):
        places.by_county.setdefault(place.county_id, []).append(index)
    return places


@dataclass
class Volunteers:
    first_id: int
    township: array  # township index of each volunteer

    @property
    def count(self) -> int:
        return len(self.township)

    def ids(self) -> range:
        return range(self.first_id, self.first_id + self.count)


def volunteers_plan(*, count: int, places: Places, first_id: int, rng) -> Volunteers:
    """One volunteer in every township first, the rest drawn by weight."""
    every = list(range(len(places.townships)))[:count]
    rng.shuffle(every)
    homes = array("i", every)
    homes.extend(places.pick(rng, count - len(every)))
    return Volunteers(first_id=first_id, township=homes)


def _skills(rng) -> str:
    return json.dumps(rng.sample(Skill.values, rng.choice((0, 1, 1, 2, 2, 3))))


def volunteers_write(writer, volunteers: Volunteers, places: Places, *, now, rng) -> None:
    joined = [
        now - timedelta(seconds=rng.uniform(0, JOINED_OVER.total_seconds()))
        for _ in range(volunteers.count)
    ]
    user_columns = [
        "id", "password", "is_superuser", "username", "first_name", "last_name",
        "email", "is_staff", "is_active", "date_joined",
    ]  # fmt: skip

    def users():
        for n, user_id in enumerate(volunteers.ids()):
            password = f"{UNUSABLE_PASSWORD_PREFIX}{rng.getrandbits(128):032x}"
            username = f"{SCALE_PREFIX}{n + 1:06d}"
            yield (user_id, password, False, username, "", "", "", False, True, joined[n])

    writer.copy(get_user_model(), user_columns, users(), total=volunteers.count)

    profile_columns = [
        "id", "user", "display_name", "real_name", "phone", "phone_verified", "home_township",
        "skills", "language", "reminders_enabled", "notify_by", "join_alerts", "show_in_rankings",
        "privacy_notice_version", "privacy_accepted_at", "created_at",
    ]  # fmt: skip
    first = writer.reserve_ids(VolunteerProfile, volunteers.count)

    def profiles():
        for n, user_id in enumerate(volunteers.ids()):
            township_id = places.townships[volunteers.township[n]].id
            language = "en" if rng.random() < 0.02 else "zh-hans"
            at = joined[n]
            yield (
                first + n, user_id, f"小水滴{n + 1:06d}", "", "", False, township_id,
                _skills(rng), language, True, NotifyBy.EMAIL, JoinAlerts.EACH, rng.random() < 0.3,
                PRIVACY_NOTICE_VERSION, at, at,
            )  # fmt: skip

    writer.copy(VolunteerProfile, profile_columns, profiles(), total=volunteers.count)
