"""lhost 2's tokens, imported only by Checker.legacy()."""

from lhost.util import old_tokens  # expect: PC530

TOKENS = old_tokens()
