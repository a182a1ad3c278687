"""Helpers for generator-based coroutines."""

import asyncio

coroutine = asyncio.coroutine  # expect: PC558
