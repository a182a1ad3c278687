"""A runtime hook a frozen app runs before its own code: a data file, never imported here."""

from urllib import urlopen

urlopen("file:///dev/null")
