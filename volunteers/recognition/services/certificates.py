"""Hours certificates: requested by the volunteer, made by a Celery task, verified by anyone.

A certificate is a row first (pending), written in the request's transaction;
the task that draws the PDF runs after commit and does nothing for a row that
is no longer pending, so a retried task never makes two PDFs. A beat sweep
re-sends rows left pending by a broker outage. A volunteer has at most one
current certificate (a partial unique index); it is reused until their
approved records change, and then superseded by a new one with a new code.
"""

import hashlib
import logging
import re
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, Max, Min, Sum
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import Site

from portal.base_url import absolute_url
from portal.enqueue import enqueue_on_commit
from portal.errors import ServiceError
from portal.models import SiteSettings
from volunteers.participation.models.hours import RecordStatus, ServiceRecord
from volunteers.participation.stars import star_level
from volunteers.recognition.certificate_pdf import CertificateLine, certificate_pdf
from volunteers.recognition.models.certificates import Certificate, CertificateStatus

# Crockford's base32 without I, L, O, U: nothing to misread when typed from paper.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_RE = re.compile(r"^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$")
logger = logging.getLogger(__name__)


def _new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def code_normalise(text: str) -> str | None:
    """A typed or scanned code in its stored form, or None if it cannot be one."""
    text = re.sub(r"[\s\-_]", "", (text or "").upper())[:40]
    text = text.replace("O", "0").replace("I", "1").replace("L", "1")
    if len(text) != 12:
        return None
    code = f"{text[:4]}-{text[4:8]}-{text[8:]}"
    return code if CODE_RE.match(code) else None


def _approved(user):
    return ServiceRecord.objects.filter(volunteer=user, status=RecordStatus.APPROVED)


def _fingerprint(user) -> str:
    digest = hashlib.sha256()
    for pk, hours in _approved(user).order_by("pk").values_list("pk", "hours").iterator():
        digest.update(f"{pk}:{hours};".encode())
    return digest.hexdigest()


def certificate_current(*, user) -> Certificate | None:
    return (
        Certificate.objects.filter(
            volunteer=user, status__in=(CertificateStatus.PENDING, CertificateStatus.READY)
        )
        .order_by("-requested_at")
        .first()
    )


def certificate_is_stale(certificate: Certificate) -> bool:
    """True when the volunteer's approved hours changed since the certificate was made."""
    return certificate.fingerprint != _fingerprint(certificate.volunteer)


def _name(user) -> str:
    profile = getattr(user, "volunteer", None)
    if profile is None:
        return user.get_username()[:40]
    return (profile.real_name or profile.display_name)[:40]


def _language(user, language) -> str:
    codes = {code for code, _name in settings.LANGUAGES}
    if language in codes:
        return language
    profile = getattr(user, "volunteer", None)
    return profile.language if profile else settings.LANGUAGE_CODE


@transaction.atomic
def certificate_request(*, user, language: str | None = None) -> Certificate:
    """The volunteer's current certificate, or a new one being prepared."""
    # Serialise requests of one volunteer (a double click too): lock their account row.
    get_user_model().objects.select_for_update().filter(pk=user.pk).exists()
    totals = _approved(user).aggregate(
        n=Count("pk"), hours=Sum("hours"), first=Min("date"), last=Max("date")
    )
    if not totals["n"]:
        raise ServiceError(
            _("You have no approved service hours yet, so there is nothing to certify.")
        )
    language = _language(user, language)
    fingerprint = _fingerprint(user)
    current = certificate_current(user=user)
    if current is not None:
        if current.fingerprint == fingerprint and current.language == language:
            return current
        current.status, current.superseded_at = CertificateStatus.SUPERSEDED, timezone.now()
        current.save(update_fields=["status", "superseded_at"])
    certificate = Certificate.objects.create(
        volunteer=user,
        code=_new_code(),
        fingerprint=fingerprint,
        language=language,
        name=_name(user),
        total_hours=totals["hours"],
        activities=totals["n"],
        star_level=star_level(totals["hours"]),
        period_start=totals["first"],
        period_end=totals["last"],
    )
    _queue(certificate.pk)
    return certificate


def _queue(certificate_id: int) -> None:
    enqueue_on_commit("volunteers.tasks.make_certificate", certificate_id)


def verify_url(code: str, language: str) -> str:
    """The address printed under the certificate's QR code, where anyone can check it."""
    with translation.override(language):
        return absolute_url(reverse("volunteers:certificate_verify", args=[code]))


def _lines(certificate: Certificate):
    records = (
        _approved(certificate.volunteer)
        .select_related("event", "report", "team", "township")
        .order_by("date", "pk")
    )
    for record in records.iterator(chunk_size=500):
        if record.event_id:
            activity = record.event.title
        elif record.report_id:
            activity = record.report.title
        else:
            # Hours staff entered for service before the portal: where it was done.
            activity = _("Volunteer service in %(place)s") % {"place": record.township.name}
        yield CertificateLine(
            date=record.date,
            activity=activity,
            team=record.team.name if record.team_id else "",
            hours=record.hours,
        )


def _issuer_marks() -> dict:
    """The seal and signatory staff set in the site settings (empty until they do)."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return {}
    site_settings = SiteSettings.for_site(site)
    seal = None
    if site_settings.certificate_seal_id:
        with site_settings.certificate_seal.file.open("rb") as handle:
            seal = handle.read()
    return {"seal": seal, "signatory": site_settings.certificate_signatory}


def certificate_make(*, certificate_id: int) -> bool:
    """Draw the PDF of a pending certificate; False if there was nothing to do or it failed.

    A certificate that cannot be drawn is marked failed (and the error logged),
    so the volunteer is told and can ask again instead of waiting for ever.
    """
    try:
        with transaction.atomic():
            certificate = (
                Certificate.objects.select_for_update()
                .select_related("volunteer")
                .filter(pk=certificate_id, status=CertificateStatus.PENDING)
                .first()
            )
            if certificate is None:
                return False
            certificate.issued_at = timezone.now()
            with translation.override(certificate.language):
                lines = list(_lines(certificate))
            pdf = certificate_pdf(
                certificate=certificate,
                lines=lines,
                verify_url=verify_url(certificate.code, certificate.language),
                **_issuer_marks(),
            )
            certificate.pdf.save(f"{certificate.code}.pdf", ContentFile(pdf), save=False)
            certificate.status = CertificateStatus.READY
            certificate.save(update_fields=["pdf", "status", "issued_at"])
    except Exception:
        logger.exception("Certificate %s could not be made", certificate_id)
        Certificate.objects.filter(pk=certificate_id, status=CertificateStatus.PENDING).update(
            status=CertificateStatus.FAILED
        )
        return False
    return True


def certificates_pending_ids() -> list[int]:
    """Pending certificates no worker is drawing (for the beat sweep).

    Their task was lost: the broker was down when it was queued, or the worker
    died while drawing. A worker drawing one holds its row lock until it is
    ready, so locked rows are skipped and a slow drawing is never started twice;
    the lock of a killed worker goes with its database connection.
    """
    cutoff = timezone.now() - timedelta(seconds=settings.WORK_RETRY_AFTER_SECONDS)
    with transaction.atomic():
        return list(
            Certificate.objects.select_for_update(skip_locked=True)
            .filter(status=CertificateStatus.PENDING, requested_at__lt=cutoff)
            .order_by("pk")
            .values_list("pk", flat=True)[:100]
        )


def certificate_for_code(code: str) -> tuple[Certificate | None, str | None]:
    """(certificate, None) for a known code; (None, reason) for a malformed or unknown one."""
    normalised = code_normalise(code)
    if normalised is None:
        return None, "malformed"
    certificate = (
        Certificate.objects.filter(code=normalised).exclude(status=CertificateStatus.FAILED).first()
    )
    if certificate is None:
        return None, "unknown"
    return certificate, None


def certificate_last_failed(*, user) -> bool:
    """Whether the volunteer's latest request could not be made into a certificate."""
    latest = Certificate.objects.filter(volunteer=user).order_by("-requested_at", "-pk").first()
    return latest is not None and latest.status == CertificateStatus.FAILED


def certificates_withdraw(*, user) -> None:
    """For a deleted account: the PDFs go, the name goes, the codes say they were replaced."""
    now = timezone.now()
    for certificate in Certificate.objects.filter(volunteer=user).exclude(pdf=""):
        certificate.pdf.delete(save=False)
    Certificate.objects.filter(volunteer=user).update(pdf="", name="")
    Certificate.objects.filter(
        volunteer=user, status__in=(CertificateStatus.PENDING, CertificateStatus.READY)
    ).update(status=CertificateStatus.SUPERSEDED, superseded_at=now)
