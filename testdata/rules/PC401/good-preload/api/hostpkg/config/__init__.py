"""Configuration (imported by the host before plugins)."""
