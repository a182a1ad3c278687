"""A site generator, version 4: its signals moved to pubhost.plugins.signals; the package binds
the name `signals` to them, so `from pubhost import signals` still works (Pelican's layout)."""

from pubhost.plugins import signals

__all__ = ["signals"]
