"""Launch to first paint of the real ``nnplay`` command, N times, as a user starts it.

    python tests/tools/first_paint.py [N] [--ready]

Each run is a fresh process running ``nnplay.cli.main([])`` (``nnplay.first_paint.launch``),
timed from just before it starts to the first paint event of any window (``--ready``: of
the playground window). Offscreen unless DISPLAY is set and QT_QPA_PLATFORM is not. Prints
each figure with its CPU seconds and the window painted, then the median, in seconds.
"""

import os
import statistics
import sys

from nnplay.first_paint import launch

if __name__ == "__main__":
    n = int(next((a for a in sys.argv[1:] if a.isdigit()), "5"))
    runs = [launch("--ready" in sys.argv) for _ in range(n)]
    for r in runs:
        print(f"{r.seconds:.3f} s (CPU {r.cpu_s:.3f} s) {r.window}" + (f", imported {', '.join(r.imported)}"
                                                                       if r.imported else ""), file=sys.stderr)
    print(" ".join(f"{r.seconds:.3f}" for r in runs), f"median {statistics.median(r.seconds for r in runs):.3f} s",
          f"(load average {os.getloadavg()[0]:.2f})")
