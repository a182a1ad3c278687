"""Hangs at import time."""
import time

time.sleep(3600)  # expect: PC401


def new():
    return None
