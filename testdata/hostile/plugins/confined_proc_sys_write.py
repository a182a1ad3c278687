"""Opens for writing what would take over the machine or its run as root without Landlock's
write rules: the kernel's core pattern (a program run as full root on the next crash), the
SysRq trigger, the page cache, and the fork server's OOM score (first to be killed)."""

import os

TARGETS = (
    "/proc/sys/kernel/core_pattern",
    "/proc/sysrq-trigger",
    "/proc/sys/vm/drop_caches",
    f"/proc/{os.getppid()}/oom_score_adj",
)


class P:
    def init(self, config):  # expect: PC405
        opened = []
        for path in TARGETS:
            try:
                os.close(os.open(path, os.O_WRONLY))  # opened only: nothing is written
                opened.append(path)
            except OSError:
                pass
        raise RuntimeError(f"opened: {opened}")

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
