"""`python -m agent.cli`: the same as the `crossroads` command."""

import sys

from agent.cli.main import main

sys.exit(main())
