"""A music server that loads extensions from the `mhost.ext` entry points."""

__version__ = "4.0"
