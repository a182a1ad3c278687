"""init() declares `config: dict[str, Any]` where the host passes its Settings object, and
indexes it: a dict would take that, the host's Settings is not indexable. What the harness
passes (a dict of the contract's config) is not what this host declares, so the body is judged
with the host's type: an error."""

from __future__ import annotations

from typing import Any

from setapi import Plugin


class Worker:
    def init(self, config: dict[str, Any]) -> None:  # expect: PC204
        self.verbose = config["verbose"]

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        return None


def new() -> Plugin:
    return Worker()
