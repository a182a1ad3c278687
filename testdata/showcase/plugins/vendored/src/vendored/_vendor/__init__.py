"""Third-party code copied into the plugin "so that it works without the host"."""
