"""What every step of the generator shares: the request, the random streams, the crossing
points with their weights, the calendar and the time zones.

Job: derive everything from (seed, scale, start, months) and the project's reference data
(`sandbox.reference.crossing_points()`, read from the crossing-points CSV, no database).

Invariants: each step draws from its own stream (`rng(name)`), so a change in one step
does not shift the numbers of another; post weights sum to 1 within each country and
reproduce the mode split of `calibration.MODE_SPLIT`.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import zoneinfo
from dataclasses import dataclass, field

import numpy as np

from sandbox.generation.calibration import CA4, MODE_SPLIT, MODES, OCAM, UNLISTED_POST_WEIGHTS, annual_weights
from sandbox.generation.seasons import Calendar
from sandbox.reference import crossing_points

TIME_ZONES = {
    "GTM": "America/Guatemala",
    "SLV": "America/El_Salvador",
    "HND": "America/Tegucigalpa",
    "NIC": "America/Managua",
    "CRI": "America/Costa_Rica",
    "PAN": "America/Panama",
    "BLZ": "America/Belize",
    "DOM": "America/Santo_Domingo",
}
# A known share above the mode's share leaves this much of the mode to the unlisted posts.
UNLISTED_FLOOR = 0.05


@dataclass
class Posts:
    """The crossing points as parallel arrays, in the CSV's order."""

    code: np.ndarray
    country: np.ndarray
    kind: np.ndarray
    neighbour: np.ndarray
    is_ca4_internal: np.ndarray
    is_open_24h: np.ndarray
    weight: np.ndarray = field(init=False)  # share of the country's movements

    def __post_init__(self) -> None:
        self.weight = np.zeros(len(self.code))
        shares = {row["code"]: row["volume_share"] for row in crossing_points()}
        for country in OCAM:
            for mode in MODES:
                members = np.flatnonzero((self.country == country) & (self.kind == mode))
                if not len(members):
                    continue
                mode_share = MODE_SPLIT[country][mode]
                known = [i for i in members if shares[self.code[i]] is not None]
                unknown = [i for i in members if shares[self.code[i]] is None]
                known_total = sum(shares[self.code[i]] for i in known)
                if unknown:
                    scale = min(1.0, (1 - UNLISTED_FLOOR) * mode_share / known_total) if known else 0.0
                    rest = mode_share - known_total * scale
                else:
                    scale, rest = (mode_share / known_total if known_total else 0.0), 0.0
                for i in known:
                    self.weight[i] = shares[self.code[i]] * scale
                unlisted = np.array([UNLISTED_POST_WEIGHTS.get(self.code[i], 1.0) for i in unknown])
                for i, weight in zip(unknown, unlisted, strict=True):
                    self.weight[i] = rest * weight / unlisted.sum()

    def index(self, code: str) -> int:
        return int(np.flatnonzero(self.code == code)[0])


@functools.lru_cache(maxsize=1)
def posts_load() -> Posts:
    rows = crossing_points()
    return Posts(
        code=np.array([row["code"] for row in rows]),
        country=np.array([row["country_id"] for row in rows]),
        kind=np.array([row["kind"] for row in rows]),
        neighbour=np.array([row["neighbour_id"] or "" for row in rows]),
        is_ca4_internal=np.array([row["is_ca4_internal"] for row in rows], dtype=bool),
        is_open_24h=np.array([row["is_open_24h"] for row in rows], dtype=bool),
    )


def utc_offset_seconds(country: str, on: dt.date) -> int:
    """The country's offset from UTC on a date (none of them keeps summer time today)."""
    moment = dt.datetime(on.year, on.month, on.day, 12, tzinfo=zoneinfo.ZoneInfo(TIME_ZONES[country]))
    return int(moment.utcoffset().total_seconds())


@dataclass
class Context:
    """The generation request and what every step derives from it."""

    seed: int
    scale: int
    start: dt.date
    months: int
    end: dt.date = field(init=False)
    days: int = field(init=False)
    calendar: Calendar = field(init=False)
    posts: Posts = field(init=False)
    country_weight: dict[str, float] = field(init=False)
    offset: dict[str, int] = field(init=False)
    post_offset: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        month = self.start.month - 1 + self.months
        self.end = dt.date(self.start.year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
        self.days = (self.end - self.start).days + 1
        self.calendar = Calendar(self.start, self.days)
        self.posts = posts_load()
        weights = annual_weights()
        total = sum(weights.values())
        self.country_weight = {code: weight / total for code, weight in weights.items()}
        self.offset = {code: utc_offset_seconds(code, self.start) for code in OCAM}
        self.post_offset = np.array([self.offset[c] for c in self.posts.country], dtype=np.int64)

    def rng(self, name: str) -> np.random.Generator:
        """An independent random stream for one step of the generator."""
        digest = int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "little")
        return np.random.Generator(np.random.PCG64(np.random.SeedSequence([self.seed, digest])))

    @property
    def start64(self) -> np.datetime64:
        return np.datetime64(self.start, "D")

    @staticmethod
    def is_ca4(codes: np.ndarray) -> np.ndarray:
        return np.isin(codes, CA4)


Frame = dict[str, np.ndarray]


def frame_take(frame: Frame, index: np.ndarray) -> Frame:
    """The rows of a frame (a dict of parallel arrays) at the given positions or mask."""
    return {name: column[index] for name, column in frame.items()}


def frame_concat(frames: list[Frame]) -> Frame:
    """Frames with the same columns, one after the other."""
    return {name: np.concatenate([frame[name] for frame in frames]) for name in frames[0]}


def frame_length(frame: Frame) -> int:
    return len(next(iter(frame.values())))


def code_numbers(codes: np.ndarray) -> np.ndarray:
    """Short ASCII codes (a `<U3` array or narrower) as integers, for fast grouping."""
    width = codes.dtype.itemsize // 4
    chars = np.ascontiguousarray(codes).view(np.uint32).reshape(len(codes), width).astype(np.int64)
    return chars @ (128 ** np.arange(width - 1, -1, -1, dtype=np.int64))
