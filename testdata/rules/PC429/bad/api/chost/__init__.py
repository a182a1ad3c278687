"""A host whose plugins register renderers at import, by name."""
