"""Data beside the module in a folder of its name (no __init__): the module is what the host imports."""

STARTED = "started"
