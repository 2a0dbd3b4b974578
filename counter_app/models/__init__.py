"""SQLAlchemy models: one aggregate per module. No Qt, no printing."""

from counter_app.models.audit import AuditEntry
from counter_app.models.base import Base, catalog_id, new_id
from counter_app.models.calendar import DeclaredDay
from counter_app.models.cashup import CashShift, CashShiftReceipt
from counter_app.models.catalog import (
    Agency,
    AgencyName,
    Procedure,
    ProcedureVersion,
    Unit,
    VersionDocument,
    VersionStep,
)
from counter_app.models.citizen import Complaint, ComplaintRule, Rating
from counter_app.models.digitisation_report import DigitisationDossier
from counter_app.models.dossier import Dossier, DossierDocument
from counter_app.models.event import EVENT_SCHEMA_VERSION, Desk, Event
from counter_app.models.fees import (
    EReceiptMessage,
    FeeExemption,
    FeePayment,
    FeeSettings,
    ReceiptCounter,
    ReceiptLease,
    StatementLineSeen,
)
from counter_app.models.numbering import DossierCounter
from counter_app.models.officer import Officer
from counter_app.models.portal import PortalMessage
from counter_app.models.queue import QueueCall, QueueLink, QueueService, QueueTicket
from counter_app.models.report import ReportCount, ReportDossier, ReportPause, ReportStep
from counter_app.models.sync import CodeNumber, SyncState

__all__ = [
    "EVENT_SCHEMA_VERSION",
    "Agency",
    "AuditEntry",
    "CashShift",
    "CashShiftReceipt",
    "CodeNumber",
    "Complaint",
    "EReceiptMessage",
    "FeeExemption",
    "FeePayment",
    "FeeSettings",
    "ReceiptCounter",
    "ReceiptLease",
    "StatementLineSeen",
    "ComplaintRule",
    "AgencyName",
    "Base",
    "DeclaredDay",
    "DigitisationDossier",
    "Desk",
    "Dossier",
    "DossierCounter",
    "DossierDocument",
    "Event",
    "Officer",
    "PortalMessage",
    "Procedure",
    "ProcedureVersion",
    "QueueCall",
    "QueueLink",
    "QueueService",
    "QueueTicket",
    "Rating",
    "ReportCount",
    "ReportDossier",
    "ReportPause",
    "ReportStep",
    "SyncState",
    "Unit",
    "VersionDocument",
    "VersionStep",
    "catalog_id",
    "new_id",
]
