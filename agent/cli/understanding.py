"""`crossroads understanding-eval`: how well the offline understander reads the decision slots, on
the held-out fifth of the labelled clause bank (precision, recall and F1 per slot value)."""

from __future__ import annotations

import argparse
import json


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "understanding-eval",
        help="measure the offline understanding: precision and recall per slot value on held-out clauses",
        description=(
            "Score the rule understander (slot classifier + keyword rules) on the fifth of "
            "agent/understand/bank.yaml that training never sees. Exit status 1 below macro-F1 0.90 "
            "or if any prohibition is read as permissive."
        ),
    )
    parser.add_argument("--json", action="store_true", help="print the reports as JSON")
    parser.add_argument("--heads", action="store_true", help="also report the classifier heads alone")
    parser.set_defaults(handler=run_understanding_eval)


# The bar of the understanding issue: macro-F1 over slot values on the held-out split.
MACRO_F1_FLOOR = 0.90


def run_understanding_eval(args: argparse.Namespace, settings) -> int:
    from agent.understand.training import format_report, held_out_reports

    understander, heads = held_out_reports()
    if args.json:
        payload = {"understander": understander.to_json()}
        if args.heads:
            payload["classifier_heads"] = heads.to_json()
        print(json.dumps(payload, indent=2))
    else:
        print("The understander (classifier + keyword rules, clause by clause)")
        print(format_report(understander))
        if args.heads:
            print("\nThe classifier heads alone")
            print(format_report(heads))
    ok = understander.macro_f1 >= MACRO_F1_FLOOR and not understander.permissive_prohibitions
    return 0 if ok else 1
