"""Starts the host's session as the host does before it imports its plugins."""

from plugapi import SESSION

SESSION.start()
