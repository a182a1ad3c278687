"""A format plugin whose import fails in the host."""

from tabhost_xlsx import XLSXReader  # expect: PC401
