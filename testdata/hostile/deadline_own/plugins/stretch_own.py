"""Finds its own deadline page (the driver's channel, up the stack) and writes a deadline far
in the future into it, then sleeps 60 s at import where the host allows 1 s. The server reads
the step's end from that page only, so it never kills the plugin: the run waits the whole
60 s (a plugin that never returned would hang the run), and the step is reported as timed
out by the driver itself, without the stack the server's kill would have dumped."""

import struct
import sys
import time


def _own_page():
    frame = sys._getframe()
    while frame is not None:
        channel = getattr(frame.f_locals.get("self"), "channel", None)
        page = getattr(channel, "shared", None)
        if page is not None:
            return page
        frame = frame.f_back
    return None


_page = _own_page()
if _page is not None:
    _page[0:8] = struct.pack("d", 1e12)
time.sleep(60)


class P:
    def init(self, config):
        pass

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
