"""A compute extension."""  # expect: PC422

VERSION = "2"
