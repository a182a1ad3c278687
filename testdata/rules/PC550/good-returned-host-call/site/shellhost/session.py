"""The host's session state: current() makes the shell on first use, so it is never None."""

_running = None


class Shell:
    def __init__(self):
        self.history = []


def start():
    global _running
    _running = Shell()
    return _running


def current():
    if _running is None:
        return start()
    return _running
