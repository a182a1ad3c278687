"""A healthy format plugin."""

FILE_TYPES = ["xlsx"]
