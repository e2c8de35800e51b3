"""allauth's sign-in steps for a portal where either a mobile number or an e-mail
address proves who someone is: an account signs in once it has proved one of them."""

from allauth.account.models import EmailAddress
from allauth.account.stages import EmailVerificationStage, PhoneVerificationStage

from volunteers.people.models import VolunteerProfile


def _saved(user) -> bool:
    return user is not None and user.pk is not None


class PhoneVerificationUnlessEmailVerified(PhoneVerificationStage):
    """The code to the number: at sign-up, or at sign-in for an account that has not
    confirmed an address (one that has is never held up by a number typed long ago)."""

    def handle(self):
        user = self.login.user
        signing_in = _saved(user) and not self.login.signup
        if signing_in and EmailAddress.objects.filter(user=user, verified=True).exists():
            return None, True
        return super().handle()


class EmailVerificationUnlessPhoneVerified(EmailVerificationStage):
    """The confirmation link, for accounts that have not proved a number.

    With verification mandatory, allauth would stop an account without any address
    at "confirm your e-mail" for ever, and hold up a volunteer who proved their number
    until they also confirmed an address they gave as optional.
    """

    def handle(self):
        user = self.login.user
        if (
            _saved(user)
            and VolunteerProfile.objects.filter(user=user, phone_verified=True).exists()
        ):
            return None, True
        return super().handle()
