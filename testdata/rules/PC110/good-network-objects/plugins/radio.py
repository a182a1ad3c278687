"""A plugin whose client keeps one HTTP session, built with the class."""

from __future__ import annotations

import requests


class Radio:
    session = requests.Session()

    def run(self) -> str:
        return type(self.session).__name__


def new() -> Radio:
    return Radio()
