"""A run written out as a standalone PyTorch script (text; nnplay never imports torch).

``torch_script(trainer)`` returns the source of a Python file that, imported,
builds

    model     torch.nn.Sequential: Features (the input features and the
              standardisation, written out), then nn.Linear layers with the
              run's current weights, the hidden activations, and where the run
              has them its pruned neurons and dropout; it returns the logits
              Z[L], shape (m, n[L])
    X, y      the training set: raw inputs (m, n_inputs) float64 and targets
              (class indices, int64, for ce; (m, n[L]) float64 otherwise)
    X_test, y_test   the test set, alike
    predict(X)       A[L] = the output activation of model(X) in model.eval() mode, as
                     nnplay's predictions (sigmoid, softmax, identity or tanh)

in float64, without training; run (``python model.py [EPOCHS]``), it trains as
nnplay does and prints the losses: the same loss (docs/equations.md), the same
optimizer (torch.optim.SGD, SGD with momentum 0.9, Adam with eps 1e-8, each
carrying on from the run's optimizer state), the L2 term in the objective and
L1 as nnplay's proximal step after the optimizer's (soft thresholding), the
same mini-batch size and the same order of examples: nnplay's permutations
are NumPy's ``Generator.permutation`` from the run's generator, whose state
the script carries, so epoch k of the script is epoch k of the run. Dropout,
frozen and pruned parameters, the learning-rate schedule and gradient clipping
are written as ``training.torch_export_parts`` describes; dropout's masks come
from the same generator, so even they are nnplay's.

A run the script could not reproduce exactly (float32, a setting it does not
know) is refused with one ValueError line naming the setting. Not carried
over: the position within an epoch begun batch by batch (the script starts a
fresh epoch from the generator's state), nnplay's roll-back on divergence, and
the history. The script is formatted as ``ruff format`` leaves it (its arrays
between ``# fmt: off`` and ``# fmt: on``, one line each).
"""

from __future__ import annotations

import base64
import textwrap
import zlib

import numpy as np

from ..data import CLASSIFICATION
from ..numbers import count
from . import torch_export_parts as parts

# nnplay's names -> torch modules (leaky_relu's slope is nnplay's 0.01)
TORCH_ACTIVATIONS = {"tanh": "nn.Tanh()", "sigmoid": "nn.Sigmoid()", "relu": "nn.ReLU()",
                     "leaky_relu": "nn.LeakyReLU(0.01)", "linear": "nn.Identity()"}
_FEATURES = {"x1": "x1", "x2": "x2", "x1^2": "x1**2", "x2^2": "x2**2", "x1x2": "x1 * x2",
             "sin_x1": "torch.sin(x1)", "sin_x2": "torch.sin(x2)"}
_OUTPUTS = {"bce": "torch.sigmoid(Z)", "ce": "torch.softmax(Z, dim=1)", "mse": "Z", "tanh_mse": "torch.tanh(Z)"}
_LOSSES = {  # (comment, expression)
    "bce": ("sigmoid + binary cross-entropy, mean over m",
            "nn.functional.binary_cross_entropy_with_logits(Z, Y)"),
    "ce": ("softmax + categorical cross-entropy, mean over m", "nn.functional.cross_entropy(Z, Y)"),
    "mse": ("(1/2m) sum of squared errors over examples and outputs", "((Z - Y) ** 2).sum() / (2 * len(Z))"),
    "tanh_mse": ("tanh output, (1/2m) sum of squared errors", "((torch.tanh(Z) - Y) ** 2).sum() / (2 * len(Z))"),
}
_OPTIMIZERS = {  # (comment, call)
    "sgd": ("W := W - lr dW", "torch.optim.SGD(model.parameters(), lr=LEARNING_RATE)"),
    "momentum": ("v := 0.9 v + dW; W := W - lr v",
                 ("torch.optim.SGD(\n    model.parameters(), lr=LEARNING_RATE, momentum=0.9, dampening=0, "
                 "nesterov=False\n)")),
    "adam": ("Kingma & Ba 2015: eps added to sqrt(v_hat)",
             "torch.optim.Adam(\n    model.parameters(), lr=LEARNING_RATE, betas=(0.9, 0.999), eps=1e-8\n)"),
}
LITERAL_MAX = 64  # arrays of at most this many numbers are written as lists, longer ones as base64


def tensor_text(a: np.ndarray) -> str:
    """Python source that gives ``a`` (float64 or int64) back exactly as a
    tensor: ``torch.tensor`` of a nested literal list of float reprs (an exact
    round trip) when small, else ``torch.from_numpy(_unpack("<base64 of the
    zlib-compressed little-endian bytes>", dtype, shape))``."""
    a = np.asarray(a)
    if a.size <= LITERAL_MAX:
        kind = {"i": "int64", "u": "int64", "b": "bool"}.get(a.dtype.kind, "float64")
        return f"torch.tensor({a.tolist()!r}, dtype=torch.{kind})"
    le = a.dtype.newbyteorder("<")
    blob = base64.b64encode(zlib.compress(np.ascontiguousarray(a, le).tobytes(), 9)).decode("ascii")
    return f'torch.from_numpy(_unpack("{blob}", "{le.str}", {tuple(a.shape)!r}))'


def _blocks(net, vector: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """A vector laid out like the network's parameters, as (W[l], b[l]) per layer."""
    rows, out, at = net.params_in_rows(vector), [], 0
    for n_in, n_out in zip(net.sizes[:-1], net.sizes[1:]):
        block = np.asarray(rows[at : at + n_out * (n_in + 1)]).reshape(n_out, n_in + 1)
        out.append((block[:, :-1], block[:, -1]))
        at += n_out * (n_in + 1)
    return out




def _features_class(trainer) -> str:
    split = trainer.split
    std = trainer.standardizer
    if split.uses_feature_transforms:
        cols = ", ".join(_FEATURES[n] for n in trainer.config.features)
        stack = f"        F = torch.stack([{cols}], dim=1)\n"
        if len(stack) > 89:
            stack = f"        F = torch.stack(\n            [{cols}], dim=1\n        )\n"
        body = "        x1, x2 = X[:, 0], X[:, 1]\n" + stack
        what = f"the features {', '.join(trainer.config.features)} of the two raw inputs"
    else:
        body = "        F = X\n"
        what = f"the inputs {', '.join(map(str, trainer.data.input_names))} as they are"
    doc = textwrap.fill(f"Raw inputs X (m, {trainer.data.n_inputs}) -> the network's inputs A[0] "
                        f"(m, {trainer.net.sizes[0]}): {what}, then (F - mean) / std with the training set's "
                        "statistics (mean 0, std 1 when standardisation is off).", 80,
                        initial_indent="    ", subsequent_indent="    ").strip()
    return (
        "class Features(nn.Module):\n"
        f'    """{doc}"""\n\n'
        "    def __init__(self):\n"
        "        super().__init__()\n"
        "        # fmt: off\n"
        f'        self.register_buffer("mean", {tensor_text(std.mean.astype(np.float64))})\n'
        f'        self.register_buffer("std", {tensor_text(std.std.astype(np.float64))})\n'
        "        # fmt: on\n\n"
        "    def forward(self, X):\n"
        f"{body}"
        "        return (F - self.mean) / self.std\n"
    )


def _model(trainer) -> str:
    net = trainer.net
    lines = ["model = nn.Sequential(", "    Features(),"]
    names = net.activation_names
    for l, (n_in, n_out) in enumerate(zip(net.sizes[:-1], net.sizes[1:])):
        linear = f"    {parts.linear_name(trainer, l)}({n_in}, {n_out}),"
        if l == len(net.sizes) - 2:
            lines.append(f"{linear}  # the logits Z[L]")
            continue
        lines.append(f"{linear}  # hidden layer {l + 1}")
        lines.append(f"    {TORCH_ACTIVATIONS[names[l]]},")
        lines += ["    " + m for m in parts.after_activation(trainer, l, tensor_text)]
    lines.append(")")
    lines.append("# layer l's nn.Linear is LINEAR[l - 1]")
    lines.append("LINEAR = [layer for layer in model if isinstance(layer, nn.Linear)]")
    lines.append("# The run's current weights W[l] (n[l], n[l-1]) and biases b[l]")
    lines.append("# fmt: off")
    lines.append("with torch.no_grad():")
    for l, (W, b) in enumerate(_blocks(net, net.params), start=1):
        lines.append(f"    LINEAR[{l - 1}].weight.copy_({tensor_text(W)})  # W[{l}]")
        lines.append(f"    LINEAR[{l - 1}].bias.copy_({tensor_text(b)})  # b[{l}]")
    lines += parts.mask_lines(trainer, tensor_text)
    lines.append("# fmt: on")
    return "\n".join(lines) + "\n"


def _targets(trainer, Y: np.ndarray, y: np.ndarray) -> np.ndarray:
    if trainer.loss_name == "ce":
        return np.asarray(y, np.int64)
    return np.asarray(Y, np.float64)


def _data(trainer) -> str:
    split, data = trainer.split, trainer.data
    X_raw = np.asarray(data.X, np.float64)
    parts_ = ["# fmt: off"]
    for name, rows, Y, y in (("", split.train_index, trainer.Y_train, trainer.y_train),
                             ("_test", split.test_index, trainer.Y_test, trainer.y_test)):
        parts_.append(f"X{name} = {tensor_text(X_raw[rows])}")
        parts_.append(f"y{name} = {tensor_text(_targets(trainer, Y, y))}")
    parts_.append("# fmt: on")
    kind = ("class indices 0..k-1" if trainer.loss_name == "ce" else
            "targets as the loss takes them, one column per output" +
            (" (classes as -1/+1)" if trainer.loss_name == "tanh_mse" and data.task == CLASSIFICATION else ""))
    comment = textwrap.fill(f"The data: raw inputs, one example per row (the training set X, y and the test set "
                            f"X_test, y_test); y holds {kind}.", 78, initial_indent="# ", subsequent_indent="# ")
    return comment + "\n" + "\n".join(parts_) + "\n"


def _optimizer_state(trainer) -> str:
    opt = trainer.optimizer
    state = opt.state()
    if not state:
        return "# (the run's optimizer has no state yet: it starts fresh, as nnplay's would)\n"
    lines = ["# the run's optimizer state, so that training carries on as nnplay's would", "# fmt: off"]
    names = {"velocity": ("momentum_buffer",), "m": ("exp_avg",), "v": ("exp_avg_sq",)}
    per_layer = {k: _blocks(trainer.net, v) for k, v in state.items()}
    for l in range(trainer.net.n_layers):
        for part, which in (("weight", 0), ("bias", 1)):
            entries = [f'"{names[k][0]}": {tensor_text(per_layer[k][l][which])}' for k in state]
            if opt.name == "adam":
                entries.insert(0, f'"step": torch.tensor({float(opt.t)!r})')
            lines.append(f"optimizer.state[LINEAR[{l}].{part}] = {{{', '.join(entries)}}}")
    return "\n".join(lines) + "\n# fmt: on\n"


def _l1_threshold(trainer) -> str:
    if trainer.optimizer.name == "adam":
        return ("    # Adam: t = lr l1 / (sqrt(v_hat) + eps), the step in Adam's metric\n"
                "    state = optimizer.state[W]\n"
                '    v_hat = state["exp_avg_sq"] / (1 - 0.999 ** float(state["step"]))\n'
                "    return lr * L1 / (v_hat.sqrt() + 1e-8)\n")
    return "    return torch.full_like(W, lr * L1)  # t = lr l1\n"


def _blocks_of(trainer):
    return lambda vector: _blocks(trainer.net, vector)


UNPACK = '''def _unpack(text, dtype, shape):
    """An array written as base64 of its zlib-compressed bytes."""
    data = zlib.decompress(base64.b64decode(text))
    return np.frombuffer(data, dtype=dtype).reshape(shape).copy()
'''

HEADER = '''"""{title}

{summary}

Importing this file builds, without training:
    model          torch.nn.Sequential with the run's current weights; model(X) gives
                   the logits Z[L] (m, {n_out}) of raw inputs X (m, {n_inputs}); its first
                   module, Features, computes the network's inputs
    X, y           the training set ({m_train}); X_test, y_test the test set
    predict(X)     the network's outputs A[L] = {output}, in model.eval() mode
Running it (python <this file> [EPOCHS], default {epochs_default}) trains as nnplay
does and prints the losses of each epoch: J_data on the training and test sets.
{dropout_note}Needs numpy and torch; everything is float64.
"""

import base64
{imports}import sys
import zlib

import numpy as np
import torch
from torch import nn

torch.set_default_dtype(torch.float64)


{unpack}

# alpha_0, the learning rate set{scheduled}
LEARNING_RATE = {lr!r}
# examples per optimizer step; the last mini-batch of an epoch holds what is left
BATCH_SIZE = {batch_size!r}
# J = J_data + L1 sum|W| + (L2 / 2) sum W^2, on the weights only (never the biases)
L1 = {l1!r}
L2 = {l2!r}
{clip}'''

DROPOUT_NOTE = ("Dropout is on in model.train() mode (training) and off in model.eval()\n"
                "mode (predict, losses), with nnplay's masks (see the class Dropout).\n")

TRAINING = '''

def predict(X):
    """A[L] for raw inputs X (m, {n_inputs}): the output activation of the logits."""
    model.eval()
    with torch.no_grad():
        Z = model(X)
        return {output}


def data_loss(Z, Y):
    """J_data of a mini-batch from its logits Z (see nnplay's docs/equations.md)."""
    # {loss_comment}
    return {loss}


def penalty():
    """The L2 part of the penalty, (L2 / 2) sum W^2 over the weights (L1 is a step
    of its own)."""
{penalty}

# {optimizer_comment}
optimizer = {optimizer}
{optimizer_state}
# nnplay shuffles each epoch (and draws dropout's masks) with NumPy's generator:
# this is the run's generator as it stands
rng = np.random.default_rng()
# fmt: off
rng.bit_generator.state = {rng_state!r}
# fmt: on
{held}{schedule}

def l1_threshold(W):
    """How far the L1 step moves each weight towards 0 after the optimizer's step."""
    lr = optimizer.param_groups[0]["lr"]
{l1_threshold}

def l1_step():
    """W := sign(W) max(|W| - t, 0): soft thresholding, the proximal step of t |W|."""
    with torch.no_grad():
        for layer in LINEAR:
            W = layer.weight
            W.sub_(torch.copysign(torch.minimum(W.abs(), l1_threshold(W)), W))


def train_epoch():
    """One epoch: a permutation of the training set (none when one batch holds it
    all), walked in mini-batches, one optimizer step each."""
    model.train()
    m = len(X)
    bs = m if BATCH_SIZE <= 0 or BATCH_SIZE >= m else BATCH_SIZE
    order = torch.from_numpy(rng.permutation(m) if bs < m else np.arange(m))
    for start in range(0, m, bs):
        rows = order[start : start + bs]
        optimizer.zero_grad()
        J = data_loss(model(X[rows]), y[rows]) + penalty()
        J.backward()
{step}{schedule_step}

def losses():
    """(J_data on the training set, J_data on the test set or nan)."""
    model.eval()
    with torch.no_grad():
        test = float(data_loss(model(X_test), y_test)) if len(X_test) else float("nan")
        return float(data_loss(model(X), y)), test


if __name__ == "__main__":
    epochs = int(sys.argv[1]) if len(sys.argv) > 1 else {epochs_default}
    for epoch in range({next_epoch}, {next_epoch} + epochs):
        train_epoch()
        train_loss, test_loss = losses()
        # no test set: nothing to show, not nan
        test = "–" if test_loss != test_loss else f"{{test_loss:.6f}}"
        print(f"epoch {{epoch}}  train loss {{train_loss:.6f}}  test loss {{test}}")
'''


def torch_script(trainer, epochs: int = 100) -> str:
    """The source of a standalone PyTorch script of ``trainer``'s run (see the
    module's docstring); running it trains ``epochs`` epochs by default.
    ValueError, one line naming the setting, for a run it cannot reproduce."""
    from .. import __version__

    parts.check_exportable(trainer, TORCH_ACTIVATIONS, _LOSSES, _OPTIMIZERS)
    config, net, loss = trainer.config, trainer.net, trainer.loss_name
    hidden = ", ".join(map(str, config.hidden)) or "none"
    summary = (f"{trainer.data.name}, hidden layers {hidden}, {config.activation}, loss {loss}, "
               f"{config.optimizer} at learning rate {config.lr:g}")
    edits = trainer.describe_edits()
    summary = textwrap.fill(f"Exported by nnplay {__version__} from a run at epoch {trainer.epoch}: {summary}"
                            + (f"; {edits}." if edits else "."), 80)
    scheduled = parts.uses_schedule(trainer)
    head = HEADER.format(
        unpack=UNPACK, title="A network trained in nnplay, as a PyTorch script.", summary=summary,
        n_out=net.sizes[-1], n_inputs=trainer.data.n_inputs,
        m_train=count(trainer.X_train.shape[0], 'example'), output=_OUTPUTS[loss].replace("Z", "model(X)"), epochs_default=epochs,
        dropout_note=DROPOUT_NOTE if any(net.dropout.rates) else "",
        imports="import math\n" if config.schedule.startswith("cosine") else "",
        scheduled=" (the schedule below scales it per epoch)" if scheduled else "",
        lr=float(config.lr), batch_size=int(config.batch_size), l1=float(net.l1), l2=float(net.l2),
        clip=f"# the gradient's largest norm (over all parameters)\nCLIP = {float(config.clip)!r}\n"
        if config.clip else "")
    optimizer_comment, optimizer = _OPTIMIZERS[config.optimizer]
    loss_comment, loss_text = _LOSSES[loss]
    body = TRAINING.format(
        n_inputs=trainer.data.n_inputs, output=_OUTPUTS[loss], loss=loss_text, loss_comment=loss_comment,
        penalty=parts.penalty_body(trainer), optimizer=optimizer, optimizer_comment=optimizer_comment,
        optimizer_state=_optimizer_state(trainer), rng_state=trainer.rng.bit_generator.state,
        held=parts.held_lines(trainer, _blocks_of(trainer), tensor_text), schedule=parts.schedule_lines(trainer),
        l1_threshold=_l1_threshold(trainer), step=parts.step_lines(trainer),
        schedule_step="    scheduler.step()  # the next epoch's learning rate\n" if scheduled else "",
        epochs_default=epochs, next_epoch=trainer.epoch + 1)
    classes = parts.layer_classes(trainer)
    pieces = [head, _features_class(trainer), *([classes] if classes else []), _model(trainer), _data(trainer)]
    return "\n\n".join(pieces) + body


def write_torch_script(path, trainer, epochs: int = 100) -> None:
    """Write ``torch_script(trainer, epochs)`` to ``path`` (UTF-8); ValueError
    (nothing written) for a run the script cannot reproduce."""
    from ..file_write import write_text

    write_text(path, torch_script(trainer, epochs))
