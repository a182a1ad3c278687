"""Ends its own process from a finalizer run during init(), after writing fake result lines
on stdout: the exit is reported at the finalizer, the lines are only stdout."""
import json
import os


class Quit:
    def __del__(self):
        os._exit(0)


class P:
    def init(self, config):  # expect: PC405
        for step in ("init", "run", "shutdown"):
            print(json.dumps({"t": "step", "step": step, "outcome": "ok"}), flush=True)  # expect: PC412
        quit_ = Quit()
        del quit_

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
