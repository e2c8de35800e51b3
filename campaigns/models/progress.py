from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from campaigns.choices import GoalKind
from portal.dates import shiyan_today


class GoalUpdate(models.Model):
    """A dated figure for a goal counted by staff, e.g. "276 cars delivered on 2025-12-31".

    The latest update (by date) is the goal's progress; all of them draw its chart.
    """

    goal = models.ForeignKey(
        "campaigns.CampaignGoal",
        on_delete=models.CASCADE,
        related_name="updates",
        verbose_name=_("goal"),
        limit_choices_to={"kind": GoalKind.MANUAL},
    )
    date = models.DateField(_("date"), default=shiyan_today)
    value = models.DecimalField(
        _("figure"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    note = models.CharField(
        _("note"), max_length=200, blank=True, help_text=_("Where the figure comes from.")
    )
    created_at = models.DateTimeField(_("entered at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("entered by"),
        editable=False,
    )

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(value__gte=0), name="goalupdate_value_not_negative")
        ]
        indexes = [models.Index(fields=["goal", "date"])]

    def __str__(self):
        return f"{self.goal} · {self.date:%Y-%m-%d} · {self.value.normalize():f}"

    def clean(self):
        super().clean()
        errors = {}
        if self.date and self.date > shiyan_today():
            errors["date"] = _("The date cannot be in the future.")
        if self.goal_id and self.goal.kind != GoalKind.MANUAL:
            errors["goal"] = _("Only goals counted by staff take progress updates.")
        if errors:
            raise ValidationError(errors)
