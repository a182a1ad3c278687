"""A vendored namespace inside biglib."""
