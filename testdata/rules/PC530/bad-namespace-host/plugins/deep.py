"""Imports a module below a subpackage that does not exist."""

import nshost.signals.old  # expect: PC530

OLD = nshost.signals.old
