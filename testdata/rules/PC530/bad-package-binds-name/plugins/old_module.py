"""Imports from the submodule file, which version 4 turned into an ImportError."""

from pubhost.signals import initialized  # expect: PC530


def register():
    initialized.connect(print)
