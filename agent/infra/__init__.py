"""Infrastructure: settings, logs, LLM providers, usage accounting and storage. The only code that
names a vendor."""
