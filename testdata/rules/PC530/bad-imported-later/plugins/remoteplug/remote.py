"""The remote client, written for an older host that had a query helper."""

from plugapi import quote_query  # expect: PC530


def query(params: dict[str, str]) -> str:
    return quote_query(params)
