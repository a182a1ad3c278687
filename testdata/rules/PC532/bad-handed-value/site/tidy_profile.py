"""Settings the host has."""

PROFILE = {"line_length": 100, "multi_line_output": 3}
