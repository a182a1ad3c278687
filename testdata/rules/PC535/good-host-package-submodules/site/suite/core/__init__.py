from suite.core import config  # noqa: F401
from suite.core.constants import *  # noqa: F403
