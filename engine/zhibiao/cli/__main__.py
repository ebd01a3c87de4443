"""`python -m zhibiao.cli …` (used by the pre-commit hook: works without an activated virtualenv)."""

import sys

from .main import main

sys.exit(main())
