"""Celery tasks of events: the reminder scan."""

from celery import shared_task

from volunteers.events.services.reminders import reminders_send


@shared_task(name="volunteers.tasks.send_event_reminders")
def send_event_reminders() -> int:
    return reminders_send()
