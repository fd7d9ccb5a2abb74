"""The loss landscape computed live in the training process, in slices.

``LandscapeRequest`` is what the window asks for (sent as the ``SetLandscape``
command; None cancels). ``LandscapeJob`` computes one grid for a plane fixed
when it starts (the weights then, the directions then), a few rows at a time
(``work(seconds)``), on copies: the run's weights are never touched.
``LiveLandscape`` is the training loop's part: it starts jobs, gives them at
most ``request.share`` of the time while the run plays (all the idle time
while it is paused), recomputes the plane every ``request.every`` epochs
(and at most every RECOMPUTE_SECONDS) while training, and hands each frame a ``LandscapeFrame``: the last finished
grid, the progress of the one under way, and the path projected on the plane
shown (which thus extends every frame).
"""

from __future__ import annotations

import itertools
import math
import time
from dataclasses import dataclass

import numpy as np

from .landscape import (
    Landscape,
    filter_normalised_direction,
    grid_axis,
    pca_directions,
    plane_coordinates,
)
from .picture_net import FLOAT32_SAFE  # (past it, float32 stands in for the run's numbers no more)

SLICE_SECONDS = 0.02  # longest stretch of landscape work between looks at the command queue
GRID_DTYPE = np.float32  # the grid's precision (see training.landscape); its centre is the run's own
PATH_MARGIN = 1.25
RECOMPUTE_SECONDS = 2.0  # while training, a new grid at most this often (a small net reaches `every` epochs in ms)
_SERIALS = itertools.count(1)  # a PCA grid reaches this far beyond the path (times the path's extent)


@dataclass(frozen=True)
class LandscapeRequest:
    """``resolution``: grid points per side (odd, 5..101); ``span``: the grid's
    half-width, as a multiple of the path's extent in the plane (pca) or in
    units of the filter norms (random); ``directions``: "pca" or "random";
    ``every``: epochs between recomputations while training; ``share``: the
    largest share of the training time the landscape may take while playing."""

    resolution: int = 21
    span: float = 1.0
    directions: str = "pca"
    every: int = 25
    share: float = 0.1
    seed: int = 0

    def checked(self) -> LandscapeRequest:
        """This request; ValueError naming the field that is out of range."""
        if not (isinstance(self.resolution, int) and 5 <= self.resolution <= 101 and self.resolution % 2):
            raise ValueError(f"landscape resolution must be an odd number from 5 to 101, got {self.resolution!r}")
        if not (0 < self.span <= 100):
            raise ValueError(f"landscape span must be above 0 and at most 100, got {self.span!r}")
        if self.directions not in ("pca", "random"):
            raise ValueError(f"landscape directions are 'pca' or 'random', got {self.directions!r}")
        if not (0 < self.share < 1) or self.every < 1:
            raise ValueError("landscape share must be between 0 and 1 and every at least 1 epoch")
        return self


STRAIGHT = 0.99  # a path with this share of its variance on the first direction is called nearly straight


def share_text(fraction: float) -> str:
    """A share in [0, 1] as a percentage with as many decimals as it takes not to
    round a share below 1 up to "100%", nor one above 0 down to "0%"
    (0.9997 -> "99.97%", 0.0002 -> "0.02%", 0.812 -> "81.2%"); exactly 1 is "100%"."""
    fraction = min(max(float(fraction), 0.0), 1.0)
    if fraction >= 1.0:
        return "100%"
    gap = 100 * min(fraction, 1 - fraction) if fraction > 0 else 1.0  # percentage points from 0 or 100
    decimals = 1 if gap >= 0.1 else min(12, math.ceil(-math.log10(gap) - 1e-9))  # (0.01 takes 2 decimals)
    return f"{100 * fraction:.{decimals}f}%"


@dataclass(frozen=True)
class LandscapeGrid:
    """One finished grid: ``loss`` (res, res), J at (a[j], b[i]) in row i,
    column j; ``a``, ``b`` (res,) the coordinates; centred on the weights after
    ``epoch`` (J there: ``centre_loss``); ``explained`` the share of the path's
    variance along d1 and d2 (pca; None for random); ``note``: why the
    directions are not the ones asked for, or ""."""

    loss: np.ndarray
    a: np.ndarray
    b: np.ndarray
    directions: str
    explained: tuple | None
    epoch: int
    centre_loss: float
    note: str = ""
    serial: int = 0  # which grid of the training process this is (a view redraws only a new one)

    @property
    def axis_names(self) -> tuple[str, str]:
        if self.directions == "pca":
            return "PC1 of the path (weight units)", "PC2 of the path (weight units)"
        return "random direction 1 (× filter norms)", "random direction 2 (× filter norms)"

    def caption(self) -> str:
        n = self.loss.shape[0]
        base = f"log₁₀ J over a {n}×{n} plane through the weights after epoch {self.epoch}"
        if self.directions == "pca":
            e1, e2 = self.explained
            text = (f"{base}; directions: the first two principal directions of the weights' path "
                    f"(they explain {share_text(e1 + e2)} of its variance: {share_text(e1)} + {share_text(e2)})")
            if e1 >= STRAIGHT:
                text += (f". The path is nearly straight: {share_text(e1)} of its variance lies along the first "
                         "direction, so the second shows little of it")
            return text
        extra = f" ({self.note})" if self.note else ""
        return f"{base}; directions: filter-normalised random (Li et al. 2018){extra}"


@dataclass(frozen=True)
class LandscapeFrame:
    """What a frame carries of the landscape: the last finished ``grid`` (or
    None), ``progress`` of the grid under way (0..1; None when none is),
    ``path`` (n, 2) the recorded weights' (a, b) on the grid's plane with their
    ``epochs`` (n,), ending at the current weights (whose epoch a thinned
    trajectory may not have kept), ``current`` the current weights' (a, b), and
    ``rows`` (rows computed, rows in all) of the grid under way (None when none is),
    ``computing`` what that grid is (``LandscapeJob.describe``; None when none is)."""

    grid: LandscapeGrid | None
    progress: float | None
    path: np.ndarray | None
    epochs: np.ndarray | None
    current: tuple | None
    rows: tuple | None = None
    computing: str | None = None


def grid_dtype(centre: np.ndarray, half: float, d1: np.ndarray, d2: np.ndarray):
    """GRID_DTYPE when every parameter of the grid (``centre`` + a d1 + b d2, |a|, |b| <= ``half``)
    lies within FLOAT32_SAFE, so that float32 can stand in for the run's precision; else None (the
    run's own dtype). Weights beyond float32's range (a weight typed as 1e150, the others ~1e147)
    overflowed the cast and the whole plane was hatched "J overflowed there" where float64 was finite
    (tester 16)."""
    with np.errstate(all="ignore"):
        largest = float(np.abs(centre).max(initial=0.0)) + abs(half) * (
            float(np.abs(d1).max(initial=0.0)) + float(np.abs(d2).max(initial=0.0)))
    return GRID_DTYPE if largest <= FLOAT32_SAFE else None


class LandscapeJob:
    """One grid of ``request`` around ``trainer``'s weights now, computed by ``work``."""

    def __init__(self, trainer, request: LandscapeRequest):
        self.request = request
        self.centre = np.array(trainer.net.params, dtype=np.float64)
        self.epoch = trainer.epoch
        self.centre_loss = float(Landscape(trainer.net, trainer.X_train, trainer.Y_train).losses(self.centre)[0])
        self.d1, self.d2, self.explained, self.directions, note = self._directions(trainer, request)
        half = request.span
        if self.directions == "pca":
            path = plane_coordinates(trainer.trajectory.points, self.centre, self.d1, self.d2)
            half *= PATH_MARGIN * max(float(np.abs(path).max()), 1e-3)
        self.note = note
        n = request.resolution
        self.a = self.b = grid_axis(n, half)
        dtype = grid_dtype(self.centre, half, self.d1, self.d2)
        self.landscape = Landscape(trainer.net, trainer.X_train, trainer.Y_train, dtype)
        self.loss = np.full((n, n), np.nan)
        self.rows_done = 0
        self.serial = next(_SERIALS)

    @staticmethod
    def _directions(trainer, request):
        points = trainer.trajectory.points
        if request.directions == "pca":
            try:
                d1, d2, explained = pca_directions(points)
                return d1, d2, explained, "pca", ""
            except ValueError as exc:
                note = f"principal directions unavailable: {exc}"
        else:
            note = ""
        rng = np.random.default_rng(request.seed)
        sizes = trainer.net.sizes
        d1 = filter_normalised_direction(trainer.net.params, sizes, rng)
        d2 = filter_normalised_direction(trainer.net.params, sizes, rng)
        return d1, d2, None, "random", note

    def describe(self) -> str:
        """What this job computes, for a caption: "a 101×101 grid along random directions at epoch 30"."""
        n = len(self.b)
        along = "the path's principal directions" if self.directions == "pca" else "random directions"
        return f"a {n}×{n} grid along {along} at epoch {self.epoch}"

    @property
    def done(self) -> bool:
        return self.rows_done >= len(self.b)

    @property
    def progress(self) -> float:
        return self.rows_done / len(self.b)

    def work(self, seconds: float) -> bool:
        """Compute grid rows for about ``seconds`` (at least one row); True when the grid is done."""
        started = time.perf_counter()
        while not self.done:
            b = self.b[self.rows_done]
            thetas = self.centre + self.a[:, None] * self.d1 + b * self.d2  # (res, P)
            self.loss[self.rows_done] = self.landscape.losses(thetas)
            if self.rows_done == len(self.b) // 2:  # the centre, in the run's precision
                self.loss[self.rows_done, len(self.a) // 2] = self.centre_loss
            self.rows_done += 1
            if time.perf_counter() - started >= seconds:
                break
        return self.done

    def grid(self) -> LandscapeGrid:
        return LandscapeGrid(self.loss.copy(), self.a.copy(), self.b.copy(), self.directions, self.explained,
                             self.epoch, self.centre_loss, self.note, self.serial)


class LiveLandscape:
    """The training loop's landscape: the request, the job under way and the
    grid (with its plane) last finished."""

    def __init__(self):
        self.request: LandscapeRequest | None = None
        self.job: LandscapeJob | None = None
        self.shown: LandscapeJob | None = None
        self._credit = 0.0
        self._last = time.perf_counter()
        self._finished = -float("inf")  # when the last grid was finished
        self._path_key: tuple | None = None  # what the projected path below was projected from
        self._path: tuple = (None, None)

    def set_request(self, request: LandscapeRequest | None, trainer) -> None:
        """Ask for a new grid (``request``), or stop computing (None: the grid shown stays)."""
        self.request = None if request is None else request.checked()
        self.job = None
        self._credit = 0.0
        if self.request is not None and trainer is not None:
            self.job = LandscapeJob(trainer, self.request)

    def new_run(self, trainer) -> None:
        """A new run (or a reset): the old grid means nothing; start again if asked."""
        self.shown = None
        self._path_key = None
        self.set_request(self.request, trainer)

    @property
    def busy(self) -> bool:
        return self.job is not None

    def after_training(self, trainer, playing: bool) -> bool:
        """Work on the grid, if one is asked for: while ``playing``, at most
        ``share`` of the time (wall clock) since the last call; else one slice.
        Returns True when there is news for a frame."""
        now = time.perf_counter()
        elapsed, self._last = now - self._last, now
        if self.request is None or trainer is None:
            return False
        if self.job is None:
            last = self.shown.epoch if self.shown is not None else None
            if last is None or trainer.epoch - last < self.request.every or (
                    playing and now - self._finished < RECOMPUTE_SECONDS):
                return False
            self.job = LandscapeJob(trainer, self.request)
        if playing:
            self._credit = min(self._credit + elapsed * self.request.share, SLICE_SECONDS)
        else:
            self._credit = SLICE_SECONDS
        if self._credit <= 0:
            return False
        done = self.job.work(self._credit)
        self._credit -= time.perf_counter() - now
        if done:
            self.shown, self.job = self.job, None
            self._finished = time.perf_counter()
        return True

    def frame(self, trainer) -> LandscapeFrame | None:
        """The landscape part of a frame (None when nothing was asked nor shown)."""
        if self.shown is None and self.job is None:
            return None
        progress = None if self.job is None else self.job.progress
        rows = None if self.job is None else (self.job.rows_done, len(self.job.b))
        computing = None if self.job is None else self.job.describe()
        if self.shown is None:
            return LandscapeFrame(None, progress, None, None, None, rows, computing)
        s = self.shown
        path, epochs = self._recorded_path(trainer)
        now = plane_coordinates(trainer.net.params, s.centre, s.d1, s.d2)  # (1, 2)
        if path is None or epochs[-1] != trainer.epoch or not np.array_equal(path[-1], now[0]):
            # the trajectory keeps every 2nd, 4th... epoch of a long run: the line still ends at the star
            path = now if path is None else np.vstack([path, now])
            epochs = np.append(np.empty(0, np.int64) if epochs is None else epochs, trainer.epoch)
        return LandscapeFrame(s.grid(), progress, path, epochs, tuple(float(v) for v in now[0]), rows, computing)

    def _recorded_path(self, trainer) -> tuple:
        """The recorded trajectory on the plane shown, (n, 2), and its epochs (n,); (None, None)
        when empty. Projected again only when the trajectory or the plane changed."""
        traj = trainer.trajectory
        if not len(traj):
            return None, None
        key = (self.shown.serial, id(traj), traj.state_key())
        if self._path_key != key:
            self._path_key = key
            self._path = (plane_coordinates(traj.points, self.shown.centre, self.shown.d1, self.shown.d2), traj.epochs)
        return self._path


def compute_landscape(trainer, request: LandscapeRequest | None = None) -> LandscapeFrame:
    """The whole landscape of ``request`` (by default a 41 x 41 grid along the
    path's principal directions) around ``trainer``'s weights, at once (for
    ``nnplay render`` and the benchmark)."""
    live = LiveLandscape()
    live.set_request(request or LandscapeRequest(resolution=41), trainer)
    live.job.work(float("inf"))
    live.shown, live.job = live.job, None
    return live.frame(trainer)


def landscape_csv(frame: LandscapeFrame) -> str:
    """The grid as CSV text, one row per grid point (``kind`` "grid": a, b, J)
    then one per recorded epoch of the path (``kind`` "path": a, b, the epoch),
    after comment lines stating the method and directions."""
    g = frame.grid
    lines = [f"# {g.caption()}", f"# a: {g.axis_names[0]}; b: {g.axis_names[1]}; J = J_data + penalty",
             "kind,a,b,loss,epoch"]
    loss = g.loss.tolist()
    for i, b in enumerate(g.b.tolist()):
        lines += [f"grid,{a!r},{b!r},{loss[i][j]!r}," for j, a in enumerate(g.a.tolist())]
    if frame.path is not None:
        lines += [f"path,{a!r},{b!r},,{e}" for (a, b), e in zip(frame.path.tolist(), frame.epochs.tolist())]
    return "\n".join(lines) + "\n"
