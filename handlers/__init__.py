"""What the assistant says: one conversation flow per feature, channel-agnostic.

Importing this package registers every flow with the engine.
"""

from handlers import (  # noqa: F401
    intake,
    linking,
    meetings,
    nudges,
    onboarding,
    organiser,
    paging,
    progress,
    registration,
    reminders,
    reports,
    tasks,
)
