"""The conversation core: state, turn policy, costing, templates, phrasing, the graph and `Chat`.

It imports no settings, no vendor SDK and no front-end: everything it needs arrives as values.
"""
