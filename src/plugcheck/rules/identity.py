"""Static type identity (placeholder while being written)."""
