"""new() returns a Worker on one path and falls back to an int on the other: the returns do not
all make a class of the plugin, so the annotation (an int) is what is judged."""

from __future__ import annotations

import os
from collections.abc import Mapping


class Worker:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        return None


def new() -> int:  # expect: PC202
    if os.environ.get("PLUGCHECK_NEVER_SET_XYZ"):
        return Worker()  # type: ignore[return-value]
    return 3
