"""HTTP helpers for extensions (mhost 4 replaced get_session() with Session)."""

from __future__ import annotations


class Session:
    def __init__(self, user_agent: str) -> None:
        self.user_agent = user_agent
