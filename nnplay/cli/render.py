"""`nnplay render`: draw one panel of a saved session to a PNG or SVG file, offscreen."""

from __future__ import annotations

import sys

from .base import EXIT_OK


def register(sub) -> None:
    r = sub.add_parser("render", help="draw one panel of a saved session to a PNG or SVG file",
                       description="Draw one panel of a saved session (.nnplay) to a PNG or SVG file, offscreen, "
                                   "as the window draws it.")
    r.add_argument("session", nargs="?", metavar="FILE.nnplay", help="a session saved by the window or nnplay train --save")
    r.add_argument("--panel", default="output", help="which panel (default output; --list names them)")
    r.add_argument("--out", metavar="FILE.png|FILE.svg", help="the file to write; its suffix picks the format")
    r.add_argument("--size", default="1600x1200", metavar="WxH", help="output size in pixels (default 1600x1200)")
    r.add_argument("--list", action="store_true", help="name the panels and exit")
    r.set_defaults(run=run)


def run(args) -> int:
    from ..ui.export import PANELS

    if args.list:
        width = max(map(len, PANELS))
        for name, text in PANELS.items():
            print(f"{name:<{width}}  {text}")
        return EXIT_OK
    if args.session is None or args.out is None:
        raise ValueError("render needs a session and --out, e.g. nnplay render run.nnplay --panel output "
                         "--out output.png (nnplay render --list names the panels)")
    from ..ui.render import parse_size, render_session

    render_session(args.session, args.panel, args.out, parse_size(args.size))
    print(f"wrote the {args.panel} panel of {args.session} to {args.out}", file=sys.stderr)
    return EXIT_OK
