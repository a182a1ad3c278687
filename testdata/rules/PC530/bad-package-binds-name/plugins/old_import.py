"""`import pubhost.signals` imports the submodule file, which only raises in version 4."""

import pubhost.signals  # expect: PC530


def register():
    pubhost.signals.initialized.connect(print)
