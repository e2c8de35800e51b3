from .events import Event, Signup
from .people import PRIVACY_NOTICE_VERSION, VolunteerProfile
from .places import County, Township
from .teams import Membership, Team

__all__ = [
    "PRIVACY_NOTICE_VERSION",
    "County",
    "Event",
    "Membership",
    "Signup",
    "Team",
    "Township",
    "VolunteerProfile",
]
