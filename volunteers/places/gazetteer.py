"""Loading the Shiyan gazetteer CSV into County and Township rows."""

import csv
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from volunteers.places.models import County, Township

GAZETTEER_CSV = Path(__file__).resolve().parent / "data" / "shiyan_gazetteer.csv"


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def _float(value: str):
    return float(value) if value.strip() else None


def _apply(obj, fields: dict) -> bool:
    changed = False
    for name, value in fields.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


@transaction.atomic
def gazetteer_load(*, path: Path = GAZETTEER_CSV) -> LoadResult:
    """Create or update every county and township; running it twice changes nothing."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    result = LoadResult()
    counties = {c.code: c for c in County.objects.all()}
    townships = {t.code: t for t in Township.objects.all()}

    for row in (r for r in rows if r["level"] == "county"):
        county = counties.get(row["code"]) or County(code=row["code"])
        fields = {"name_zh": row["name_zh"], "name_en": row["name_en"]}
        if not county.edited_by_staff:
            fields |= {
                "lat": _float(row["lat"]),
                "lon": _float(row["lon"]),
                "in_reservoir_area": row["in_reservoir_area"] == "true",
            }
        _save(county, fields, result)
        counties[county.code] = county

    for row in (r for r in rows if r["level"] == "township"):
        county = counties[row["parent_code"]]
        township = townships.get(row["code"]) or Township(code=row["code"])
        fields = {"name_zh": row["name_zh"], "name_en": row["name_en"], "county_id": county.pk}
        if not township.edited_by_staff:
            lat, lon = _float(row["lat"]), _float(row["lon"])
            approximate = lat is None or lon is None
            if approximate:
                lat, lon = county.lat, county.lon
            fields |= {
                "lat": lat,
                "lon": lon,
                "point_is_approximate": approximate,
                "in_reservoir_area": row["in_reservoir_area"] == "true",
                "source": row["source"] if not approximate else "county seat",
            }
        _save(township, fields, result)
    return result


def _save(obj, fields, result: LoadResult) -> None:
    if obj.pk is None:
        _apply(obj, fields)
        obj.save()
        result.created += 1
    elif _apply(obj, fields):
        obj.save()
        result.updated += 1
    else:
        result.unchanged += 1
