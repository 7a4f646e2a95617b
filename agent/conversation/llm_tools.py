"""The tools the LLM may call while phrasing a reply: what-if costs and source search.

Each is a pure function with a thin model-facing wrapper; a tool's ValueError or LookupError goes
back to the model as a message it can correct (see `graph.call_tools`).
"""

from __future__ import annotations

from typing import Any


def phrasing_tools(kb: Any) -> list[Any]:
    """The LangChain tools for one knowledge base (a `knowledge.store.KnowledgeBase`, or None)."""
    from langchain_core.tools import StructuredTool

    from tools.cost_model import estimate_costs

    def search_sources(query: str, source_id: str | None = None) -> list[dict]:
        """Search the source articles for passages about `query` (optionally one source id).

        Returns passages with source_id, title and text. Quote them verbatim and name the source id.
        """
        if kb is None:
            return []
        return [
            {"source_id": r.source_id, "title": r.title, "text": r.text}
            for r in kb.search(query, k=3, source_id=source_id)
        ]

    return [
        StructuredTool.from_function(estimate_costs),
        StructuredTool.from_function(search_sources),
    ]
