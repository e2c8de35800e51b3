"""The volunteer part of allauth's sign-up form.

allauth validates the whole form (account fields and these) before it saves
anything, so a missing consent or a bad phone number creates no account.
"""

from volunteers.people.forms import ProfileFieldsForm, consent_field, consent_label
from volunteers.people.services import profile_create


class VolunteerSignupForm(ProfileFieldsForm):
    field_order = [
        "email",
        "password1",
        "password2",
        "display_name",
        "real_name",
        "phone",
        "home_township",
        "skills",
        "language",
        "consent",
    ]

    consent = consent_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = consent_label()

    def signup(self, request, user):
        """Called by allauth once the account exists; records which notice was accepted."""
        profile_create(user=user, **self.profile_data())
