"""Imports another module's plugin class, but defines none of its own: the host loads nothing."""  # expect: PC538

from bhost import Plugin


class Settings:
    verbose = False


Base = Plugin
