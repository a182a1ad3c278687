"""What Python 3 needs."""

TEXT = str
