"""allauth's adapter with phone accounts: a volunteer's mobile number is their profile's.

allauth asks the adapter where a phone number lives (``get_phone``/``set_phone``…);
here it is ``VolunteerProfile.phone``, the number the profile always asked for, so it
is never stored twice. Codes and notices go out as text messages through the outbox.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from portal.accounts import AccountAdapter
from portal.sms.services import sms_queue
from volunteers.people.display import person_language
from volunteers.people.forms import MobileField
from volunteers.people.models import VolunteerProfile
from volunteers.people.phones import phone_normalise

STAGES = {
    "allauth.account.stages.PhoneVerificationStage": (
        "volunteers.people.account_stages.PhoneVerificationUnlessEmailVerified"
    ),
    "allauth.account.stages.EmailVerificationStage": (
        "volunteers.people.account_stages.EmailVerificationUnlessPhoneVerified"
    ),
}


class VolunteerAccountAdapter(AccountAdapter):
    def phone_form_field(self, **kwargs):
        return MobileField(**kwargs)

    def clean_phone(self, phone: str) -> str:
        return phone_normalise(phone)

    def get_phone(self, user):
        profile = VolunteerProfile.objects.filter(user=user).only("phone", "phone_verified")
        profile = profile.first()
        if profile is None or not profile.phone:
            return None
        return profile.phone, profile.phone_verified

    def set_phone(self, user, phone: str, verified: bool) -> None:
        # At sign-up the profile does not exist yet: the sign-up form creates it with
        # this number (unverified), right after.
        VolunteerProfile.objects.filter(user=user).update(phone=phone, phone_verified=verified)

    def set_phone_verified(self, user, phone: str) -> None:
        # Called once the code texted to ``phone`` was entered: at sign-up, and when a
        # volunteer changes or adds their number (then the profile still has the old one).
        VolunteerProfile.objects.filter(user=user).update(phone=phone, phone_verified=True)

    def get_user_by_phone(self, phone: str):
        # The sign-in form hands over the number as typed ("138 0013 8000").
        try:
            phone = phone_normalise(phone)
        except ValidationError:
            return None
        return get_user_model().objects.filter(volunteer__phone=phone, is_active=True).first()

    def send_verification_code_sms(self, user, phone: str, code: str, **kwargs) -> None:
        # Sign-up and sign-in codes last equally long (settings), so one text fits both.
        minutes = settings.ACCOUNT_PHONE_VERIFICATION_TIMEOUT // 60
        sms_queue(
            to=phone,
            kind="phone_code",
            params={"code": code, "minutes": minutes},
            language=person_language(user),
        )

    def send_unknown_account_sms(self, phone: str, **kwargs) -> None:
        sms_queue(to=phone, kind="no_account", params={})

    def send_account_already_exists_sms(self, phone: str) -> None:
        sms_queue(to=phone, kind="account_exists", params={})

    def get_login_stages(self) -> list[str]:
        return [STAGES.get(stage, stage) for stage in super().get_login_stages()]
