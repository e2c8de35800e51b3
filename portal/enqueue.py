"""Handing work to the Celery workers without letting a broker outage break a request.

Every task the portal queues has its state in a database row (an outgoing
mail, a certificate, an export) and a beat sweep that re-sends rows left
waiting. So a message that cannot be published now is not lost: the row
waits and the sweep sends it once the broker is back. Publishing is tried
once, with short timeouts (settings: CELERY_BROKER_TRANSPORT_OPTIONS), so a
request never hangs on a dead Redis.
"""

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def enqueue(task, *args) -> bool:
    """Publish ``task(*args)`` now; False (and a warning) if the broker cannot take it."""
    try:
        task.apply_async(args, retry=False)
    except Exception:  # noqa: BLE001 - any broker error means "the sweep will send it"
        logger.warning("Could not queue %s%r; its sweep will send it later", task.name, args)
        return False
    return True


def enqueue_on_commit(task, *args) -> None:
    """Publish ``task(*args)`` once the surrounding transaction has committed."""
    transaction.on_commit(lambda: enqueue(task, *args))
