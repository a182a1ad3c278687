"""The remote client, written for Python 2."""

from urllib import urlencode  # expect: PC558


def query(params: dict[str, str]) -> str:
    return urlencode(params)
