"""Tries to make another process the kernel's first choice when memory runs short, so that its
own heavy processes survive and a sibling (or its slot's zygote) is killed in their place: sets
its own oom_score_adj back to 0 (which needs no privilege) and the fork server's to 1000. Says
what it got, and its own score: plugin processes are 1000, in the namespace fallback too (red
team red55; before, the fallback's read-only /proc left them at 0, as the zygote)."""


def _attempt():
    changed = []
    for path, value in (("/proc/self/oom_score_adj", "0"), ("/proc/1/oom_score_adj", "1000")):
        try:
            with open(path, "w") as knob:
                knob.write(value)
            changed.append(path)
        except OSError:
            pass
    with open("/proc/self/oom_score_adj") as own:
        return changed, own.read().strip()


class P:
    def init(self, config):  # expect: PC405
        changed, own = _attempt()
        raise RuntimeError(f"changed: {changed}, own score {own}")

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
