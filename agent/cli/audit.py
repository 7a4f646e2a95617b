"""`crossroads audit`: the source articles' worked examples re-derived with the cost model, and where the
sources disagree.

The audit (cost model, numpy) loads inside the handler so that `crossroads --help` stays fast.
"""

from __future__ import annotations

import argparse
import json


def register(subparsers) -> None:
    """Add `audit` to the `crossroads` parser."""
    audit = subparsers.add_parser(
        "audit",
        help="check the source articles' own numbers and show where the sources disagree",
        description=(
            "Re-derive every worked example in the source articles with the cost model and say whether it "
            "follows from the article's own numbers (and, if not, what would make it hold); then list the "
            "quantities the sources disagree on, each source quoted."
        ),
    )
    audit.add_argument("--source", metavar="ID", help="only this source's figures, e.g. aieconomyhub-2026")
    audit.add_argument("--json", action="store_true", help="print the findings as JSON")
    audit.set_defaults(handler=run_audit_command)


def run_audit_command(args: argparse.Namespace, settings) -> int:
    """Print the audit; LookupError (exit 2) for a source with no audited figures."""
    from tools.audit import run_audit
    from tools.disputes import DISPUTED, source_range

    findings = run_audit(args.source)
    ranges = [source_range(quantity) for quantity in DISPUTED]
    if args.source:
        ranges = [r for r in ranges if any(c.source_id == args.source for c in r.claims)]
    if args.json:
        payload = {"findings": [f.to_dict() for f in findings], "disagreements": [r.to_dict() for r in ranges]}
        print(json.dumps(payload, indent=2, ensure_ascii=False))
        return 0
    source = None
    for finding in findings:
        if finding.source_id != source:
            source = finding.source_id
            print(f"\n{source}")
        print(f"  [{finding.verdict}] {finding.title}")
        print(f'    claim    {finding.claim.id}: "{finding.claim.quote}"')
        print(f"    stated   {finding.stated}")
        print(f"    derived  {finding.derived_text()}")
        for line in finding.arithmetic:
            print(f"      {line}")
        if finding.would_hold:
            print(f"    would hold only {finding.would_hold}")
    inconsistent = sum(f.verdict == "inconsistent" for f in findings)
    print(f"\n{len(findings)} figures audited: {len(findings) - inconsistent} consistent, {inconsistent} inconsistent.")
    if ranges:
        print("\nWhere the sources disagree")
        for r in ranges:
            print(f"  {r.label}: {r.span()}")
            for claim in r.claims:
                print(f'    {claim.source_id}: "{claim.quote}"')
    return 0
