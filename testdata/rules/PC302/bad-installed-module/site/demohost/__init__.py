"""A host that loads extensions by dotted path."""

VERSION = (3, 0)
