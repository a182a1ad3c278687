"""A compute extension."""

API_NAME = "compute"
