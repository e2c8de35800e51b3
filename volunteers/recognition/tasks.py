"""Celery tasks of recognition: certificates and exports, and their sweeps."""

from celery import shared_task

from portal.enqueue import enqueue
from volunteers.recognition.services.certificates import (
    certificate_make,
    certificates_pending_ids,
)
from volunteers.recognition.services.exports.files import (
    export_run,
    exports_pending_ids,
    exports_tidy,
)


@shared_task(name="volunteers.tasks.make_certificate")
def make_certificate(certificate_id: int) -> bool:
    return certificate_make(certificate_id=certificate_id)


@shared_task(name="volunteers.tasks.sweep_certificates")
def sweep_certificates() -> int:
    ids = certificates_pending_ids()
    for certificate_id in ids:
        enqueue(make_certificate, certificate_id)
    return len(ids)


# Exports may take longer than the default limits; still well inside the
# broker's visibility timeout, so a running export is never delivered twice.
@shared_task(name="volunteers.tasks.run_export", soft_time_limit=30 * 60, time_limit=35 * 60)
def run_export(export_id: int) -> bool:
    return export_run(export_id=export_id)


@shared_task(name="volunteers.tasks.sweep_exports")
def sweep_exports() -> int:
    exports_tidy()
    ids = exports_pending_ids()
    for export_id in ids:
        enqueue(run_export, export_id)
    return len(ids)
