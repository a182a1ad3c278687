"""The lyrics client, written for mhost 3."""

from __future__ import annotations

from mhost.http import get_session  # expect: PC530


class LyricsClient:
    def __init__(self) -> None:
        self.session = get_session("mhost-lyrics")
