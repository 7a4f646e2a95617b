"""Understanding a user message: one contract, and the rule and LLM understanders that fill it."""
