"""A daemon thread for the host's lifetime, a non-daemon one that finishes its work, and an
executor kept for the plugin's life (the interpreter ends its idle worker at exit)."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from demo_host import hookimpl

POOL = ThreadPoolExecutor(max_workers=1)


def _tick():
    while True:
        time.sleep(0.05)


def _warm():
    time.sleep(0.05)


@hookimpl
def demo_startup(config):
    threading.Thread(target=_tick, daemon=True).start()
    threading.Thread(target=_warm).start()
    POOL.submit(sum, [1, 2]).result()
    return "started"
