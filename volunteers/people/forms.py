"""The volunteer's own details, asked at sign-up and edited on /me/profile/.

Real name and mobile number are optional and private (PIPL): the help texts
say who sees them, so people can decide what to give. No national ID number
is ever asked for.
"""

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from volunteers.choices import Skill
from volunteers.people.models import JoinAlerts, NotifyBy, VolunteerProfile
from volunteers.people.phones import phone_normalise
from volunteers.places.models import Township


def _label(name: str):
    return capfirst(VolunteerProfile._meta.get_field(name).verbose_name)


def township_choices(empty_label) -> list:
    """Townships grouped under their county (one query), names in the current language."""
    groups: dict[int, tuple[str, list]] = {}
    for township in Township.objects.select_related("county").order_by("county__code", "code"):
        group = groups.setdefault(township.county_id, (township.county.name, []))
        group[1].append((township.pk, township.name))
    return [("", empty_label), *groups.values()]


class TownshipField(forms.ModelChoiceField):
    """A township select grouped by county.

    Call ``refresh_choices`` in the form's ``__init__``: names follow the request's language.
    """

    def __init__(self, **kwargs):
        super().__init__(queryset=Township.objects.all(), **kwargs)

    def refresh_choices(self, empty_label):
        self.choices = township_choices(empty_label)


class TelInput(forms.TextInput):
    input_type = "tel"


class MobileField(forms.CharField):
    """A mainland mobile number, cleaned to E.164; spaces, dashes and +86 are forgiven.

    allauth's sign-up, sign-in and sign-in-by-code forms use it too
    (``phone_form_field``), so every form says the same thing about a bad number.
    """

    widget = TelInput

    def __init__(self, **kwargs):
        kwargs.pop("validators", None)  # allauth passes its own E.164 check
        kwargs.pop("widget", None)
        kwargs.setdefault("label", _("Mobile number"))
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return phone_normalise(value) if value else value

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update(
            maxlength="20",
            inputmode="tel",
            autocomplete="tel",
            placeholder="13800138000",
        )
        return attrs


def current_language() -> str:
    language = translation.get_language() or settings.LANGUAGE_CODE
    codes = [code for code, _name in settings.LANGUAGES]
    return language if language in codes else settings.LANGUAGE_CODE


class ProfileFieldsForm(forms.Form):
    """The fields a volunteer gives at sign-up; the profile page adds preferences."""

    display_name = forms.CharField(
        label=_label("display_name"),
        max_length=40,
        help_text=_("Shown publicly instead of your real name."),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    real_name = forms.CharField(
        label=_label("real_name"),
        max_length=40,
        required=False,
        help_text=_("Optional. Only you, your team leaders and staff see it."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    home_township = TownshipField(
        label=_label("home_township"),
        required=False,
        help_text=_("Helps leaders suggest teams and events near you."),
    )
    skills = forms.MultipleChoiceField(
        label=_label("skills"),
        choices=Skill.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "choice-grid"}),
        help_text=_("Tick anything you can offer; leaders may ask you to help with it."),
    )
    # Not required: a form posted without it (a script, an old page) gets the page's language.
    language = forms.ChoiceField(
        label=_label("language"), choices=settings.LANGUAGES, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["home_township"].refresh_choices(gettext("Choose a township"))
        if "language" not in self.initial:
            self.initial["language"] = current_language()

    def clean_language(self):
        return self.cleaned_data.get("language") or current_language()

    def clean_display_name(self):
        value = self.cleaned_data["display_name"].strip()
        if not value:
            raise forms.ValidationError(_("Enter the name others will see."))
        return value

    def profile_data(self) -> dict:
        """Cleaned values under the profile's field names, ready for the services."""
        data = {name: self.cleaned_data[name] for name in ProfileFieldsForm.base_fields}
        data["real_name"] = data["real_name"].strip()
        return data


def consent_field() -> forms.BooleanField:
    return forms.BooleanField(
        required=True,
        error_messages={"required": _("Please accept the privacy notice to continue.")},
    )


def consent_label():
    return format_html(
        gettext('I have read and accept the <a href="{url}" target="_blank">privacy notice</a>.'),
        url=reverse("volunteers:privacy"),
    )


class ProfileForm(ProfileFieldsForm):
    """/me/profile/. Someone without a profile yet (an account made by staff)
    must accept the privacy notice before one is created for them."""

    reminders_enabled = forms.BooleanField(label=_label("reminders_enabled"), required=False)
    notify_by = forms.ChoiceField(
        label=_label("notify_by"),
        choices=NotifyBy.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Reminders a day ahead, a place from the waiting list, changes and cancellations."
            " SMS goes to your verified mobile number."
        ),
    )
    show_in_rankings = forms.BooleanField(
        label=_label("show_in_rankings"),
        required=False,
        help_text=_("Only your display name and hours are shown; you can switch it off any time."),
    )

    def __init__(self, *args, needs_consent: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if needs_consent:
            self.fields["consent"] = consent_field()
            self.fields["consent"].label = consent_label()

    @classmethod
    def initial_for(cls, profile: VolunteerProfile) -> dict:
        return {
            "display_name": profile.display_name,
            "real_name": profile.real_name,
            "home_township": profile.home_township_id,
            "skills": list(profile.skills),
            "language": profile.language,
            "reminders_enabled": profile.reminders_enabled,
            "notify_by": profile.notify_by,
            "show_in_rankings": profile.show_in_rankings,
        }

    def profile_data(self) -> dict:
        data = super().profile_data()
        data["reminders_enabled"] = self.cleaned_data["reminders_enabled"]
        data["notify_by"] = self.cleaned_data["notify_by"]
        data["show_in_rankings"] = self.cleaned_data["show_in_rankings"]
        return data


class JoinAlertsForm(forms.Form):
    """A leader's choice of when to hear of join requests (/me/lead/)."""

    join_alerts = forms.ChoiceField(
        label=_label("join_alerts"),
        choices=JoinAlerts.choices,
        widget=forms.RadioSelect,
        help_text=_("By e-mail or SMS, as set for reminders on your profile."),
    )

    def chosen_label(self) -> str:
        return str(JoinAlerts(self.cleaned_data["join_alerts"]).label)


class AccountDeleteForm(forms.Form):
    """Deleting an account cannot be undone: ask for the password and an explicit tick."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account and personal details will be deleted for good."),
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."))
        return password
