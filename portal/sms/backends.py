"""Where text messages go, chosen by ``settings.SMS_BACKEND``.

A backend's ``send`` either returns the provider's message id or raises; the
outbox records either. The console backend is the default, so on a developer's
machine sign-up codes appear in the terminal of ``make run``.
"""

import sys
import threading

from django.conf import settings
from django.utils.module_loading import import_string


class SmsBackend:
    def send(self, message) -> str:
        """Send one ``OutgoingSms``; return the provider's id for it."""
        raise NotImplementedError


class ConsoleBackend(SmsBackend):
    """Prints each message (development)."""

    def send(self, message) -> str:
        stream = getattr(self, "stream", None) or sys.stdout
        stream.write(f"SMS to {message.to} [{message.kind}]: {message.text}\n")
        stream.flush()
        return f"console-{message.pk}"


# What the in-memory backend sent, in this process (tests read it like mail.outbox).
sent: list = []
_lock = threading.Lock()


class MemoryBackend(SmsBackend):
    """Keeps each message in ``portal.sms.backends.sent`` (tests)."""

    def send(self, message) -> str:
        with _lock:
            sent.append(message)
        return f"memory-{message.pk}"


def backend_get() -> SmsBackend:
    return import_string(settings.SMS_BACKEND)()
