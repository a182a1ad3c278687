"""Says which of its cgroups are the fork server's (a plugcheck-<pid> folder): its processes
together are bounded in memory, weigh as one process on the processors and count against one
pids limit there, in the namespace fallback too (red team red58; before, the fallback's
read-only /sys left it in none: a plugin there could take the machine's memory or starve its
siblings)."""


def _controllers():
    found = set()
    with open("/proc/self/cgroup") as lines:
        for line in lines:
            _, controllers, path = line.rstrip("\n").split(":", 2)
            if "/plugcheck-" in path:
                found.update(controllers.split(",") if controllers else ["unified"])
    return sorted(found & {"memory", "cpu", "pids", "unified"})


class P:
    def init(self, config):  # expect: PC405
        raise RuntimeError(f"cgroups: {_controllers()}")

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
