"""A host whose plugins register renderers by name when they are imported."""
