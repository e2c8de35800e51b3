from volunteers.models.certificates import Certificate, CertificateStatus
from volunteers.models.checkins import CheckIn
from volunteers.models.events import Event, Signup
from volunteers.models.exports import Export, ExportFormat, ExportKind, ExportStatus
from volunteers.models.hours import (
    ChangeAction,
    HoursByCounty,
    HoursByMonth,
    HoursByTeam,
    HoursByTownship,
    HoursByVolunteer,
    RecordSource,
    RecordStatus,
    ServiceRecord,
    ServiceRecordChange,
)
from volunteers.models.people import PRIVACY_NOTICE_VERSION, VolunteerProfile
from volunteers.models.places import County, Township
from volunteers.models.reports import (
    MAX_PHOTOS,
    REPORT_FIGURES,
    ActivityReport,
    ActivityTotals,
    ReportPhoto,
    ReportStatus,
    TotalsScope,
)
from volunteers.models.teams import Membership, Team

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
