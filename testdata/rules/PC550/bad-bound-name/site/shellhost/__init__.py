"""A shell host: it imports extension modules while its shell runs, and get_shell() returns
that shell (None before the host started one)."""

_running = None


class Shell:
    def __init__(self):
        self.history = []


def start():
    global _running
    _running = Shell()
    return _running


def get_shell():
    if _running is not None:
        return _running
