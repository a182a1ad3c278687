"""Pauses and resumes a helper process it started itself."""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Mapping

from plugapi import Plugin


class Pauser:
    def init(self, config: Mapping[str, str]) -> None:
        pass

    def run(self) -> None:
        helper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(5)"])
        helper.send_signal(signal.SIGSTOP)
        helper.send_signal(signal.SIGCONT)
        helper.kill()
        helper.wait()

    def shutdown(self, timeout: float) -> None:
        pass


def new() -> Plugin:
    return Pauser()
