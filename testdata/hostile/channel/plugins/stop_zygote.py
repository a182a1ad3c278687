"""Stops the fork server's zygote (the process that makes the plugin processes: the
server's other child running the worker) from init(). Refused with Landlock's signal scoping;
without it the server finds its zygote lost and makes every later plugin process itself."""
import os
import signal
import time


def _zygote():
    parent = os.getppid()
    with open(f"/proc/{parent}/task/{parent}/children") as handle:
        pids = [int(p) for p in handle.read().split() if int(p) != os.getpid()]
    for pid in pids:
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
                if b"__main__.py" in cmdline.read():
                    return pid
        except OSError:
            continue
    return None


class P:
    def init(self, config):
        pid = _zygote()
        if pid is None:
            raise RuntimeError("no zygote seen")
        try:
            os.kill(pid, signal.SIGSTOP)
        except OSError as exc:
            raise RuntimeError(f"attack refused: {exc}") from None
        time.sleep(0.2)
        raise RuntimeError("zygote stopped")

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
