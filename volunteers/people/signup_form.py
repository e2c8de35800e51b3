"""The volunteer part of allauth's sign-up form.

allauth adds the account fields (mobile number, e-mail, password) and validates the
whole form before it saves anything, so a missing consent or a bad number creates
no account. A volunteer gives a mobile number, an e-mail address or both.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from volunteers.people.forms import ProfileFieldsForm, consent_field, consent_label
from volunteers.people.services import profile_create


class VolunteerSignupForm(ProfileFieldsForm):
    field_order = [
        "phone",
        "email",
        "password1",
        "password2",
        "display_name",
        "real_name",
        "home_township",
        "skills",
        "language",
        "consent",
    ]

    consent = consent_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = consent_label()

    def clean(self):
        cleaned_data = super().clean()
        fields = ("phone", "email")
        has_error = any(name in self.errors for name in fields)
        if not has_error and not any(cleaned_data.get(name) for name in fields):
            raise forms.ValidationError(
                _("Enter a mobile number or an e-mail address, so you can sign in."),
                code="no_login",
            )
        return cleaned_data

    def signup(self, request, user):
        """Called by allauth once the account exists; records which notice was accepted."""
        profile_create(user=user, phone=self.cleaned_data.get("phone") or "", **self.profile_data())
