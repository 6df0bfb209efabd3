"""Calibration targets of the synthetic baseline, each with its source in DOMAIN.md.

Job: hold every proportion, rate and seasonal factor the generator draws from, as plain
constants, so the generator and `manage.py sandbox_calibration` read the same numbers.

Invariants: weights are relative (the generator normalises them); rates are fractions;
`TARGETS` pairs each measured indicator with the range the report accepts and the source it
comes from. "[est.]" marks estimates of DOMAIN.md or of this module, not published figures.
"""

from __future__ import annotations

from typing import NamedTuple

from django.utils.translation import gettext as _

GENERATOR_VERSION = "1.2"

OCAM = ("GTM", "SLV", "HND", "NIC", "CRI", "PAN", "BLZ", "DOM")
CA4 = ("GTM", "SLV", "HND", "NIC")
MODES = ("AIR", "LAND", "SEA")

# DOMAIN.md 2.3, column "Annual movements for calibration [est.]": (low, high) in millions.
ANNUAL_MOVEMENTS_MILLIONS: dict[str, tuple[float, float]] = {
    "GTM": (6.0, 8.0),
    "SLV": (13.0, 14.0),
    "HND": (3.0, 5.0),
    "NIC": (3.0, 4.5),
    "CRI": (8.0, 10.0),
    "PAN": (6.5, 9.0),
    "BLZ": (1.0, 1.5),
    "DOM": (18.0, 22.0),
}

# DOMAIN.md 2.3 and 5b: share of a country's movements by mode (AIR, LAND, SEA).
MODE_SPLIT: dict[str, dict[str, float]] = {
    "GTM": {"AIR": 0.383, "LAND": 0.616, "SEA": 0.001},  # 2021, vicepresidencia.gob.gt
    "SLV": {"AIR": 0.327, "LAND": 0.668, "SEA": 0.005},  # H1 2024, comercioynegocios.org
    "HND": {"AIR": 0.39, "LAND": 0.60, "SEA": 0.01},  # [est.]
    "NIC": {"AIR": 0.26, "LAND": 0.68, "SEA": 0.06},  # Semana Santa sample: land posts 67%, airport 21%
    "CRI": {"AIR": 0.60, "LAND": 0.38, "SEA": 0.02},  # 55-65% air [est.]
    "PAN": {"AIR": 0.902, "LAND": 0.088, "SEA": 0.010},  # Jan-Aug 2019, laestrella.com.pa
    "BLZ": {"AIR": 0.76, "LAND": 0.22, "SEA": 0.02},  # PGIA 76% of visitors, cruise excluded
    "DOM": {"AIR": 0.90, "LAND": 0.08, "SEA": 0.02},  # about 90% air, cruise separate
}

# Relative weights of crossing points whose CSV volume_share is empty, within their country
# and mode [est.: DOMAIN.md 5b "the remaining share", El Amatillo "the busiest" of Honduras,
# Peñas Blancas the busiest of Costa Rica]. Unlisted posts weigh 1.
UNLISTED_POST_WEIGHTS: dict[str, float] = {
    "GT-TUM": 3.0, "GT-ECA": 1.5, "GT-LME": 1.5, "GT-SCR": 1.5, "GT-ANG": 1.2, "GT-ACA": 1.5,
    "GT-EFL": 1.5, "GT-COR": 1.0, "GT-GAD": 0.3, "GT-ING": 0.2, "GT-BET": 0.2, "GT-ECE": 0.5, "GT-MME": 0.8,
    "GT-FRS": 1.0, "GT-RER": 0.2,
    "SV-LHA": 3.0, "SV-SCR": 2.0, "SV-ANG": 1.5, "SV-EAM": 4.0, "SV-EPO": 2.0, "SV-PLC": 0.5,
    "HN-XPL": 3.0, "HN-SAP": 4.0, "HN-LCE": 0.4, "HN-RTB": 1.2,
    "HN-EAM": 5.0, "HN-EPO": 1.5, "HN-MAP": 0.6, "HN-LCO": 0.4, "HN-ACA": 2.0, "HN-EFL": 1.5, "HN-COR": 1.5,
    "HN-GUA": 2.0, "HN-LMA": 1.5, "HN-EES": 0.6,
    "CR-SJO": 4.0, "CR-LIR": 1.0, "CR-PBL": 6.0, "CR-PCA": 3.0, "CR-SIX": 1.0, "CR-LTA": 0.6, "CR-SAB": 0.3,
    "PA-RIH": 0.2, "PA-PAC": 0.5, "PA-DAV": 0.3, "PA-RSE": 0.3,
    "BZ-SEL": 2.0, "BZ-BVC": 1.5,
    "DO-POP": 3.0, "DO-LRM": 1.5, "DO-AZS": 1.0, "DO-JBQ": 0.5,
    "DO-DAJ": 3.0, "DO-EPI": 2.0, "DO-JIM": 1.5, "DO-PED": 0.8,
}  # fmt: skip

# DOMAIN.md 5b "Nationality mix (by country and mode)". Weights of nationalities (ICAO codes)
# in each country's movements; "*" spreads its weight over OTHER_NATIONALITIES.
NATIONALITY_MIX: dict[tuple[str, str], dict[str, float]] = {
    ("GTM", "LAND"): {"GTM": 40, "SLV": 25, "HND": 17, "MEX": 8, "NIC": 3, "USA": 2, "BLZ": 1, "*": 4},
    ("GTM", "AIR"): {
        "GTM": 40, "USA": 30, "MEX": 9, "SLV": 3, "HND": 2, "CRI": 2, "COL": 2, "ESP": 2, "CAN": 2, "*": 8,
    },
    ("SLV", "LAND"): {"SLV": 42, "GTM": 25, "HND": 21, "NIC": 7, "MEX": 1, "*": 4},
    ("SLV", "AIR"): {"SLV": 44, "USA": 30, "CAN": 4, "MEX": 5, "HND": 4, "CRI": 3, "GTM": 3, "*": 7},
    ("HND", "LAND"): {"HND": 42, "SLV": 20, "GTM": 15, "NIC": 17, "*": 6},
    ("HND", "AIR"): {"HND": 45, "USA": 32, "MEX": 4, "SLV": 3, "GTM": 3, "CAN": 3, "COL": 2, "*": 8},
    ("NIC", "LAND"): {"NIC": 33, "CRI": 22, "HND": 16, "SLV": 10, "GTM": 4, "PAN": 2, "USA": 5, "*": 8},
    ("NIC", "AIR"): {"NIC": 36, "USA": 28, "CRI": 6, "CAN": 5, "ESP": 3, "MEX": 3, "PAN": 3, "SLV": 3, "*": 13},
    ("CRI", "AIR"): {
        "CRI": 34, "USA": 40.6, "CAN": 7.0, "FRA": 2.8, "D": 2.8, "NLD": 2.1, "GBR": 2.1, "ESP": 2.4,
        "MEX": 2.3, "COL": 2.0, "ARG": 1.0, "PAN": 1.0, "NIC": 1.0, "*": 2.9,
    },
    ("CRI", "LAND"): {"NIC": 48, "CRI": 34, "PAN": 9, "SLV": 3, "HND": 2, "USA": 2, "*": 4},
    ("PAN", "AIR"): {"PAN": 33, "COL": 14, "USA": 14, "CRI": 5, "ESP": 4, "VEN": 6, "MEX": 4, "ARG": 2, "*": 18},
    ("PAN", "LAND"): {"PAN": 40, "CRI": 44, "NIC": 6, "COL": 3, "USA": 2, "*": 5},
    ("BLZ", "AIR"): {"BLZ": 31, "USA": 54, "CAN": 6, "GBR": 4, "D": 2, "MEX": 2, "GTM": 2, "*": 8},
    ("BLZ", "LAND"): {"BLZ": 42, "GTM": 30, "MEX": 20, "USA": 5, "*": 5},
    ("DOM", "AIR"): {
        "DOM": 25, "USA": 33, "CAN": 9, "ESP": 4, "FRA": 3, "D": 3, "ITA": 3, "GBR": 2, "RUS": 2,
        "ARG": 2, "COL": 3, "VEN": 2, "BRA": 1.5, "CHL": 1, "*": 6.5,
    },
    ("DOM", "LAND"): {"HTI": 62, "DOM": 34, "*": 4},
}  # fmt: skip
OTHER_NATIONALITIES: dict[str, float] = {
    "PER": 3, "ECU": 3, "CUB": 3, "CHL": 2, "BRA": 2, "ARG": 2, "ITA": 2, "CHN": 2, "IND": 2, "VEN": 3,
    "JPN": 1, "KOR": 1, "ISR": 1, "CHE": 1, "SWE": 1, "AUS": 1, "URY": 1, "BOL": 1, "PRY": 1, "POL": 1,
}  # fmt: skip
# The name pool of each nationality (DOMAIN.md 5b "Synthetic-person generation"): Hispanic
# nationals get two surnames from a Spanish-speaking pool ("ca" is the curated Central American
# mix of sandbox/data/); everyone else one surname, named as their nationality would be.
# Approximations, said so: Haitians take French names (fr_FR; Kreyòl given names are often
# French ones), Swiss German ones (de_CH), Belizeans a mix of US and British English ("bz"),
# Chinese a curated pinyin list ("zh_pinyin", sandbox/data/: Faker's zh_CN writes Han
# characters, which no MRZ holds), Indians en_IN (Latin-script Indian names), Japanese the
# romanised names of ja_JP. The others (Korean, Russian, Israeli, Polish...) fall back to en_US.
NAME_LOCALE: dict[str, str] = {
    **dict.fromkeys(("GTM", "SLV", "HND", "NIC", "CRI", "PAN", "DOM"), "ca"),
    **dict.fromkeys(("MEX", "CUB"), "es_MX"),
    "ESP": "es_ES",
    **dict.fromkeys(("COL", "VEN", "ECU", "PER", "BOL"), "es_CO"),
    **dict.fromkeys(("ARG", "CHL", "URY", "PRY"), "es_AR"),
    **dict.fromkeys(("USA", "CAN", "AUS"), "en_US"),
    **dict.fromkeys(("GBR", "IRL"), "en_GB"),
    "BLZ": "bz",
    **dict.fromkeys(("HTI", "FRA"), "fr_FR"),
    "CHE": "de_CH",
    "D": "de_DE",
    "NLD": "nl_NL",
    "ITA": "it_IT",
    "BRA": "pt_BR",
    "SWE": "sv_SE",
    "CHN": "zh_pinyin",
    "IND": "en_IN",
    "JPN": "ja_JP",
}
DEFAULT_NAME_LOCALE = "en_US"
HISPANIC_LOCALES = ("ca", "es_MX", "es_ES", "es_CO", "es_AR")
# Share of Central American names drawn from the curated lists rather than Faker's es_MX.
CURATED_SHARE = 0.75

# Residents cross out and back in; visitors in and out (DOMAIN.md 5b "Stays and exits").
RESIDENT_SHARE_NATIONALS = 0.85
RESIDENT_SHARE_FOREIGNERS = 0.04
RESIDENT_SHARE_SPECIAL: dict[tuple[str, str], float] = {
    ("DOM", "DOM"): 0.40,  # 10% residents against 15% non-resident Dominicans (acento.com.do)
    ("CRI", "NIC"): 0.60,  # Nicaraguans living in Costa Rica (radioometepe.com)
    ("DOM", "HTI"): 0.30,
}

# Authorised stay of visitors (days) per country; CA-4 nationals within CA-4 get 90.
AUTHORISED_STAY_DAYS = {"GTM": 90, "SLV": 90, "HND": 90, "NIC": 90, "CRI": 180, "PAN": 180, "BLZ": 30, "DOM": 30}
CA4_STAY_DAYS = 90

# Stays, log-normal (median days, sigma) [DOMAIN.md 5b: air tourists about 8 nights; CA-4
# land trips 1-3 days].
STAY_VISITOR_AIR = (8.0, 0.7)
STAY_VISITOR_LAND_CA4 = (2.0, 0.5)
STAY_VISITOR_LAND = (4.0, 0.8)
STAY_RESIDENT_AIR = (12.0, 0.8)
STAY_RESIDENT_LAND = (3.0, 0.8)
SAME_POST_ON_RETURN = 0.85

# Demographics [DOMAIN.md 5b]: sex about 50/50; minors 8-12% of movements.
MALE_SHARE = 0.50
ADULT_AGE_GROUPS = ((18, 30, 0.26), (30, 45, 0.36), (45, 60, 0.26), (60, 95, 0.12))  # from, to, weight
FAMILY_SHARE_OF_PARENT_AGE = 0.105  # adults 25-54 travelling with their children
CHILDREN_PER_FAMILY = ((1, 0.6), (2, 0.3), (3, 0.1))
TRIPS_PER_PERSON = {"AIR": 1.5, "LAND": 2.5, "SEA": 1.2}
CA4_ID_CARD_SHARE = 0.85  # adult CA-4 nationals at CA-4 internal posts who show the ID card
PASSPORT_SHARE_CA4_LAND = 0.5  # CA-4 land-only travellers who also hold a passport

OVERSTAY_SHARE = 0.02  # DOMAIN.md 5b: 1-3% of foreign entries never get an exit
REFUSAL_SHARE = 0.001  # DOMAIN.md 5b: 0.05-0.2% of foreign entries
REFUSAL_REASONS = (
    ("Sin visa consular", 0.30),
    ("Fondos insuficientes", 0.20),
    ("Pasaporte vencido o dañado", 0.15),
    ("Antecedentes o alerta de prohibición de ingreso", 0.15),
    ("Entrevista inconsistente con el motivo del viaje", 0.20),
)

# Seasonality [DOMAIN.md 2.6 and 5b]. Monthly index (Belize 2023 overnight arrivals), applied
# in full to air and sea and at half amplitude to land.
MONTH_INDEX = (1.10, 1.25, 1.35, 1.11, 0.85, 1.00, 1.11, 0.86, 0.51, 0.49, 0.92, 1.44)
LAND_MONTH_AMPLITUDE = 0.5
WEEKDAY_AIR = (1.0, 1.0, 1.0, 1.0, 1.0, 1.25, 1.25)  # Monday first: Saturday and Sunday x1.25
WEEKDAY_LAND = (1.0, 1.0, 1.0, 1.0, 1.2, 1.0, 1.2)  # Friday and Sunday x1.2
HOLY_WEEK_LAND = 2.1  # first crossings Wednesday to Easter Sunday: all land movements then x1.6-2.0
NATIONAL_HOLIDAY = 1.15  # a modest uplift on public holidays (`holidays` package)
GT_CHRISTMAS = ((12, 20), (12, 25), 1.75)  # GT 20-25 December x1.5-2
PANAMA_CARNIVAL = 1.3  # the 4 days before Ash Wednesday
# Surges: extra trips on top of the base flow, as (multiplier of the base flow there).
PBL_DECEMBER_MULTIPLIER = 3.5  # CR Peñas Blancas exits 15-31 December x3-5 (measured with the December index)
AGOSTINAS_MULTIPLIER = 2.5  # SV land exits to GT/HN, 30 July-6 August, x2-3
MORAZANICA_MULTIPLIER = 2.0  # HN exits at El Amatillo, first week of October
ESQUIPULAS_MULTIPLIER = 1.5  # GT entries from SV/HN at Anguiatú, Agua Caliente, El Florido, 12-15 January

# Hours: air follows flight banks; land 06-22 peaking 07-11 (24-hour posts also at night).
AIR_HOURS = (
    0.2,
    0.1,
    0.1,
    0.1,
    0.3,
    1.0,
    3.0,
    5.0,
    5.0,
    3.5,
    4.0,
    6.0,
    7.0,
    6.5,
    4.0,
    3.5,
    5.0,
    5.5,
    4.5,
    3.0,
    2.5,
    2.5,
    1.5,
    0.6,
)
LAND_HOURS = (0, 0, 0, 0, 0, 0, 3, 7, 8, 8, 7, 6, 5, 5, 5, 4.5, 4, 3.5, 3, 2.5, 2, 1.5, 0, 0)
LAND_HOURS_24H = (0.4, 0.3, 0.3, 0.3, 0.5, 1.2, 3, 7, 8, 8, 7, 6, 5, 5, 5, 4.5, 4, 3.5, 3, 2.5, 2, 1.5, 1.0, 0.6)
SEA_HOURS = (0, 0, 0, 0, 0, 0, 2, 4, 5, 5, 4, 3, 2, 2, 2, 2, 2, 1, 1, 0.5, 0, 0, 0, 0)

# Regional journeys (sandbox/generation/journeys.py). At a land post with a counterpart on
# the other side (border_crossing_points.csv `counterpart`, DOMAIN.md 5d), every crossing is an
# exit from one member and an entry into the other. [inferred] Of the smaller side's crossings,
# JOURNEY_SHARE are recorded next door too; the rest have no record there (travellers turned
# back or who go on elsewhere, local border traffic one side does not register, records
# missing as DOMAIN.md 5b's 1-5%). The larger side's surplus has none: DOMAIN.md 2.3's
# volumes of two neighbours disagree (El Salvador's 2024 count is about 2.4 times Guatemala's
# COVID-affected 2021 count at their shared posts), and the generator keeps each side's.
JOURNEY_SHARE = 0.97
# Its calibration targets (report "Regional journeys") [inferred]: of a country's land exits to
# a neighbour, the share with a matching entry next door is JOURNEY_MATCHED_RANGE times the
# most the neighbour's records allow (its entries from that country over the exits, at most
# 1): some travellers turn back or go on elsewhere, records go missing (DOMAIN.md 5b). The
# mirror-statistics gap, |exits A->B - entries into B from A| / exits A->B, is the one the two
# sides' calibrated volumes imply (0 where they agree, so at most 0.1), within
# JOURNEY_GAP_TOLERANCE of it or a quarter of it if more: the seasonal surges (December at
# Peñas Blancas, the Agostinas) move one side more than the yearly volumes say. Both ranges
# widen by two standard errors of the counts (binomial for the share, Poisson for the two
# counts of the gap), which at a small scale (a few dozen exits a pair) exceed the tolerances.
JOURNEY_MATCHED_RANGE = (0.85, 0.98)
JOURNEY_GAP_TOLERANCE = 0.10
JOURNEY_GAP_RELATIVE = 0.25
JOURNEY_MIN_EXITS = 30  # a pair with fewer exits is reported, but its target is 0-1 (noise)
# Time between the two controls [inferred; DOMAIN.md 2.7: El Salvador's exit checks take
# seconds; a bus waits for all its passengers on both sides]: (median, sigma, min, max) in
# minutes, log-normal, by bus or by car and on foot.
JOURNEY_DELAY_BUS = (75.0, 0.5, 20.0, 240.0)
JOURNEY_DELAY_PRIVATE = (15.0, 0.6, 6.0, 60.0)
# Bus lines by route (sandbox/generation/pools.py BUS_ROUTES): operators known to run these
# routes [k: general knowledge, not checked against timetables]; where unsure, a name is
# fictionalised by a suffix ("Express", "Internacional") and the codes are invented.

# Returns [DOMAIN.md 2.4 and 5b]: about 2% of the scale.
RETURNS_SHARE_OF_SCALE = 0.02
RETURN_RECEIVING = {"GTM": 0.56, "HND": 0.34, "SLV": 0.10}  # Jan-Aug 2024
RETURN_FROM = {"USA": 0.62, "MEX": 0.37, "OTHER": 0.01}  # between 2022 (45/54) and 2024 (80/20)
RETURN_FROM_MEXICO_BY_LAND = 0.80
RETURN_ADULT_MALE = 0.75
RETURN_MINORS = 0.155  # 13-18% of returns
RETURN_MINOR_MALE = 0.58  # 18,221 boys / 31,563 minors
RETURN_UNACCOMPANIED = {"USA": 0.30, "MEX": 0.75, "OTHER": 0.30}  # GT 2022: 2,873 of 3,136 from Mexico
RETURN_MONTH_FACTOR = {6: 1.35, 12: 0.8}
RETURN_AIR_POINTS = {"GTM": {"GT-GUA": 1.0}, "HND": {"HN-SAP": 0.6, "HN-XPL": 0.4}, "SLV": {"SV-SAL": 1.0}}
RETURN_LAND_POINTS = {
    "GTM": {"GT-TUM": 0.5, "GT-ECA": 0.3, "GT-ECE": 0.2},
    "HND": {"HN-COR": 0.6, "HN-ACA": 0.4},
    "SLV": {"SV-LHA": 1.0},
}
RETURN_ORIGIN_WEIGHTS = {
    "GTM": {"GT-13": 4, "GT-12": 4, "GT-01": 3, "GT-09": 2, "GT-14": 2, "GT-16": 1.5, "GT-07": 1},
    "HND": {"HN-CR": 4, "HN-FM": 3, "HN-YO": 2, "HN-OL": 1.5, "HN-AT": 1.5, "HN-CP": 1.5, "HN-CH": 1.2},
    "SLV": {"SV-SS": 3, "SV-SM": 2.5, "SV-UN": 2, "SV-US": 2, "SV-LI": 1.5, "SV-SA": 1.5},
}

# Alerts and hits [DOMAIN.md 5b "Alerts and hits"], inflated for training.
HIT_SHARE = 0.01  # 0.5-2% of movements get a POSSIBLE or HIT
HIT_KINDS = (("FUZZY", 0.60), ("DOCUMENT", 0.25), ("PERSON", 0.10), ("MINOR", 0.05))
DOCUMENT_ALERTS_PER_COUNTRY = (10, 300)  # at least, at most; scale / 400 in between
PERSON_ALERTS_PER_COUNTRY = (5, 80)  # at least, at most; scale / 2,000 in between
STALE_ALERT_SHARE = 0.15  # 10-20% of alerts
MISSING_MINOR_STALE_SHARE = 0.20

# Data-quality defects [DOMAIN.md 5b table], per affected entity.
DEFECT_RATES = {
    "DUPLICATE_PERSON": 0.02,  # of persons (1-3%)
    "NAME_VARIANT": 0.04,  # of Hispanic persons (3-5% of name fields)
    "DIACRITIC": 0.02,  # of persons whose names carry a diacritic or Ñ
    "DOB_SWAPPED": 0.005,  # of persons
    "DOB_IMPLAUSIBLE": 0.0005,
    "WRONG_COUNTRY_CODE": 0.005,  # of documents (in the MRZ as recorded)
    "MRZ_MISREAD": 0.005,  # of documents
    "MISSING_COUNTERPART": 0.02,  # of round trips (1-5%)
    "TIME_ZONE": 0.005,  # of movements
    "SHARED_DOCUMENT": 0.001,  # of documents
    "MINOR_WITHOUT_ADULT": 0.01,  # of minors' exits
    "OUTSIDE_HOURS": 0.002,  # of movements
    "SEX_MISMATCH": 0.002,  # of persons
}
TEST_RECORDS = (
    ("PRUEBA", "PRUEBA", ""),
    ("MICKEY", "MOUSE", ""),
    ("XXXX", "XXXX", "XXXX"),
    ("TEST", "TEST", ""),
    ("JUAN", "PRUEBA", "PRUEBA"),
    ("DONALD", "DUCK", ""),
    ("ASDF", "ASDF", ""),
    ("PRUEBA", "SISTEMA", "MIGRATORIO"),
    ("NOMBRE", "APELLIDO", "APELLIDO"),
    ("ZZZ", "PRUEBA", ""),
)


class Target(NamedTuple):
    """What the calibration report compares: a measured value and the range it should fall in."""

    low: float
    high: float
    source: str


def annual_weights() -> dict[str, float]:
    """Country weights: the middle of each calibration range."""
    return {code: (low + high) / 2 for code, (low, high) in ANNUAL_MOVEMENTS_MILLIONS.items()}


def country_share_target(code: str) -> Target:
    """The share range of a country when it sits at its low or high estimate and the rest at their middles."""
    weights = annual_weights()
    low, high = ANNUAL_MOVEMENTS_MILLIONS[code]
    rest = sum(weights.values()) - weights[code]
    return Target(
        low / (rest + low), high / (rest + high), noted("DOMAIN.md 2.3", _("annual movements for calibration"))
    )


def noted(reference: str, note: str) -> str:
    """A target's source: a document reference as it is, then a (translated) note in brackets."""
    return f"{reference} ({note})"
