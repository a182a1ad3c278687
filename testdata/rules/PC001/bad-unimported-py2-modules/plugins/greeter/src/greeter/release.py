# A maintainer's Python 2 release script, shipped in the package by mistake.
import sys

print "releasing", sys.argv[1:]  # expect: PC001
