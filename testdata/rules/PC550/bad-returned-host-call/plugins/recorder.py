"""Reads the running shell's history when imported: get_shell() gives what the session's
current() returns, None before the host started a shell."""

from shellhost import get_shell

history = get_shell().history  # expect: PC550


def load(shell):
    shell.history.append("recorder loaded")
