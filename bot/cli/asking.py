"""``cdfbot ask``: what ``/cdf QUERY`` answers, through the same router; ``--chart`` saves
its chart, ``--csv`` the indicator's whole history (the file ``/cdf QUERY --csv`` uploads)."""

from __future__ import annotations

import argparse
from pathlib import Path

from bot.cli.common import CLI_USER, open_services


def cmd_ask(args: argparse.Namespace) -> int:
    from bot.cli.charts import save_chart
    from bot.cli.exports import save_history_csv
    from bot.commands import CommandRequest, route

    services = open_services()
    text = " ".join(args.query) + (" --source" if args.source else "")
    try:
        routed = route(services, CommandRequest(text=text, user_id=CLI_USER))
        print(routed.reply.text)
        if args.chart and routed.answer is not None:
            path = save_chart(routed.answer, Path(args.chart))
            if path is not None:
                print(f"Chart: {path}")
        if args.csv and routed.answer is not None:
            path = save_history_csv(services, routed.answer, Path(args.csv))
            if path is not None:
                print(f"CSV: {path}")
    finally:
        services.close()
    return 0


def add_parsers(verbs: argparse._SubParsersAction) -> None:
    """Register the verbs of this group: ask."""
    p = verbs.add_parser("ask", help="print what `/cdf QUERY` answers")
    p.add_argument("query", nargs="+")
    p.add_argument("--source", action="store_true", help="quote the sentence of each value")
    p.add_argument("--chart", metavar="PATH", help="save the chart (≥ 3 periods) as a PNG")
    p.add_argument("--csv", metavar="PATH", help="save the indicator's whole history as CSV")
    p.set_defaults(func=cmd_ask)
