from .impl import *  # expect: PC515
