"""``warnings.catch_warnings()`` swallows no exception: ``quiet.loud`` runs, and its failure
fails the import."""

import warnings

from .impl import new

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from . import loud

__all__ = ["new", "loud"]
