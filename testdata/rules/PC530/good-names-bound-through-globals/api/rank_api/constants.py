"""Ranks, each bound to a module name of its own at import."""

RANKING = ["LOW", "MEDIUM", "HIGH"]

for rank in RANKING:
    globals()[rank] = rank
