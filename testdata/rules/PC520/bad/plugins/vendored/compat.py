class BasePlugin:
    """A copy of demo_api.BasePlugin, kept 'for compatibility'."""
