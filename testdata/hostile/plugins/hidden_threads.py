"""Starts two threads that never end and hides them from the leak census: one taken out of
``threading._active`` (``threading.enumerate()`` no longer lists it), one marked a daemon after
it started. The host's interpreter waits for both at exit, from its own table, and never exits."""

import threading

STOP = threading.Event()


class P:
    def init(self, config):
        hidden = threading.Thread(target=STOP.wait, name="hidden")
        hidden.start()
        del threading._active[hidden.ident]
        flipped = threading.Thread(target=STOP.wait, name="flipped")
        flipped.start()
        flipped._daemonic = True

    def run(self):
        pass

    def shutdown(self, timeout):  # expect: PC410
        pass


def new():
    return P()
