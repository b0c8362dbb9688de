"""What the assistant says: one conversation flow per feature, channel-agnostic.

Importing this package registers every flow with the engine.
"""

from handlers import intake, onboarding, organiser, paging, progress, registration, reports, tasks  # noqa: F401
