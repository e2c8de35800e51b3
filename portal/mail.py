"""Services for queueing and delivering e-mail through the outbox."""

import logging
from datetime import timedelta

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from portal.enqueue import enqueue_on_commit
from portal.outbox import OutgoingMail

logger = logging.getLogger(__name__)


def mail_queue(
    *,
    to: str,
    subject: str,
    text_body: str,
    html_body: str = "",
    kind: str = "",
) -> OutgoingMail:
    """Write the message row and deliver it once the surrounding transaction commits."""
    mail = OutgoingMail.objects.create(
        to=to, subject=subject.strip(), text_body=text_body, html_body=html_body, kind=kind
    )
    enqueue_on_commit("portal.tasks.send_outgoing_mail", mail.pk)
    return mail


def mail_queue_template(
    *, to: str, template_prefix: str, context: dict, language: str | None = None
) -> OutgoingMail:
    """Render ``<prefix>_subject.txt``, ``_message.txt`` and ``_message.html`` in a language."""
    with translation.override(language or translation.get_language()):
        subject = render_to_string(f"{template_prefix}_subject.txt", context)
        text_body = render_to_string(f"{template_prefix}_message.txt", context)
        html_body = render_to_string(f"{template_prefix}_message.html", context)
    return mail_queue(
        to=to,
        subject=" ".join(subject.split()),
        text_body=text_body,
        html_body=html_body,
        kind=template_prefix,
    )


def mail_deliver(*, mail_id: int) -> bool:
    """Send one queued message at most once. Returns True if it was sent now.

    The row is locked while sending, so two workers handed the same id (a
    retried task, a sweep racing the first delivery) cannot both send it.
    """
    with transaction.atomic():
        mail = OutgoingMail.objects.select_for_update().filter(pk=mail_id).first()
        if mail is None or mail.sent_at or mail.failed_at:
            return False
        message = EmailMultiAlternatives(mail.subject, mail.text_body, to=[mail.to])
        if mail.html_body:
            message.attach_alternative(mail.html_body, "text/html")
        mail.attempts += 1
        try:
            message.send()
        except Exception as exc:  # noqa: BLE001 - record any transport failure
            mail.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            if mail.attempts >= OutgoingMail.MAX_ATTEMPTS:
                mail.failed_at = timezone.now()
            mail.save(update_fields=["attempts", "last_error", "failed_at"])
            return False
        mail.sent_at = timezone.now()
        mail.save(update_fields=["attempts", "sent_at", "last_error"])
        return True


def mail_pending_ids(*, older_than: timedelta | None = None, limit: int = 500) -> list[int]:
    """Ids of messages still waiting after ``older_than`` (their first task was lost)."""
    return OutgoingMail.objects.stuck_ids(older_than=older_than, limit=limit)
