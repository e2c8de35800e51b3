"""A volunteer's profile. Real name and phone are private (PIPL): only the
volunteer, their team leaders and staff may see them."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from volunteers.choices import Skill

PRIVACY_NOTICE_VERSION = "2026-11"

mainland_mobile = RegexValidator(
    r"^1[3-9]\d{9}$",
    _("Enter an 11-digit mainland China mobile number, e.g. 13800138000."),
)


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
    phone = models.CharField(
        _("mobile number"), max_length=11, blank=True, validators=[mainland_mobile]
    )
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
    show_in_rankings = models.BooleanField(
        _("show my display name in public rankings"), default=False
    )
    privacy_notice_version = models.CharField(_("privacy notice accepted"), max_length=20)
    privacy_accepted_at = models.DateTimeField(_("accepted at"))
    created_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")

    def __str__(self):
        return self.display_name

    def get_skills_display(self) -> list[str]:
        labels = dict(Skill.choices)
        return [str(labels[s]) for s in self.skills if s in labels]
