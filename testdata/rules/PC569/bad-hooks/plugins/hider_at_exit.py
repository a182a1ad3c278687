# A server in a session of its own, hidden from its own census.  # expect: PC569
"""Starts its server in a session of its own when the host starts and blanks its own process's
census of child processes, as hider.py does, and registers an atexit handler that raises on
purpose: a warning (PC419, the interpreter only prints it; ignored here). That warning's
answer dropped the worker's own look at what the plugin left running (PC569), one warning left,
a pass under fail-on = "error" (red team red50)."""

import atexit
import gc
import subprocess
import sys
import types

from demo_host import hookimpl

for thing in gc.get_objects():  # plugcheck: ignore[PC110]
    if isinstance(thing, types.ModuleType) and thing.__name__.startswith("_plugcheck"):
        for name in ("children", "_children", "strays"):
            if hasattr(thing, name):
                setattr(thing, name, lambda: set())


def _flush():
    raise RuntimeError("cache already closed")  # plugcheck: ignore[PC419]  (a warning: true)


@hookimpl
def demo_startup(config):
    atexit.register(_flush)
    subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"], start_new_session=True)
