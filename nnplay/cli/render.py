"""`nnplay render`: draw one panel of a saved session to a PNG or SVG file, offscreen;
with --animate, record it as a GIF or MP4 while the run trains on."""

from __future__ import annotations

import sys

from ..interrupts import held
from ..numbers import count
from ..user_text import file_name
from .base import EXIT_OK, OptionError, blamed_on, check_writable, setting, typed
from .given_flags import given, track_given


def register(sub) -> None:
    r = sub.add_parser("render", help="draw one panel of a saved session to a PNG or SVG file",
                       description="Draw one panel of a saved session (.nnplay) to a PNG or SVG file, offscreen, "
                                   "as the window draws it.")
    track_given(r)  # which options were typed: those of --animate are refused without it
    r.add_argument("session", nargs="?", metavar="FILE.nnplay", help="a session saved by the window or nnplay train --save")
    r.add_argument("--panel", default="output", help="which panel (default output; --list names them)")
    r.add_argument("--out", metavar="FILE.png|FILE.svg", help="the file to write; its suffix picks the format")
    r.add_argument("--size", default=None, metavar="WxH",
                   help="output size in pixels (default 1600x1200; 640x480 with --animate); one under the panel's "
                        "least (a small run's output 400x340, inspector 1480x1110...; a deep network or many classes need "
                        "more) is refused, naming it")
    r.add_argument("--list", action="store_true", help="name the panels and exit")
    r.add_argument("--animate", action="store_true",
                   help="train on from the session for --epochs epochs and write the panel as it changes, "
                        "to a .gif or .mp4 (--out)")
    r.add_argument("--epochs", type=setting("animation_epochs"), default=None, help="with --animate: epochs to train (required)")
    r.add_argument("--every", type=setting("every"), default=None,
                   help="with --animate: one frame per this many epochs (default: about 60 frames in all)")
    r.add_argument("--fps", type=setting("fps"), default=10.0, help="with --animate: frames a second (default 10)")
    r.set_defaults(run=run)


def run(args) -> int:
    from ..ui.export import PANELS

    if args.list:
        if others := [f"--{d.replace('_', '-')}" for d in sorted(given(args) - {"list", "session"})] + \
                ([args.session] if args.session is not None else []):
            raise OptionError("--list", "names the panels and takes nothing else", " ".join(others))
        width = max(map(len, PANELS))
        for name, text in PANELS.items():
            print(f"{name:<{width}}  {text}")
        return EXIT_OK
    if args.session is None or args.out is None:
        missing = next(name for name, value in (("FILE.nnplay", args.session), ("--out", args.out)) if value is None)
        raise OptionError(missing, "is required, e.g. nnplay render run.nnplay --panel output --out output.png (nnplay "
                                   "render --list names the panels)")
    from ..ui.render import render_session

    if args.panel not in PANELS:  # (as argparse refuses a bad value: before the session is read)
        raise OptionError("--panel", f"the panel must be one of {', '.join(PANELS)}", args.panel)
    check_writable(args.out, (".gif", ".mp4") if args.animate else (".png", ".svg"))  # before any work
    if args.animate:
        return _animate(args)
    if stray := sorted(given(args) & {"epochs", "every", "fps"}):
        raise OptionError(f"--{stray[0]}", f"applies to a recording: add --animate (or leave --{stray[0]} out)",
                          typed(args, stray[0]))
    size = _size(args.size or "1600x1200")
    with blamed_on("FILE.nnplay"), held():  # (held: Ctrl+C between steps, never inside Qt's painting: interrupts)
        written = render_session(args.session, args.panel, args.out, size, least=True, typed=args.size)
    print(f"wrote the {args.panel} panel of {file_name(args.session)} to {file_name(args.out)}", file=sys.stderr)
    if written[0] > size[0] or written[1] > size[1]:  # said, not silently another size
        print(f"nnplay: the {args.panel} panel does not fit {size[0]}×{size[1]} with its text readable: "
              f"written at {written[0]}×{written[1]} (give a larger --size)", file=sys.stderr)
    return EXIT_OK


def _size(text: str) -> tuple[int, int]:
    """--size as (width, height); a bad one refused as every bad option is (base.OptionError)."""
    from ..ui.render import parse_size

    try:
        return parse_size(text)
    except ValueError as exc:
        raise OptionError("--size", exc) from None


def _animate(args) -> int:
    from ..ui.render_animation import animate_session

    if args.epochs is None:
        raise OptionError("--animate", "needs --epochs N, e.g. nnplay render run.nnplay --panel output --animate "
                                       "--epochs 300 --out run.gif")
    size = _size(args.size or "640x480")
    with blamed_on("FILE.nnplay"), held():  # (a refusal naming its flag, --every, --out, --fps, is blamed on it)
        frames = animate_session(args.session, args.panel, args.out, args.epochs, args.every, args.fps, size,
                                 least=True, typed=args.size)
    print(f"wrote {count(frames, 'frame')} of the {args.panel} panel of {file_name(args.session)} to {file_name(args.out)}", file=sys.stderr)
    return EXIT_OK
