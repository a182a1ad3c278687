"""The host's API: its ranks, re-exported from the constants module."""

from rank_api.constants import *  # noqa: F403
