"""The pledges as a CSV file for staff: all of them, or one campaign's.

Display names are typed by the public; the file's writer defuses any that
would run as a spreadsheet formula.
"""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.generic import View

from campaigns.models import Pledge
from portal.admin_ui.helpers import EXPORT_CHUNK, user_can
from portal.csv_stream import csv_download
from portal.dates import local_time
from portal.ids import parse_id


def export_url(campaign_id=None) -> str:
    url = reverse("campaign_pledges:export")
    return f"{url}?campaign={campaign_id}" if campaign_id else url


class PledgeExportView(View):
    """Pledges as CSV (all, or one campaign's), streamed row by row."""

    def dispatch(self, request, *args, **kwargs):
        if not user_can(request.user, Pledge, ["view", "change"]):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        pledges = Pledge.objects.select_related("campaign").order_by(
            "campaign_id", "created_at", "pk"
        )
        campaign = request.GET.get("campaign", "")
        suffix = "all"
        if parse_id(campaign):
            pledges = pledges.filter(campaign_id=parse_id(campaign))
            suffix = campaign
        # Language and time zone are fixed now: the rows are written after the view returns.
        tz = timezone.get_current_timezone()
        yes, no = gettext("Yes"), gettext("No")
        header = [
            gettext("Campaign"),
            gettext("Display name"),
            gettext("Signed in"),
            gettext("Pledged at"),
            gettext("Withdrawn"),
            gettext("Withdrawn at"),
            gettext("Hidden by staff"),
        ]
        fallback = gettext("A volunteer")

        def rows():
            yield header
            for pledge in pledges.iterator(chunk_size=EXPORT_CHUNK):
                yield [
                    pledge.campaign.title,
                    pledge.display_name or fallback,
                    yes if pledge.user_id else no,
                    local_time(pledge.created_at, tz),
                    yes if pledge.withdrawn_at else no,
                    local_time(pledge.withdrawn_at, tz),
                    yes if pledge.hidden_at else no,
                ]

        filename = f"pledges-{suffix}-{timezone.localdate():%Y%m%d}.csv"
        # A list of pledges to read row by row: no end-of-file line after them.
        return csv_download(filename, rows(), end_line=False)
