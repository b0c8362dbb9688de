"""What the assistant says: one conversation flow per feature, channel-agnostic.

Importing this package registers every flow with the engine.
"""

from handlers import onboarding, organiser, paging, registration, tasks  # noqa: F401
