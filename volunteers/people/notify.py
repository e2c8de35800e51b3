"""Messages to volunteers, written to the outbox in the caller's transaction.

Each message is rendered in the recipient's language from
``templates/volunteers/email/<kind>_{subject.txt,message.txt,message.html}``.
"""

from django.conf import settings
from django.utils import translation

from portal.base_url import absolute_url
from portal.mail import mail_queue_template
from volunteers.people.display import person_language, person_name


def notify(*, user, kind: str, **context) -> None:
    if not user.email:
        return
    language = person_language(user)
    with translation.override(language):
        # The site in the recipient's language; templates append paths without a prefix
        # to it, or pass reversed URLs (which carry the prefix) to the public_url filter.
        prefix = "" if language == settings.LANGUAGE_CODE else f"/{language}"
        mail_queue_template(
            to=user.email,
            template_prefix=f"volunteers/email/{kind}",
            context={"name": person_name(user), "site_url": absolute_url(prefix), **context},
            language=language,
        )
