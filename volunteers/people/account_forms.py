"""allauth's sign-up form with the e-mail address optional.

allauth builds its form on ``VolunteerSignupForm`` (the profile fields) and adds the
account fields after it; only then can the address be made optional. The rule that a
number or an address must be given is ``VolunteerSignupForm.clean``.
"""

from allauth.account.forms import SignupForm as AllauthSignupForm
from django.utils.translation import gettext_lazy as _


class SignupForm(AllauthSignupForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        phone, email = self.fields["phone"], self.fields["email"]
        phone.label = _("Mobile number")
        phone.help_text = _(
            "We text you a code to confirm it; you can then sign in with it. Only you,"
            " your team leaders and staff see it."
        )
        email.required = False
        email.help_text = _("Optional if you give a mobile number.")
