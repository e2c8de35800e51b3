"""Celery tasks of participation: photo renditions and the nightly rollup check."""

from celery import shared_task

from volunteers.events.counts import counts_check
from volunteers.participation.services.photos import photo_renditions_make
from volunteers.participation.services.rollups import rollups_rebuild


# At millions of records the rebuild runs for minutes: longer limits than the
# default, still well inside the broker's visibility timeout (no second delivery).
@shared_task(name="volunteers.tasks.rebuild_rollups", soft_time_limit=30 * 60, time_limit=35 * 60)
def rebuild_rollups() -> dict:
    return {"rollups": rollups_rebuild(), "counts": counts_check()}


@shared_task(name="volunteers.tasks.make_report_photo_renditions")
def make_report_photo_renditions(image_ids: list[int]) -> int:
    return photo_renditions_make(image_ids)
