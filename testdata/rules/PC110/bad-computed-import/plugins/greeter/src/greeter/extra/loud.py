import sys

sys.stdout.write("LOUD\n")  # expect: PC110
