"""The backprop engine: pure NumPy, no Qt, no I/O, no threads."""

from .activations import ACTIVATIONS, get_activation
from .gradcheck import gradient_check, numerical_grads, relative_error
from .initializers import INITIALIZERS
from .losses import LOSSES, get_loss
from .mlp import MLP
from .optimizers import OPTIMIZERS, SGD, Adam, Momentum, Optimizer, make_optimizer

__all__ = [
    "ACTIVATIONS", "INITIALIZERS", "LOSSES", "OPTIMIZERS", "MLP", "SGD", "Adam", "Momentum", "Optimizer",
    "get_activation", "get_loss", "gradient_check", "make_optimizer", "numerical_grads", "relative_error",
]
