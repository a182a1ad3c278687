"""Connects to the host's signals through the package's binding, and through the namespace
subpackage pubhost.plugins (a folder)."""

import pubhost
import pubhost.plugins.signals
from pubhost import signals


def register():
    signals.initialized.connect(print)
    pubhost.signals.finalized.connect(print)
    pubhost.plugins.signals.initialized.connect(print)
