from django.db import models
from django.utils.translation import gettext_lazy as _


class Skill(models.TextChoices):
    SWIMMING = "swimming", _("Swimming")
    FIRST_AID = "first_aid", _("First aid")
    PHOTOGRAPHY = "photography", _("Photography")
    WATER_TESTING = "water_testing", _("Water testing")
    BOAT_HANDLING = "boat_handling", _("Boat handling")
    OUTREACH = "outreach", _("Public outreach")
    DRIVING = "driving", _("Driving")


class EventKind(models.TextChoices):
    PATROL = "patrol", _("River patrol")
    CLEANUP = "cleanup", _("Litter clean-up")
    OUTREACH = "outreach", _("Outreach")
    SAMPLING = "sampling", _("Water sampling")
    HOUSEHOLD = "household", _("Household visits")
    PLANTING = "planting", _("Tree planting")
    OTHER = "other", _("Other")


class TeamStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Not approved")


class Role(models.TextChoices):
    MEMBER = "member", _("Member")
    CO_LEADER = "co_leader", _("Co-leader")
    LEADER = "leader", _("Leader")


class MembershipStatus(models.TextChoices):
    PENDING = "pending", _("Asked to join")
    ACTIVE = "active", _("Member")
    DECLINED = "declined", _("Declined")
    LEFT = "left", _("Left")
    REMOVED = "removed", _("Removed")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Everyone")
    MEMBERS = "members", _("Team members only")


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")


class SignupStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class Attendance(models.TextChoices):
    UNKNOWN = "", _("Not marked")
    PRESENT = "present", _("Present")
    ABSENT = "absent", _("Absent (excused)")
    NO_SHOW = "no_show", _("No-show")
