from volunteers.events.models import Event, Signup
from volunteers.participation.models.checkins import CheckIn
from volunteers.participation.models.hours import (
    ChangeAction,
    RecordSource,
    RecordStatus,
    ServiceRecord,
    ServiceRecordChange,
)
from volunteers.participation.models.reports import (
    MAX_PHOTOS,
    REPORT_FIGURES,
    ActivityReport,
    ActivityTotals,
    ReportPhoto,
    ReportStatus,
    TotalsScope,
)
from volunteers.participation.models.rollups import (
    HoursByCounty,
    HoursByMonth,
    HoursByTeam,
    HoursByTownship,
    HoursByVolunteer,
)
from volunteers.people.models import PRIVACY_NOTICE_VERSION, VolunteerProfile
from volunteers.places.models import County, Township
from volunteers.recognition.models.certificates import Certificate, CertificateStatus
from volunteers.recognition.models.exports import Export, ExportFormat, ExportKind, ExportStatus
from volunteers.teams.models import Membership, Team

__all__ = [
    "REPORT_FIGURES",
    "ActivityTotals",
    "TotalsScope",
    "Certificate",
    "CertificateStatus",
    "ActivityReport",
    "CheckIn",
    "MAX_PHOTOS",
    "ReportPhoto",
    "ReportStatus",
    "ChangeAction",
    "HoursByCounty",
    "HoursByMonth",
    "HoursByTeam",
    "HoursByTownship",
    "HoursByVolunteer",
    "RecordSource",
    "RecordStatus",
    "ServiceRecord",
    "ServiceRecordChange",
    "PRIVACY_NOTICE_VERSION",
    "County",
    "Event",
    "Export",
    "ExportFormat",
    "ExportKind",
    "ExportStatus",
    "Membership",
    "Signup",
    "Team",
    "Township",
    "VolunteerProfile",
]
