"""A host package; its submodules are imported by the host, not here."""
