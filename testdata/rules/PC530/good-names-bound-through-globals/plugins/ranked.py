"""Reads ranks the host binds through globals(), as an attribute and by import."""

import rank_api
from rank_api.constants import HIGH


def check(node):
    return (rank_api.LOW, HIGH)
