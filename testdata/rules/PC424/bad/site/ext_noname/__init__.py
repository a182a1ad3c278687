"""A compute extension."""

VERSION = "2"
