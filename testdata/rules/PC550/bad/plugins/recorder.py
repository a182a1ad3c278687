"""Reads the running shell's history when imported: fine in the shell, which runs before it
imports extensions, but the contract sets up no shell, so the import cannot be judged."""

from shellhost import get_shell

history = get_shell().history  # expect: PC550


def load(shell):
    shell.history.append("recorder loaded")
