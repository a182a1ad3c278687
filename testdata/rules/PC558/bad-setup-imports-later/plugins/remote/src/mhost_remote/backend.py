"""The backend the extension registers."""

from __future__ import annotations

from mhost_remote.remote import Handler


class RemoteBackend:
    uri_schemes = ["remote"]

    def __init__(self) -> None:
        self.remote = Handler("localhost")
