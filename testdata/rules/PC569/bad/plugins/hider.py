# A helper left running, hidden from its own census.  # expect: PC569
"""Starts a plain helper process in setup() (in its own process group) and blanks its process's
census of child processes first, so the check at the host's exit finds nothing. The worker's
group kill then took the helper, and the worker's look from outside saw it only while it took
to die: a PC569 the scheduler decided. The worker now looks before the group kill (red team
red46)."""

import gc
import subprocess
import sys
import types


def setup(app):
    for thing in gc.get_objects():
        if isinstance(thing, types.ModuleType) and thing.__name__.startswith("_plugcheck"):
            for name in ("children", "_children", "strays"):
                if hasattr(thing, name):
                    setattr(thing, name, lambda: set())
    subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    return {"version": "1.0", "parallel_read_safe": True}
