"""`python main.py` opens the window; `python main.py COMMAND …` runs the command line."""

import sys

from desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
