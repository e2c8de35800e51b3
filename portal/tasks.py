"""Thin Celery tasks; the behaviour lives in ``portal.mail`` and ``portal.sms``."""

from celery import shared_task
from django.core.management import call_command

from portal.enqueue import enqueue
from portal.mail import mail_deliver, mail_pending_ids
from portal.sms.services import sms_deliver, sms_pending_ids


@shared_task(name="portal.tasks.send_outgoing_mail")
def send_outgoing_mail(mail_id: int) -> bool:
    return mail_deliver(mail_id=mail_id)


@shared_task(name="portal.tasks.sweep_outgoing_mail")
def sweep_outgoing_mail() -> int:
    ids = mail_pending_ids()
    for mail_id in ids:
        enqueue(send_outgoing_mail.name, mail_id)
    return len(ids)


@shared_task(name="portal.tasks.send_outgoing_sms")
def send_outgoing_sms(sms_id: int) -> bool:
    return sms_deliver(sms_id=sms_id)


@shared_task(name="portal.tasks.sweep_outgoing_sms")
def sweep_outgoing_sms() -> int:
    ids = sms_pending_ids()
    for sms_id in ids:
        enqueue(send_outgoing_sms.name, sms_id)
    return len(ids)


@shared_task(name="portal.tasks.publish_scheduled_pages")
def publish_scheduled_pages() -> None:
    """Publish pages whose "go live" time has come and unpublish expired ones."""
    call_command("publish_scheduled")
