"""CLI subcommands for the knowledge base: search, ingest, sources, forget, reindex.

The knowledge package (numpy, Chroma, WordLlama) is imported inside the handlers so that
`crossroads --help` stays fast.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap


def register(subparsers) -> None:
    """Add this module's subcommands to the `crossroads` parser."""
    search = subparsers.add_parser("search", help="search the knowledge base (source articles and your documents)")
    search.add_argument("query", help="what to look for, in your own words")
    search.add_argument("--k", type=int, default=5, help="how many passages to return (default 5)")
    search.add_argument("--source", metavar="ID", help="only search this source (ids: `crossroads sources`)")
    search.add_argument("--json", action="store_true", help='print {"query", "results": [...]} as JSON')
    search.set_defaults(handler=run_search)

    ingest = subparsers.add_parser(
        "ingest",
        help="add your own documents (Markdown, text, HTML, PDF) so the advisor can cite them",
        description="Add documents; folders are searched for supported files. Exit status 2 if any file was skipped.",
    )
    ingest.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to add")
    ingest.add_argument("--json", action="store_true", help="print one outcome per file as JSON")
    ingest.set_defaults(handler=run_ingest)

    sources = subparsers.add_parser("sources", help="list what the knowledge base holds (id, title, passages)")
    sources.add_argument("--json", action="store_true", help="print the list as JSON")
    sources.set_defaults(handler=run_sources)

    forget = subparsers.add_parser("forget", help="remove an ingested document from the knowledge base")
    forget.add_argument("source_id", metavar="ID", help="the source id shown by `crossroads sources`")
    forget.set_defaults(handler=run_forget)

    reindex = subparsers.add_parser(
        "reindex",
        help="rebuild the knowledge index: re-embed it after changing CROSSROADS_EMBEDDINGS, or repair a "
             "damaged or deleted one (your documents are read again from their files)",
    )
    reindex.set_defaults(handler=run_reindex)


def _passages(n: int) -> str:
    return f"{n} passage" if n == 1 else f"{n} passages"


def _progress(message: str) -> None:
    # Progress goes to stderr so that --json output on stdout stays parseable.
    print(message, file=sys.stderr, flush=True)


def open_knowledge_base(settings, rebuild: bool = False):
    from agent.assemble import open_knowledge_base as open_kb

    return open_kb(settings, progress=_progress, rebuild=rebuild)


def run_search(args: argparse.Namespace, settings) -> int:
    if args.k < 1:
        raise ValueError(f"--k must be at least 1, got {args.k}")
    kb = open_knowledge_base(settings)
    results = kb.search(args.query, k=args.k, source_id=args.source)
    if args.json:
        payload = {
            "query": args.query,
            "results": [
                {"source_id": r.source_id, "title": r.title, "chunk_id": r.chunk_id, "text": r.text, "score": r.score}
                for r in results
            ],
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    if not results:
        print("No passage matches that query.")
    for n, r in enumerate(results, start=1):
        print(f"{n}. [{r.source_id}] {r.title}  (score {r.score:.3f}, {r.chunk_id})")
        for line in r.text.splitlines():
            print(textwrap.indent(textwrap.fill(line, width=100) if line.strip() else "", "   "))
        print()
    return 0


def run_ingest(args: argparse.Namespace, settings) -> int:
    kb = open_knowledge_base(settings)
    outcomes = kb.ingest(args.paths)
    if args.json:
        print(json.dumps([o.__dict__ for o in outcomes], ensure_ascii=False, indent=2))
    else:
        for o in outcomes:
            if o.ok:
                print(f"added    {o.path}  as {o.source_id} ({_passages(o.chunks)})")
                if o.left_out:
                    lines = "line" if len(o.left_out) == 1 else "lines"
                    print(f"         left out {len(o.left_out)} {lines} addressing an AI assistant, never quoted: "
                          f"{_clip(o.left_out[0])!r}{' ...' if len(o.left_out) > 1 else ''}")
            else:
                print(f"skipped  {o.path}: {o.reason}")
        if not outcomes:
            print("No supported files found (Markdown, text, HTML or PDF).")
    return 0 if outcomes and all(o.ok for o in outcomes) else 2


def _clip(text: str, width: int = 80) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def run_sources(args: argparse.Namespace, settings) -> int:
    kb = open_knowledge_base(settings)
    infos = kb.sources()
    missing = kb.missing_documents()
    if args.json:
        print(json.dumps([i.__dict__ for i in infos], ensure_ascii=False, indent=2))
        return 0
    for document in missing:
        print(f"missing from the index: {document.source_id} (from {document.origin}); run `crossroads reindex` to read it again")
    width = max((len(i.id) for i in infos), default=2)
    for i in infos:
        note = "" if i.complete else "  (incomplete: run the same `crossroads ingest` again)"
        origin = "" if i.origin == "bundled" else f"  from {i.origin}"
        print(f"{i.id:<{width}}  {_passages(i.chunks):>13}  {i.title}{origin}{note}")
    return 0


def run_forget(args: argparse.Namespace, settings) -> int:
    kb = open_knowledge_base(settings)
    removed = kb.forget(args.source_id)
    print(f"forgot {args.source_id} ({_passages(removed)})")
    return 0


def run_reindex(args: argparse.Namespace, settings) -> int:
    kb = open_knowledge_base(settings, rebuild=True)
    # An index rebuilt from nothing (deleted, or moved aside when damaged) reads the user's
    # documents again from their files.
    outcomes, gone = kb.restore_documents()
    for o in outcomes:
        print(f"re-read  {o.path}  as {o.source_id} ({_passages(o.chunks)})" if o.ok else f"skipped  {o.path}: {o.reason}")
    for document in gone:
        print(f"missing  {document.source_id}: its file {document.origin} is gone; ingest it again from where it is now")
    print(f"knowledge base uses {kb.embedding_model}; {_passages(kb.passage_count())} indexed")
    return 2 if gone or not all(o.ok for o in outcomes) else 0
