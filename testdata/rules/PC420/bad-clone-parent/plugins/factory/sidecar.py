"""Starts its sidecar as its parent's child when it is initialised."""

from __future__ import annotations

import ctypes
import os
import platform
from collections.abc import Mapping

from plugapi import ConfigError, Plugin

CLONE_PARENT, SIGCHLD = 0x8000, 17
SYS_CLONE = {"aarch64": 220}.get(platform.machine(), 56)


class Sidecar:
    def init(self, config: Mapping[str, str]) -> None:  # expect: PC420
        if not config.get("greeting"):
            raise ConfigError("greeting must not be empty")
        libc = ctypes.CDLL(None, use_errno=True)
        libc.syscall.restype = ctypes.c_long
        if libc.syscall(SYS_CLONE, CLONE_PARENT | SIGCHLD, 0, 0, 0, 0) == 0:
            os.execv("/bin/sleep", ["sleep", "30"])

    def run(self) -> None:
        pass

    def shutdown(self, timeout: float) -> None:
        pass


def new() -> Plugin:
    return Sidecar()
