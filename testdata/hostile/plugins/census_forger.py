# Leaves a daemon running in a session of its own, hidden from its own census.  # expect: PC410
"""The group kill misses the daemon (a new session), and the plugin blanks its own process's
census of child processes, so the leak check after shutdown() and at the host's exit reports
nothing: the census is the plugin's own word. The fork server, which sweeps the daemon after
the plugin's process ends, finds it in the plugin's pids cgroup, outside its process group:
PC410 from outside (red team red32; before, "All checks passed"). Its second shutdown() raises
on purpose, a warning (PC409): a failed step dropped that PC410 as "its error already", and
under fail-on = "error" the run passed (red team red45)."""

import subprocess
import sys


class P:
    down = False

    def init(self, config):
        subprocess.Popen(["sleep", "30"], start_new_session=True)
        for name, module in list(sys.modules.items()):
            if name.startswith("_plugcheck_worker"):
                for attr in ("children", "_children"):
                    if hasattr(module, attr):
                        setattr(module, attr, lambda: set())

    def run(self):
        pass

    def shutdown(self, timeout):  # expect: PC409
        if self.down:
            raise RuntimeError("already shut down")
        self.down = True


def new():
    return P()
