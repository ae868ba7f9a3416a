"""``python -m tuireader``: the same as the ``tuireader`` command."""

import sys

from tuireader.cli import main

sys.exit(main())
