"""The installed host's major version."""

import mhost

HOST_4 = int(mhost.__version__.split(".")[0]) >= 4
