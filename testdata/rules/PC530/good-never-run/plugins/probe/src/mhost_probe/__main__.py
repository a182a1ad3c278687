"""python -m mhost_probe: the command line, for mhost 3."""

from mhost.sql import crud_params

print(crud_params)
