"""Queueing and delivering text messages through the outbox (as ``portal.mail`` does mail)."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from portal.enqueue import enqueue_on_commit
from portal.outbox import OutgoingSms
from portal.sms.backends import backend_get

# One SMS holds 70 Chinese characters; longer ones are sent, and billed, as several.
SINGLE_SMS_CHARS = 70


def sms_queue(*, to: str, kind: str, params: dict, language: str | None = None) -> OutgoingSms:
    """Render ``templates/sms/<kind>.txt`` with ``params`` in ``language``, write the row
    and deliver it once the surrounding transaction commits.

    ``params`` are the provider template's parameters: short strings, as providers
    refuse anything longer than 20 or 35 characters.
    """
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    with translation.override(language):
        text = " ".join(render_to_string(f"sms/{kind}.txt", params).split())
    message = OutgoingSms.objects.create(
        to=to,
        kind=kind,
        params={name: str(value) for name, value in params.items()},
        text=text,
        language=language,
    )
    enqueue_on_commit("portal.tasks.send_outgoing_sms", message.pk)
    return message


def sms_deliver(*, sms_id: int) -> bool:
    """Send one queued message at most once (the row is locked while sending).

    A backend that is not configured raises before anything is recorded: the messages
    wait, untouched, for the sweep after the settings are fixed.
    """
    backend = backend_get()
    with transaction.atomic():
        message = OutgoingSms.objects.select_for_update().filter(pk=sms_id).first()
        if message is None or message.sent_at or message.failed_at:
            return False
        message.attempts += 1
        try:
            provider_id = backend.send(message)
        except Exception as exc:  # noqa: BLE001 - record any provider failure
            message.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            if message.attempts >= OutgoingSms.MAX_ATTEMPTS:
                message.failed_at = timezone.now()
            message.save(update_fields=["attempts", "last_error", "failed_at"])
            return False
        message.sent_at = timezone.now()
        message.provider_id = str(provider_id or "")[:80]
        message.save(update_fields=["attempts", "sent_at", "provider_id", "last_error"])
        return True


def sms_pending_ids(*, older_than: timedelta | None = None, limit: int = 500) -> list[int]:
    """Ids of messages still waiting after ``older_than`` (their first task was lost)."""
    return OutgoingSms.objects.stuck_ids(older_than=older_than, limit=limit)
