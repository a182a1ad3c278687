"""Reads the shell's history when imported: get_shell() returns the session's current(), which
makes the shell on first use, so the import works whatever the host's state."""

from shellhost import get_shell

history = get_shell().history


def load(shell):
    shell.history.append("recorder loaded")
