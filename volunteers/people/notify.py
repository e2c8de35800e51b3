"""Messages to volunteers, written to the outbox in the caller's transaction.

Each e-mail is rendered in the recipient's language from
``templates/volunteers/email/<kind>_{subject.txt,message.txt,message.html}``.
The time-sensitive ones (``SMS_KINDS``) also, or instead, go out as a text message
(``templates/sms/<kind>.txt``), as the volunteer chose in their profile.
"""

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.text import Truncator

from portal.base_url import absolute_url
from portal.mail import mail_queue_template
from portal.sms.services import sms_queue
from volunteers.people.display import person_language, person_name
from volunteers.people.models import NotifyBy

# What may be worth a text message: it changes what someone does in the next day or so,
# or someone waits for a leader's answer.
SMS_KINDS = {
    "event_reminder",
    "waitlist_promoted",
    "event_changed",
    "event_cancelled",
    "join_request",
    "join_requests_digest",
}
# Providers refuse template parameters longer than this.
SMS_PARAM_CHARS = 20


def channels(user, kind: str) -> tuple[bool, bool]:
    """(by e-mail, by SMS) for ``kind`` to ``user``: their choice, where they can be
    reached that way, else the way they can be reached."""
    profile = getattr(user, "volunteer", None)
    email = bool(user.email)
    phone = bool(profile and profile.phone and profile.phone_verified)
    if kind not in SMS_KINDS:
        return email, False
    choice = profile.notify_by if profile else NotifyBy.EMAIL
    by_email = email and choice in (NotifyBy.EMAIL, NotifyBy.BOTH)
    by_sms = phone and choice in (NotifyBy.SMS, NotifyBy.BOTH)
    if not (by_email or by_sms):
        return email, phone and not email
    return by_email, by_sms


def _short(text) -> str:
    return Truncator(str(text)).chars(SMS_PARAM_CHARS)


def _sms_params(kind: str, context: dict) -> dict:
    if kind == "join_request":
        return {"team": _short(context["team"]), "name": _short(context["applicant"])}
    if kind == "join_requests_digest":
        return {"count": str(context["total"])}
    event = context["event"]
    start = timezone.localtime(event.starts_at)
    # "12月8日 09:00": short enough for a parameter, and read at a glance.
    when = f"{formats.date_format(start, 'MONTH_DAY_FORMAT')} {formats.time_format(start, 'H:i')}"
    return {"title": _short(event.title), "when": when, "place": _short(event.township)}


def notify(*, user, kind: str, **context) -> None:
    by_email, by_sms = channels(user, kind)
    language = person_language(user)
    with translation.override(language):
        if by_email:
            # The site in the recipient's language; templates append paths without a
            # prefix to it, or pass reversed URLs (which carry the prefix) to public_url.
            prefix = "" if language == settings.LANGUAGE_CODE else f"/{language}"
            mail_queue_template(
                to=user.email,
                template_prefix=f"volunteers/email/{kind}",
                context={"name": person_name(user), "site_url": absolute_url(prefix), **context},
                language=language,
            )
        if by_sms:
            sms_queue(
                to=user.volunteer.phone,
                kind=kind,
                params=_sms_params(kind, context),
                language=language,
            )
