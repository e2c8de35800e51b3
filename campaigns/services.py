"""Everything that changes state in campaigns, and how progress is computed.

Functions are keyword-only and named ``<thing>_<action>``. They raise
``ServiceError`` (a ValidationError with a message for the person) when the
request makes no sense and ``PermissionDenied`` when the person may not do it.
"""

from __future__ import annotations

import datetime
import unicodedata

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from wagtail.models import Locale

from campaigns.canonical import canonical_campaign
from campaigns.choices import CampaignStatus
from campaigns.models import CampaignPage, Pledge
from campaigns.models.pledges import DISPLAY_NAME_MAX
from portal.base_url import absolute_url
from portal.errors import ServiceError
from portal.limits import allowance_use
from portal.mail import mail_queue_template

# Pledges without an account, per IP address and hour. The address is
# REMOTE_ADDR: the reverse proxy in front of the app must put the client's
# address there (README, "Production"); behind a proxy that does not, every
# visitor would share one limit.
ANON_PLEDGES_PER_WINDOW = 5
ANON_PLEDGE_WINDOW_SECONDS = 60 * 60
PLEDGES_PER_CAMPAIGN_PER_DAY = 3

# Characters that reorder or hide text: a name could otherwise disguise itself.
INVISIBLE_CONTROLS = frozenset(
    "\u200b\u200c\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
)


class PledgeRateLimited(ServiceError):
    """Too many pledges from one address: try again later."""


# --- Pledges ------------------------------------------------------------------------


def display_name_clean(value: str) -> str:
    """A visitor's public name: 1–40 visible characters, inner spaces collapsed."""
    name = (value or "").strip()
    if any(
        unicodedata.category(char) in ("Cc", "Cs") or char in INVISIBLE_CONTROLS for char in name
    ):
        raise ServiceError(
            _("The name contains invisible or control characters; please type it again.")
        )
    name = " ".join(name.split())
    if not name:
        raise ServiceError(_("Enter the name to show with your pledge."))
    if len(name) > DISPLAY_NAME_MAX:
        raise ServiceError(
            _("Keep the name to %(max)d characters or fewer (it has %(n)d).")
            % {"max": DISPLAY_NAME_MAX, "n": len(name)}
        )
    return name


def ip_fingerprint(ip_address: str) -> str:
    """A salted hash of the address: enough to count and compare, useless to read back."""
    return salted_hmac(
        "qingshui.campaigns.pledge-ip", ip_address or "unknown", algorithm="sha256"
    ).hexdigest()


def _rate_limit_hit(ip_hash: str) -> None:
    allowed = allowance_use(
        "pledge-anonymous",
        ip_hash,
        limit=ANON_PLEDGES_PER_WINDOW,
        seconds=ANON_PLEDGE_WINDOW_SECONDS,
    )
    if not allowed:
        raise PledgeRateLimited(
            _(
                "Many pledges have come from your network in the last hour. "
                "Please try again later, or sign in to pledge with your account."
            )
        )


def _limit_repledges(user, campaign: CampaignPage) -> None:
    """Withdrawing and pledging again sends a mail each time: a few times a day at most."""
    since = timezone.now() - datetime.timedelta(days=1)
    made = Pledge.objects.for_campaign(campaign).filter(user=user, created_at__gte=since)
    if made.count() >= PLEDGES_PER_CAMPAIGN_PER_DAY:
        raise ServiceError(
            _("You have pledged on this campaign %(n)d times today; you can pledge again tomorrow.")
            % {"n": PLEDGES_PER_CAMPAIGN_PER_DAY}
        )


def _check_open(campaign: CampaignPage) -> None:
    if not campaign.takes_pledges:
        raise ServiceError(_("This campaign does not ask for pledges."))
    status = campaign.status
    if status == CampaignStatus.UPCOMING:
        raise ServiceError(
            _("Pledging opens when the campaign starts on %(date)s.")
            % {"date": campaign.start_date.isoformat()}
        )
    if status == CampaignStatus.FINISHED:
        raise ServiceError(_("This campaign has finished, so it no longer takes pledges."))


def _profile_name(user) -> str:
    profile = getattr(user, "volunteer", None)
    return profile.display_name if profile else ""


def pledge_make(
    *, campaign: CampaignPage, user=None, display_name: str = "", ip_address: str = ""
) -> Pledge:
    """Pledge on a running campaign, with an account or as a named visitor.

    One active pledge per account and campaign (the database refuses a
    second). Visitors are rate-limited per address. Account holders get a
    confirmation e-mail, queued in the same transaction as the pledge.
    """
    _check_open(campaign)
    if user is not None and not user.is_authenticated:
        user = None
    if user is None:
        name = display_name_clean(display_name)
        ip_hash = ip_fingerprint(ip_address)
        _rate_limit_hit(ip_hash)
    else:
        name, ip_hash = _profile_name(user), ""
        _limit_repledges(user, campaign)
    already = ServiceError(_("You have already made this pledge. Thank you!"))
    with transaction.atomic():
        target = canonical_campaign(campaign)
        if user is not None:
            mine = Pledge.objects.for_campaign(campaign).filter(
                user=user, withdrawn_at__isnull=True
            )
            if mine.exists():
                raise already
        try:
            with transaction.atomic():
                pledge = Pledge.objects.create(
                    campaign=target, user=user, display_name=name, ip_hash=ip_hash
                )
        except IntegrityError:  # a double click that raced the check above
            raise already from None
        if user is not None and user.email:
            _confirm_by_mail(user=user, campaign=campaign)
    return pledge


def pledge_withdraw(*, pledge: Pledge, user=None) -> Pledge:
    """Take a pledge back; it stops counting at once. Only its maker may do so."""
    with transaction.atomic():
        pledge = Pledge.objects.select_for_update().get(pk=pledge.pk)
        if pledge.user_id is not None and (user is None or pledge.user_id != user.pk):
            raise PermissionDenied
        if pledge.withdrawn_at is not None:
            raise ServiceError(_("This pledge has already been withdrawn."))
        pledge.withdrawn_at = timezone.now()
        pledge.save(update_fields=["withdrawn_at"])
    return pledge


def pledge_hide(*, pledge: Pledge, hidden: bool) -> Pledge:
    """Staff hide a pledge (an offensive name, spam) or show it again."""
    pledge.hidden_at = timezone.now() if hidden else None
    pledge.save(update_fields=["hidden_at"])
    return pledge


def _confirm_by_mail(*, user, campaign: CampaignPage) -> None:
    profile = getattr(user, "volunteer", None)
    language = profile.language if profile else settings.LANGUAGE_CODE
    shown = campaign
    locale = Locale.objects.filter(language_code=language).first()
    if locale is not None and locale.pk != campaign.locale_id:
        translated = campaign.get_translation_or_none(locale)
        if translated is not None and translated.live:
            shown = translated
    parts = shown.get_url_parts()
    path = parts[2] if parts else "/"
    prefix = "" if language == settings.LANGUAGE_CODE else f"/{language}"
    with translation.override(language):
        mail_queue_template(
            to=user.email,
            template_prefix="campaigns/email/pledge_confirmed",
            context={
                "name": profile.display_name if profile else user.get_username(),
                "campaign": shown,
                "campaign_url": absolute_url(path),
                "pledge_count": Pledge.objects.active().for_campaign(campaign).count(),
                "site_url": absolute_url(prefix),
            },
            language=language,
        )
