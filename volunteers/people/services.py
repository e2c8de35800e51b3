from django.db import transaction
from django.utils import timezone

from portal.pagecache.tags import tags_touch
from volunteers.people.models import PRIVACY_NOTICE_VERSION, VolunteerProfile

PROFILE_FIELDS = (
    "display_name",
    "real_name",
    "phone",
    "home_township",
    "skills",
    "language",
    "reminders_enabled",
    "notify_by",
    "show_in_rankings",
)


@transaction.atomic
def profile_create(*, user, **fields) -> VolunteerProfile:
    """Created at sign-up, with the privacy notice the person accepted."""
    data = {k: v for k, v in fields.items() if k in PROFILE_FIELDS}
    return VolunteerProfile.objects.create(
        user=user,
        privacy_notice_version=PRIVACY_NOTICE_VERSION,
        privacy_accepted_at=timezone.now(),
        **data,
    )


@transaction.atomic
def profile_update(*, profile: VolunteerProfile, **fields) -> VolunteerProfile:
    ranked = profile.show_in_rankings
    if "phone" in fields:
        # Compared with the stored number: a model form has already put the new one on
        # ``profile``. Whoever typed it, only a code sent to it proves it is theirs.
        stored = VolunteerProfile.objects.filter(pk=profile.pk).values_list("phone", flat=True)
        if fields["phone"] != stored.first():
            profile.phone_verified = False
    for name, value in fields.items():
        if name in PROFILE_FIELDS:
            setattr(profile, name, value)
    profile.full_clean(exclude=["user"])
    profile.save()
    if ranked or profile.show_in_rankings:
        # The public ranking shows the new name, or no longer shows them, at once.
        rankings_forget()
    return profile


def rankings_forget() -> None:
    """Forget cached dashboards and pages, whose ranking names volunteers who opted in.

    Called when someone opts out or deletes their account: they leave the
    ranking now, not when the cache expires.
    """
    tags_touch("figures")
