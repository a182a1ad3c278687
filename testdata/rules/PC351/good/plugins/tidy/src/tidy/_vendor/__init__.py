"""Third-party code shipped with the plugin."""
