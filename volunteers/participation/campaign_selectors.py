"""What volunteers did for campaigns, for the campaigns app to count its goals with.

Rows are grouped by the linked campaign's ``translation_key`` (annotated as
``key``), so a campaign page and its translations count the same rows.
"""

from django.db.models import F, QuerySet
from django.db.models.functions import Coalesce

from volunteers.participation.models.hours import RecordStatus, ServiceRecord
from volunteers.participation.models.reports import REPORT_FIGURES, ActivityReport

__all__ = ["REPORT_FIGURES", "approved_hours_for_campaigns", "approved_reports_for_campaigns"]


def approved_hours_for_campaigns(keys) -> QuerySet:
    """Approved service records counted for the campaigns with these translation keys.

    A record counts once: for its event's campaign, else the campaign of its
    event's report, else its own (free-standing) report's. Attributed first,
    filtered after: a record linked to two campaigns counts for one.
    """
    return (
        ServiceRecord.objects.filter(status=RecordStatus.APPROVED)
        .annotate(
            key=Coalesce(
                "event__campaign__translation_key",
                "event__report__campaign__translation_key",
                "report__campaign__translation_key",
            )
        )
        .filter(key__in=keys)
    )


def approved_reports_for_campaigns(keys) -> QuerySet:
    """Approved activity reports that name one of these campaigns."""
    return (
        ActivityReport.objects.approved()
        .filter(campaign__translation_key__in=keys)
        .annotate(key=F("campaign__translation_key"))
    )
