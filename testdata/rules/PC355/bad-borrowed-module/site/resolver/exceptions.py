"""Errors of the KMS resolver."""


class ParameterNotFoundError(Exception):
    """Raised when the KMS parameter does not exist."""
