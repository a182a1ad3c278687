"""Optional: not built here."""

BUILT = {"pure": True}
SPEEDUPS = BUILT["extras"]
