#!/usr/bin/env python3
"""Build the site: `python build.py --help` lists the options (in Indonesian)."""

import sys

from terang.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
