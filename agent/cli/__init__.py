"""The `crossroads` command: argparse and printing only. `agent.cli.main:main` is the entry point."""
