# A server in a session of its own, hidden from its own census.  # expect: PC569
"""Starts its server in a session of its own when the host starts, and blanks its own
process's census of child processes so the check at the host's exit finds nothing there: the
census is the plugin's word. plugcheck's worker, to which the orphaned server comes back once
the plugin's process ends, finds it from outside (red team red32; before, no finding). Its
marked partial is a warning on purpose (PC575, PC572 at run time): an answer that was not a
pass dropped that PC569, one warning left (red team red45)."""

import functools
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


@hookimpl
def demo_startup(config):
    subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"], start_new_session=True)


def _render(page, context):
    return page


demo_render = hookimpl(functools.partial(_render))  # plugcheck: ignore[PC575]
