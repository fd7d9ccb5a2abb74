"""The training process keeps the memory it frees for its next frame (issue 20).

Each frame allocates a few buffers of 100-300 kB (case B: the thumbnails'
115 kB, the pickled frame's 155 kB and the pickler's buffer growing to it) and
frees them once sent. glibc's malloc serves blocks of 128 kB or more with their
own ``mmap`` (a threshold it raises as such blocks are freed) and gives the top of
its heap back to the system past a trim threshold: either way every frame's new
buffers came as fresh pages, 105 page faults a frame on case B, 0.45-0.53 ms of
kernel CPU time of the 2 ms a frame cost the training process
(``tests/tools/loop_frame_cost.py``: ``system_ms_per_frame``,
``page_faults_per_frame``). With blocks up to MMAP_THRESHOLD taken from the heap
and up to TRIM_THRESHOLD of freed heap kept, a frame reuses the pages of the one
before (0.1-0.3 faults a frame). Larger blocks (a million-row data set's arrays)
still come and go with ``mmap``. Elsewhere than glibc (macOS, Windows, musl)
nothing changes.
"""

from __future__ import annotations

import ctypes
import sys

M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # glibc's mallopt parameters (malloc.h)
MMAP_THRESHOLD = 4 << 20  # blocks smaller than this come from the heap (a frame's are 10-300 kB)
TRIM_THRESHOLD = 16 << 20  # at most this much freed memory at the heap's top is kept, not given back


def keep_freed_memory() -> bool:
    """Set this process's glibc malloc to keep freed blocks up to MMAP_THRESHOLD in
    its heap and at most TRIM_THRESHOLD of it untrimmed (see the module). True when
    done; False where the C library is not glibc (nothing changed)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None)  # this process's own symbols, libc's among them (find_library runs ldconfig)
        libc.gnu_get_libc_version  # (glibc's own: musl has a mallopt that ignores these)
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD))
