"""Imported by run()."""
