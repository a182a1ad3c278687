"""A plugin that imports a helper its library renamed in 2.0."""

from helperlib import parse  # expect: PC401

PARSED = parse
