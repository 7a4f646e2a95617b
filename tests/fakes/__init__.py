"""Fakes for tests: LLM providers served on 127.0.0.1, and a scripted chat model without HTTP."""
