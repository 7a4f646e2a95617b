"""CLI subcommands for the cost side (placeholder until its issue lands)."""


def register(subparsers) -> None:
    """Add this module's subcommands to the `crossroads` parser."""
