"""Thin Celery tasks for the volunteer domain."""

from celery import shared_task

from portal.enqueue import enqueue
from volunteers.services.reminders import reminders_send


@shared_task(name="volunteers.tasks.send_event_reminders")
def send_event_reminders() -> int:
    return reminders_send()


# At millions of records the rebuild runs for minutes: longer limits than the
# default, still well inside the broker's visibility timeout (no second delivery).
@shared_task(name="volunteers.tasks.rebuild_rollups", soft_time_limit=30 * 60, time_limit=35 * 60)
def rebuild_rollups() -> dict:
    from volunteers.counts import counts_check
    from volunteers.services.rollups import rollups_rebuild

    return {"rollups": rollups_rebuild(), "counts": counts_check()}


@shared_task(name="volunteers.tasks.make_report_photo_renditions")
def make_report_photo_renditions(image_ids: list[int]) -> int:
    from volunteers.services.photos import photo_renditions_make

    return photo_renditions_make(image_ids)


@shared_task(name="volunteers.tasks.make_certificate")
def make_certificate(certificate_id: int) -> bool:
    from volunteers.services.certificates import certificate_make

    return certificate_make(certificate_id=certificate_id)


@shared_task(name="volunteers.tasks.sweep_certificates")
def sweep_certificates() -> int:
    from volunteers.services.certificates import certificates_pending_ids

    ids = certificates_pending_ids()
    for certificate_id in ids:
        enqueue(make_certificate, certificate_id)
    return len(ids)


# Exports may take longer than the default limits; still well inside the
# broker's visibility timeout, so a running export is never delivered twice.
@shared_task(name="volunteers.tasks.run_export", soft_time_limit=30 * 60, time_limit=35 * 60)
def run_export(export_id: int) -> bool:
    from volunteers.services.exports import export_run

    return export_run(export_id=export_id)


@shared_task(name="volunteers.tasks.sweep_exports")
def sweep_exports() -> int:
    from volunteers.services.exports import exports_pending_ids, exports_tidy

    exports_tidy()
    ids = exports_pending_ids()
    for export_id in ids:
        enqueue(run_export, export_id)
    return len(ids)
