class Plugin:
    """Every requirement of its distribution is installed at a version it admits."""
