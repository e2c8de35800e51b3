from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DISPLAY_NAME_MAX = 40


class PledgeQuerySet(models.QuerySet):
    def active(self):
        """Pledges that count: neither withdrawn by their maker nor hidden by staff."""
        return self.filter(withdrawn_at__isnull=True, hidden_at__isnull=True)

    def for_campaign(self, page):
        # Pledges are stored on one page of the campaign; its translations show them too.
        return self.filter(campaign__translation_key=page.translation_key)


class Pledge(models.Model):
    """Someone's promise (承诺) on a campaign, from an account or a named visitor.

    Only a display name is public. A visitor without an account leaves a salted
    hash of their IP address (for rate limiting and abuse review), never the address.
    """

    campaign = models.ForeignKey(
        "campaigns.CampaignPage",
        on_delete=models.CASCADE,
        related_name="pledges",
        verbose_name=_("campaign"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="campaign_pledges",
        verbose_name=_("account"),
    )
    display_name = models.CharField(_("display name"), max_length=DISPLAY_NAME_MAX, blank=True)
    created_at = models.DateTimeField(_("pledged at"), default=timezone.now, db_index=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    hidden_at = models.DateTimeField(
        _("hidden by staff at"),
        null=True,
        blank=True,
        help_text=_("A hidden pledge is neither counted nor shown."),
    )
    ip_hash = models.CharField(_("address fingerprint"), max_length=64, blank=True)

    objects = PledgeQuerySet.as_manager()

    class Meta:
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # Withdrawing keeps the row (and its date); pledging again adds a new one.
            models.UniqueConstraint(
                fields=["campaign", "user"],
                condition=Q(user__isnull=False, withdrawn_at__isnull=True),
                name="pledge_one_active_per_account",
            )
        ]
        indexes = [models.Index(fields=["campaign", "withdrawn_at", "created_at"])]

    def __str__(self):
        return f"{self.display_name or '-'} → {self.campaign_id}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None and self.hidden_at is None

    @property
    def signed_in(self) -> bool:
        return self.user_id is not None
