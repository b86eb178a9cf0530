"""``python -m psbridge`` is the ``psbridge`` command."""

import sys

from psbridge.cli import main

sys.exit(main())
