"""init() declares `config: Mapping[str, int]` where the host passes a dict of strings, and
counts with a value it does not have: with the host's strings, mypy says `config.get("count",
0) + 1` may add a str to an int, but the contract's config has no "count", so the call adds
0 + 1. The harness's real init() call with the contract's config worked: the static error is
withdrawn to a note."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Loose:
    def init(self, config: Mapping[str, int]) -> None:
        self.count = config.get("count", 0) + 1

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        return None


def new() -> Plugin:
    return Loose()
