"""Telegram's sending limits as the stand-in enforces them: sliding windows of accepted sends."""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass, field


@dataclass
class SendLimits:
    """Sliding-window counters of accepted sends, overall and per chat."""

    per_second: float
    per_chat_per_second: float
    per_group_per_minute: float
    retry_after: int
    overall: deque[float] = field(default_factory=deque)
    chats: dict[int, deque[float]] = field(default_factory=lambda: defaultdict(deque))

    def admit(self, chat_id: int, now: float) -> bool:
        window, allowed = (60.0, self.per_group_per_minute) if chat_id < 0 else (1.0, self.per_chat_per_second)
        chat = self.chats[chat_id]
        for times, span in ((self.overall, 1.0), (chat, window)):
            while times and times[0] <= now - span:
                times.popleft()
        if len(self.overall) >= self.per_second or len(chat) >= allowed:
            return False
        self.overall.append(now)
        chat.append(now)
        return True
