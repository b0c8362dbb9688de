"""What the assistant says: one conversation flow per feature, channel-agnostic.

Importing this package registers every flow with the engine, and the intent layer that reads
plain words into them (intents, meeting_answers).
"""

from handlers import (  # noqa: F401
    deadline_request,
    intake,
    intents,
    linking,
    meeting_answers,
    meetings,
    members,
    nudges,
    onboarding,
    open_registration,
    open_registration_admin,
    organiser,
    paging,
    petitions,
    petitions_admin,
    petitions_conclusion,
    progress,
    registration,
    reminders,
    reports,
    tasks,
)
