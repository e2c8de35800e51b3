"""Registering a team. The service has the last word; the form checks the
same rules first so each message lands next to the field it is about."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from volunteers.people.forms import TownshipField
from volunteers.places.models import County
from volunteers.teams.models import Team


def _label(name: str):
    return capfirst(Team._meta.get_field(name).verbose_name)


class CountyField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class TeamRegisterForm(forms.Form):
    name = forms.CharField(
        label=_("Team name"),
        max_length=80,
        help_text=_("For example: Langhe Town Water Guardians."),
    )
    county = CountyField(
        label=_label("county"),
        queryset=County.objects.order_by("code"),
        empty_label=_("Choose a county"),
    )
    township = TownshipField(
        label=_label("township"),
        required=False,
        help_text=_("Leave empty if the team works across the whole county."),
    )
    description = forms.CharField(
        label=_label("description"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What the team does, where and how often. Everyone can read it."),
    )
    contact = forms.CharField(
        label=_label("contact"),
        max_length=200,
        required=False,
        help_text=_("Phone, WeChat group or meeting place; only members see it."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["township"].refresh_choices(gettext("Whole county"))

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if Team.objects.filter(name__iexact=name).exists():
            raise forms.ValidationError(_("A team with this name already exists."))
        return name

    def clean(self):
        cleaned = super().clean()
        county, township = cleaned.get("county"), cleaned.get("township")
        if county and township and township.county_id != county.pk:
            self.add_error("township", _("The township is not in the chosen county."))
        return cleaned
