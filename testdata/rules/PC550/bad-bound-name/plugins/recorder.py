"""Binds the running shell to a name first, then reads its history when imported: the same
read of host state (None before the host started a shell) as get_shell().history."""

from shellhost import get_shell

shell = get_shell()
history = shell.history  # expect: PC550


def load(shell):
    shell.history.append("recorder loaded")
