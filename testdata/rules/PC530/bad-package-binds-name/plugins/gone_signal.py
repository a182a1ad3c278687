"""Connects to a signal version 4 no longer has."""

from pubhost import signals


def register():
    signals.initialized.connect(print)
    signals.content_written.connect(print)  # expect: PC530
