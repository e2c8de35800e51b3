"""Handing work to the Celery workers without letting a broker outage break a request.

Every task the portal queues has its state in a database row (an outgoing
mail, a certificate, an export) and a beat sweep that re-sends rows left
waiting. So a message that cannot be published now is not lost: the row
waits and the sweep sends it once the broker is back. Publishing is tried
once, with short timeouts (settings: CELERY_BROKER_TRANSPORT_OPTIONS), so a
request never hangs on a dead Redis.

Services name the task they queue ("volunteers.tasks.make_certificate")
rather than import it: the task module imports the service it runs, and the
dependency stays one way.
"""

import logging

from django.db import transaction

from portal.celery import app

logger = logging.getLogger(__name__)


def _task(name: str):
    try:
        return app.tasks[name]
    except KeyError:
        # Workers import every tasks module at start; a web process does it on first use.
        app.loader.import_default_modules()
        return app.tasks[name]


def enqueue(task: str, *args) -> bool:
    """Publish the task named ``task`` with ``args`` now; False (and a warning) if it fails."""
    name = task if isinstance(task, str) else task.name
    task = _task(name)  # outside the try: an unknown name is a bug, not an outage
    try:
        task.apply_async(args, retry=False)
    except Exception:  # noqa: BLE001 - any broker error means "the sweep will send it"
        logger.warning("Could not queue %s%r; its sweep will send it later", name, args)
        return False
    return True


def enqueue_on_commit(task: str, *args) -> None:
    """Publish the task named ``task`` once the surrounding transaction has committed."""
    transaction.on_commit(lambda: enqueue(task, *args))
