"""A volunteer's profile. Real name and phone are private (PIPL): only the
volunteer, their team leaders and staff may see them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from volunteers.choices import Skill
from volunteers.people.phones import mainland_e164, phone_national

PRIVACY_NOTICE_VERSION = "2026-11"


class NotifyBy(models.TextChoices):
    """How time-sensitive news (reminders, waiting-list places, changes) reaches someone."""

    EMAIL = "email", pgettext_lazy("message channel", "E-mail")
    SMS = "sms", _("SMS")
    BOTH = "both", _("E-mail and SMS")


class JoinAlerts(models.TextChoices):
    """When a team leader hears of someone asking to join (by their ``notify_by``)."""

    EACH = "each", _("At once, for each request")
    DAILY = "daily", _("Once a day, at 8:00, if there are new requests")
    OFF = "off", _("Never: I look at my to-do list")


class VolunteerProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="volunteer",
        verbose_name=_("account"),
    )
    display_name = models.CharField(
        _("display name"), max_length=40, help_text=_("Shown publicly instead of your real name.")
    )
    real_name = models.CharField(_("real name"), max_length=40, blank=True)
    # The one place a volunteer's number is kept: allauth signs in with it (E.164).
    phone = models.CharField(
        _("mobile number"), max_length=16, blank=True, validators=[mainland_e164]
    )
    phone_verified = models.BooleanField(_("mobile number verified"), default=False)
    home_township = models.ForeignKey(
        "volunteers.Township",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("home township"),
    )
    skills = models.JSONField(_("skills"), default=list, blank=True)
    language = models.CharField(
        _("language for e-mails"), max_length=10, choices=settings.LANGUAGES, default="zh-hans"
    )
    reminders_enabled = models.BooleanField(_("send me reminders"), default=True)
    notify_by = models.CharField(
        _("reminders and event news by"),
        max_length=10,
        choices=NotifyBy.choices,
        default=NotifyBy.EMAIL,
    )
    join_alerts = models.CharField(
        _("join requests to my teams"),
        max_length=10,
        choices=JoinAlerts.choices,
        default=JoinAlerts.EACH,
    )
    # The newest join request a daily summary has told this leader of, or when they chose
    # daily summaries: the next summary names the requests after it.
    join_digest_sent_at = models.DateTimeField(_("last join summary sent"), null=True, blank=True)
    show_in_rankings = models.BooleanField(
        _("show my display name in public rankings"), default=False
    )
    privacy_notice_version = models.CharField(_("privacy notice accepted"), max_length=20)
    privacy_accepted_at = models.DateTimeField(_("accepted at"))
    created_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        constraints = [
            models.UniqueConstraint(
                fields=["phone"],
                condition=~models.Q(phone=""),
                name="volunteerprofile_phone_unique",
            )
        ]

    def __str__(self):
        return self.display_name

    @property
    def phone_display(self) -> str:
        return phone_national(self.phone)

    def get_skills_display(self) -> list[str]:
        labels = dict(Skill.choices)
        return [str(labels[s]) for s in self.skills if s in labels]
