"""Re-exports setup, which impl does not serve."""

from .impl import setup  # expect: PC101
