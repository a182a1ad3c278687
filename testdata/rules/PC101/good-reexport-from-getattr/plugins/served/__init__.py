"""Re-exports setup, which impl serves through its module __getattr__."""

from .impl import setup
