# Leaves a daemon running in a session of its own, hidden from its own census.  # expect: PC410
"""census_forger.py's daemon and blanked census, with an atexit handler that raises on purpose
instead of a second shutdown(): a warning (PC419, the interpreter only prints it). A step
that failed with only a warning (an atexit handler's or a finalizer's exception) dropped the
fork server's PC410 as "its error already", and under fail-on = "error" the run passed (red
team red50)."""

import atexit
import subprocess
import sys


def _flush():
    raise RuntimeError("cache already closed")  # expect: PC419


class P:
    def init(self, config):
        subprocess.Popen(["sleep", "30"], start_new_session=True)
        atexit.register(_flush)
        for name, module in list(sys.modules.items()):
            if name.startswith("_plugcheck_worker"):
                for attr in ("children", "_children"):
                    if hasattr(module, attr):
                        setattr(module, attr, lambda: set())

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
