class Plugin:
    """Loads fine with importlib.metadata; pkg_resources refuses its distribution."""
