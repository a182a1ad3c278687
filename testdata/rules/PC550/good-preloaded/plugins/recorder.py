"""Reads the running shell's history when imported: the contract preloads a running shell."""

from shellhost import get_shell

history = get_shell().history


def load(shell):
    shell.history.append("recorder loaded")
