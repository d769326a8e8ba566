"""`python -m monitor` is the `wirewatch` command."""

import sys

from monitor.cli import main

sys.exit(main())
