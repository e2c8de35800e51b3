"""Hours certificates (志愿服务证明) and their public verification codes."""

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from volunteers.people.numbers import portal_number


def private_storage():
    return storages["private"]


class CertificateStatus(models.TextChoices):
    PENDING = "pending", _("Being prepared")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Could not be made")
    SUPERSEDED = "superseded", _("Replaced by a newer certificate")


class Certificate(models.Model):
    """A PDF proving a volunteer's approved hours, as they stood when it was issued.

    What the PDF shows is copied here at issue time, so the verification
    page confirms exactly that even after the hours change; a certificate is
    kept until the approved hours change, then a new one (with a new code)
    supersedes it.
    """

    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="certificates",
        verbose_name=_("volunteer"),
    )
    code = models.CharField(_("verification code"), max_length=20, unique=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CertificateStatus.choices,
        default=CertificateStatus.PENDING,
    )
    # A digest of the approved records it was made from: equal digests, same certificate.
    fingerprint = models.CharField(_("records digest"), max_length=64)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    name = models.CharField(_("name on the certificate"), max_length=40)
    total_hours = models.DecimalField(_("approved hours"), max_digits=9, decimal_places=2)
    activities = models.PositiveIntegerField(_("activities"))
    star_level = models.PositiveSmallIntegerField(_("star level"))
    period_start = models.DateField(pgettext_lazy("period", "from"), null=True, blank=True)
    period_end = models.DateField(pgettext_lazy("period", "to"), null=True, blank=True)
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    superseded_at = models.DateTimeField(_("superseded at"), null=True, blank=True)
    # Kept outside MEDIA_ROOT: the PDF carries the real name and is served only to its owner.
    pdf = models.FileField(_("PDF"), upload_to="certificates/", storage=private_storage, blank=True)

    class Meta:
        verbose_name = _("hours certificate")
        verbose_name_plural = _("hours certificates")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["volunteer"],
                condition=models.Q(status__in=["pending", "ready"]),
                name="certificate_one_current_per_volunteer",
            ),
        ]

    def __str__(self):
        return f"{self.code} ({self.status})"

    @property
    def volunteer_number(self) -> str:
        return portal_number(self.volunteer_id)

    @property
    def masked_name(self) -> str:
        """The name as the public verification page shows it: 张*明, 李*."""
        name = self.name.strip()
        if len(name) <= 1:
            return name
        if len(name) == 2:
            return name[0] + "*"
        return name[0] + "*" * (len(name) - 2) + name[-1]
