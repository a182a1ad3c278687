# Pauses its parent process (the host, it assumes) while it works.  # expect: PC426
from __future__ import annotations

import os
import signal
import time
from collections.abc import Mapping

from plugapi import Plugin


class Pauser:
    def init(self, config: Mapping[str, str]) -> None:
        pass

    def run(self) -> None:
        os.kill(os.getppid(), signal.SIGSTOP)
        time.sleep(5)

    def shutdown(self, timeout: float) -> None:
        pass


def new() -> Plugin:
    return Pauser()
