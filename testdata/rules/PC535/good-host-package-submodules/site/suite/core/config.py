from suite.core import constants

LEVEL = constants.LEVEL
