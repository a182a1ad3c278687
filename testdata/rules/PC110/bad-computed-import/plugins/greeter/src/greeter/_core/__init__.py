"""The plugin's internals."""
