"""The host package."""
