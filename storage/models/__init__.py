"""The tables. Import this package to register every table on `SQLModel.metadata`."""

from storage.models.base import metadata, saved_id
from storage.models.channels import ChannelInbox, Download, LinkCode, MessageBudget
from storage.models.meetings import AgendaItem, Attendee, Meeting, MeetingUnit, Registration
from storage.models.people import ChannelAccount, Invite, InviteGuess, Member, Unit
from storage.models.petitions import Petition, PetitionMeeting
from storage.models.plans import Deadline, DeadlineUnit, Plan, Task, TaskUnit
from storage.models.runtime import AuditEvent, ConversationState, InboundUpdate, ReminderOutbox

__all__ = [
    "AgendaItem",
    "Attendee",
    "AuditEvent",
    "ChannelAccount",
    "ChannelInbox",
    "ConversationState",
    "Deadline",
    "DeadlineUnit",
    "Download",
    "InboundUpdate",
    "Invite",
    "InviteGuess",
    "LinkCode",
    "Meeting",
    "MeetingUnit",
    "Member",
    "MessageBudget",
    "Petition",
    "PetitionMeeting",
    "Plan",
    "Registration",
    "ReminderOutbox",
    "Task",
    "TaskUnit",
    "Unit",
    "metadata",
    "saved_id",
]
