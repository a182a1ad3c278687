"""Not named as a plugin."""

raise RuntimeError("never imported")
