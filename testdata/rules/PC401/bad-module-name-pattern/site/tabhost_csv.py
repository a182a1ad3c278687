"""A plain module: the host imports packages only."""

raise RuntimeError("never imported")
