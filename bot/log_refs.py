"""How a log line names a chat: by a pseudonym, never by its Telegram or Zalo id.

Chat and user ids are personal data (they find the person), and logs travel further than the
database. The pseudonym is a keyed hash with a key made at start: lines of one process about
the same chat match each other, and nobody can turn one back into the id, even by trying every
possible Telegram id.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

_KEY = secrets.token_bytes(16)


def chat_ref(channel: str, chat_id: str | int) -> str:
    """'telegram#3f9a0c1d': stable within this process, meaningless outside it."""
    digest = hmac.new(_KEY, f"{channel}:{chat_id}".encode(), hashlib.sha256).hexdigest()
    return f"{channel}#{digest[:8]}"
