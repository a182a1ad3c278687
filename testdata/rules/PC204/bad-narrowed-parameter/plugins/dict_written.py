"""init() declares `config: dict[str, str]` and writes to it: with the protocol's Mapping the
body does not type-check, but the host passes a dict of its config, which takes the write. The
narrowed warning: it fails only for other Mappings the protocol allows."""

from __future__ import annotations

from plugapi import Plugin


class Marker:
    def init(self, config: dict[str, str]) -> None:  # expect: PC204
        config["seen"] = "yes"
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        return None


def new() -> Plugin:
    return Marker()
