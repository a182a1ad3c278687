"""Connects to the host's signals through the package's binding."""

import pubhost
from pubhost import signals


def register():
    signals.initialized.connect(print)
    pubhost.signals.finalized.connect(print)
