# census_forger's daemon, its process ending when the test says (PC410 expected).
"""A daemon in a session of its own, hidden from its own census (as census_forger): once this
plugin's process ends, the daemon is the fork server's child until the server looks at what the
plugin left. Another plugin that ended just before it had its sweep kill the daemon first, and
this one passed (a race, two runs in three at a load of 20)."""

import os
import subprocess
import sys


class P:
    def init(self, config):
        subprocess.Popen(["sleep", "30"], start_new_session=True)
        for name, module in list(sys.modules.items()):
            if name.startswith("_plugcheck_worker"):
                for attr in ("children", "_children"):
                    if hasattr(module, attr):
                        setattr(module, attr, lambda: set())

    def run(self):
        pass

    waited = False

    def shutdown(self, timeout):
        if self.waited:  # the second call (is it idempotent?)
            return
        self.waited = True
        with open(os.path.join(os.path.dirname(__file__), "escaper.fifo"), "rb") as fifo:
            fifo.read()


def new():
    return P()
