"""Crossroads: the conversation, its settings, providers and front-ends."""
