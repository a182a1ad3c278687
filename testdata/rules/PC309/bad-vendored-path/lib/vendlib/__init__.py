import os
import sys

# As setuptools/__init__.py does: the distributions it vendors become importable by their names.
sys.path.append(os.path.join(os.path.dirname(__file__), "_vendor"))
