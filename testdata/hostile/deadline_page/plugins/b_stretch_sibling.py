"""Forked while its sibling runs, it finds the sibling's deadline page in its own copy of the
fork server (the page is a shared mapping every later child inherited) and writes a deadline
far in the future into it during each of its steps, so that the sibling's hanging run() is never timed out.
Before, the sibling's 6 s run() passed; now the child holds no other child's page. It writes
nothing into its own page and passes itself."""

import mmap
import struct
import sys
import time

FAR = struct.pack("d", 1e12)


def _pages():
    frame = sys._getframe()
    while frame is not None:
        server = frame.f_locals.get("self")
        selector = getattr(server, "selector", None)
        if selector is not None and hasattr(server, "jobs"):
            try:
                keys = list(selector.get_map().values())
            except Exception:
                keys = []
            for key in keys:
                page = getattr(key.data, "shared", None)
                if isinstance(page, mmap.mmap) and not page.closed:
                    yield page
        frame = frame.f_back


def _stretch():
    """0.8 s of writing, in every step (each within this plugin's own deadline of 1 s)."""
    pages = list(_pages())
    end = time.monotonic() + 0.8
    while pages and time.monotonic() < end:
        for page in pages:
            try:
                page[0:8] = FAR
            except (ValueError, OSError):
                pass
        time.sleep(0.002)


_stretch()


class P:
    def init(self, config):
        _stretch()

    def run(self):
        _stretch()

    def shutdown(self, timeout):
        _stretch()


def new():
    return P()
