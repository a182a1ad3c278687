"""A shell host: it imports extension modules while its shell runs; get_shell() returns what
the session module's current() gives (None before the host started a shell)."""

from shellhost.session import Shell, current, start

__all__ = ["Shell", "get_shell", "start"]


def get_shell():
    return current()
