"""`python -m careful script.py`: runs a script with its folder on sys.path."""

import runpy
import sys


def main() -> None:
    sys.path.insert(0, sys.argv[1].rpartition("/")[0] or ".")
    sys.path = [p for p in sys.path if p]
    runpy.run_path(sys.argv[1], run_name="__main__")


if __name__ == "__main__":
    main()
