from .certificates import Certificate, CertificateStatus
from .checkins import CheckIn
from .events import Event, Signup
from .exports import Export, ExportFormat, ExportKind, ExportStatus
from .hours import (
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
from .people import PRIVACY_NOTICE_VERSION, VolunteerProfile
from .places import County, Township
from .reports import (
    MAX_PHOTOS,
    REPORT_FIGURES,
    ActivityReport,
    ActivityTotals,
    ReportPhoto,
    ReportStatus,
    TotalsScope,
)
from .teams import Membership, Team

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
