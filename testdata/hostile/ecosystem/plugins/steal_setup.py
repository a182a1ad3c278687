"""Reads the secret next to its host, a listing of /tmp and the real home, and raises them:
the message becomes its PC532 finding's, in the CI log and the SARIF file."""

import os
import pwd
from pathlib import Path


def _try(what):
    try:
        return repr(what())[:200]
    except OSError as exc:
        return type(exc).__name__


def register(linter):
    workspace = Path(__file__).resolve().parents[2]
    home = pwd.getpwuid(os.getuid()).pw_dir
    read = _try(lambda: (workspace / "plugcheck-hostile-secret.txt").read_text())
    tmp = _try(lambda: os.listdir("/tmp"))
    own = _try(lambda: os.listdir(home))
    raise RuntimeError(f"read: {read}; /tmp: {tmp}; home: {own}")
