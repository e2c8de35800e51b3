"""allauth integration: account e-mails go through the outbox, not straight to SMTP."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.utils.translation import get_language

from portal.base_url import absolute_url
from portal.mail import mail_queue


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        request = self.request
        # Links in the mail lead to the site in the language the person is using now.
        language = get_language() or settings.LANGUAGE_CODE
        prefix = "" if language == settings.LANGUAGE_CODE else f"/{language}"
        ctx = {"request": request, "email": email, "site_url": absolute_url(prefix)}
        ctx.update(context)
        message = self.render_mail(template_prefix, email, ctx)
        html_body = next(
            (
                body
                for body, mimetype in getattr(message, "alternatives", [])
                if mimetype == "text/html"
            ),
            "",
        )
        if message.content_subtype == "html":
            html_body, text_body = message.body, ""
        else:
            text_body = message.body
        mail_queue(
            to=email,
            subject=message.subject,
            text_body=text_body,
            html_body=html_body,
            kind=template_prefix,
        )
