"""Celery tasks of teams: the daily summaries of join requests."""

from celery import shared_task

from volunteers.teams.alerts import join_digests_send


@shared_task(name="volunteers.tasks.send_join_digests")
def send_join_digests() -> int:
    return join_digests_send()
