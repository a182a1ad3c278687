"""The plugin's own settings, set by its own modules."""

VERBOSE = False
COMPACT = False
