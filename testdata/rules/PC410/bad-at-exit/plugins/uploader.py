"""Uploads its report once the host exits, in a process it never waits for."""  # expect: PC410

from __future__ import annotations

import atexit
import subprocess
import sys
from collections.abc import Mapping

from plugapi import ConfigError, Plugin


def _upload() -> None:
    subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"], start_new_session=True)


atexit.register(_upload)  # plugcheck: ignore[PC110]


class Uploader:
    def init(self, config: Mapping[str, str]) -> None:
        if not config.get("greeting"):
            raise ConfigError("greeting must not be empty")

    def run(self) -> None:
        pass

    def shutdown(self, timeout: float) -> None:
        pass


def new() -> Plugin:
    return Uploader()
