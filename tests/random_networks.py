"""Random runs for the picture-fidelity tests: random depth, width, activation
and loss, with weights from tiny to so large that the numbers overflow."""

import numpy as np

from nnplay.engine import ACTIVATIONS
from nnplay.training import TrainConfig, Trainer

# (data set, classes, loss): every loss on a task it serves
TASKS = [("gauss", 2, "bce"), ("xor", 2, "tanh_mse"), ("blobs-k", 3, "ce"), ("spiral-k", 5, "ce"),
         ("plane", 2, "mse"), ("multigauss", 2, "tanh_mse")]
SCALES = [1e-8, 1e-3, 0.5, 3.0, 1e3, 1e6, 2e12, 1e15, 1e40, 1e160, 1e200]


def random_trainer(rng: np.random.Generator) -> Trainer:
    """A Trainer whose network has random shape and random weights of a random
    size (one scale per layer, so a huge layer may follow a tiny one)."""
    dataset, classes, loss = TASKS[rng.integers(len(TASKS))]
    blow_up = rng.random() < 0.2  # one run in five: unbounded units and weights so large that sums overflow
    hidden = tuple(int(n) for n in rng.integers(1, 9, size=rng.integers(1 if blow_up else 0, 5)))
    activation = str(rng.choice(["relu", "leaky_relu", "linear"] if blow_up else list(ACTIVATIONS)))
    config = TrainConfig(dataset=dataset, classes=classes, loss=loss, hidden=hidden, activation=activation,
                         seed=int(rng.integers(1 << 30)))
    t = Trainer(config)
    for W, b in zip(t.net.weights, t.net.biases):
        scale = 1e200 if blow_up else SCALES[rng.integers(len(SCALES))]
        W[...] = rng.standard_normal(W.shape) * scale
        b[...] = rng.standard_normal(b.shape) * scale * rng.choice([0.0, 1.0])
    return t


def grid_rows(t: Trainer, resolution: int) -> np.ndarray:
    """The raw input points of the output view's grid, row by row from the bottom
    (built here from the extent, independently of the Trainer's grid cache)."""
    (x0, x1), (y0, y1) = t.grid_extent()
    gx, gy = np.meshgrid(np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution))
    raw = np.tile(t.input_means, (resolution * resolution, 1))
    raw[:, 0], raw[:, 1] = gx.ravel(), gy.ravel()
    return raw


def model_classes(t: Trainer, resolution: int) -> np.ndarray:
    """The float64 network's own predictions over the grid, -1 where its output
    is not finite: (res, res)."""
    with np.errstate(all="ignore"):
        A = t.net.forward(t.prepare_inputs(grid_rows(t, resolution)))
    # the class rule written out here, not taken from nnplay.training.pictures
    if t.loss_name == "ce":
        c = A.argmax(axis=1)
    else:
        c = (A[:, 0] >= (0.0 if t.loss_name == "tanh_mse" else 0.5)).astype(int)
    c[~np.isfinite(A).all(axis=1)] = -1
    return c.reshape(resolution, resolution)
