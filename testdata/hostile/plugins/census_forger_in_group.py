# Leaves a plain child running, hidden from its own census.  # expect: PC410
"""census_forger's attack without the new session: the child stays in the plugin's process
group, so the group kill at the end takes it, unreported, and with its own census blanked the
plugin passed ("All checks passed", red team red46). In the host the child outlives the
plugin's calls as any leak does. The fork server looks at the plugin's pids cgroup before its
group kill (Job.left_behind): PC410 from outside."""

import subprocess
import sys


class P:
    def init(self, config):
        subprocess.Popen(["sleep", "30"])
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
