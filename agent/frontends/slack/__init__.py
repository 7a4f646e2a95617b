"""Slack: pure message parsing, the transport-free bot, the event store, and the Bolt wiring."""
