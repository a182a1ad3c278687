"""Reads the shell when the host calls load(), not when it imports the module."""

from shellhost import get_shell


def load(shell):
    history = get_shell().history
    history.append("recorder loaded")
