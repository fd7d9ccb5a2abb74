"""The parts of the PyTorch script (``training.torch_export``) that carry the
settings of issue 17 (dropout, frozen and pruned parameters, learning-rate
schedules, gradient clipping), and the check that refuses, in one line, a run
the script could not reproduce.

What nnplay does and what the script writes for it:

    dropout p[l]   inverted dropout on A[l] (engine.dropout): a module ``Dropout``
                   that, in train() mode, keeps A where u >= p (u ~ U[0, 1) from
                   NumPy's generator, drawn as nnplay draws it) and scales by
                   1 / (1 - p); identity in model.eval() mode. nn.Dropout(p) is the same
                   layer with torch's own generator (other masks, same law).
    pruned         W~ = M * W in the forward pass (``PrunedLinear``), pruned hidden
                   neurons output 0 (``PrunedNeurons``), the L2 term leaves out the
                   weights pruning makes irrelevant (engine.masks)
    frozen, held   their values and optimizer state saved before each step and
                   written back after it, as ``ParameterMasks.hold_ops`` does
    schedule       torch.optim.lr_scheduler.LambdaLR with nnplay's closed form
                   (training.schedules), from the run's epoch on
    clip           torch.nn.utils.clip_grad_norm_'s two steps (engine.clipping):
                   get_total_norm, then clip_grads_with_norm_ when the norm > CLIP
"""

from __future__ import annotations

from dataclasses import fields

import numpy as np

from .schedules import parse_schedule

# Every setting of TrainConfig and how the script carries it; a setting missing
# here (a new one) is refused when it differs from its default.
CARRIED = {
    "dataset": "the data, written out",
    "noise": "the data, written out",
    "classes": "the data, written out",
    "data_seed": "the data and its split, written out",
    "train_ratio": "the split, written out",
    "features": "Features",
    "hidden": "the layers",
    "activation": "the layers",
    "loss": "data_loss",
    "optimizer": "the optimizer",
    "lr": "LEARNING_RATE",
    "l1": "l1_step",
    "l2": "penalty",
    "init": "the current weights, written out",
    "batch_size": "BATCH_SIZE",
    "seed": "the generator's state, written out",
    "dtype": "float64 only (checked)",
    "standardize": "Features",
    "dropout": "Dropout",
    "freeze": "HELD",
    "schedule": "scheduler",
    "clip": "CLIP",
    "extra": "not a training setting",
}
# the optimizers' constants the script writes (nnplay's defaults)
OPTIMIZER_CONSTANTS = {"momentum": {"momentum": 0.9}, "adam": {"beta1": 0.9, "beta2": 0.999, "eps": 1e-8}}


def check_exportable(trainer, activations, losses, optimizers) -> None:
    """ValueError, one line naming the setting, when the script could not
    reproduce ``trainer``'s run exactly (the names the script knows are the
    keys of ``activations``, ``losses`` and ``optimizers``)."""
    config, net = trainer.config, trainer.net
    if net.dtype != np.float64:
        raise ValueError(f"dtype {net.dtype}: the PyTorch script computes in float64 and would not follow "
                         "this run; train with dtype float64 to export it")
    for name in net.activation_names:
        if name not in activations:
            raise ValueError(f"activation {name!r}: the PyTorch export has no module for it")
    if trainer.loss_name not in losses:
        raise ValueError(f"loss {trainer.loss_name!r}: the PyTorch export has no loss for it")
    if config.optimizer not in optimizers:
        raise ValueError(f"optimizer {config.optimizer!r}: the PyTorch export has no optimizer for it")
    for key, value in OPTIMIZER_CONSTANTS.get(config.optimizer, {}).items():
        if getattr(trainer.optimizer, key) != value:
            raise ValueError(f"optimizer {config.optimizer} with {key} {getattr(trainer.optimizer, key)!r}: "
                             f"the PyTorch export writes {key} {value!r}")
    defaults = type(config)()
    for f in fields(config):
        if f.name not in CARRIED and getattr(config, f.name) != getattr(defaults, f.name):
            raise ValueError(f"setting {f.name!r}: the PyTorch export does not carry it")


def uses_pruning(trainer) -> bool:
    m = trainer.net.masks
    return bool(m.pruned.any() or any(n.any() for n in m.neurons))


def uses_holding(trainer) -> bool:
    return bool(trainer.net.masks.any)


# ----------------------------------------------------------------- the layers
DROPOUT_CLASS = '''class Dropout(nn.Module):
    """Inverted dropout (Srivastava et al., JMLR 2014), as nn.Dropout(p) does it:
    in train() mode each activation is kept with probability 1 - p and scaled by
    1 / (1 - p), so its mean is unchanged; in model.eval() mode it passes as it is.
    The mask is drawn from NumPy's generator `rng` as nnplay draws it (u ~ U[0, 1)
    per activation, kept where u >= p), so this script drops the very units that
    nnplay would. nn.Dropout(p) is the same layer with torch's own generator:
    other masks, the same law."""

    def __init__(self, p):
        super().__init__()
        self.p = p

    def forward(self, A):
        if not self.training or self.p == 0:
            return A
        keep = torch.from_numpy(rng.random(tuple(A.shape)) >= self.p)
        return A * (keep.to(A.dtype) * (1 / (1 - self.p)))
'''

PRUNED_CLASSES = '''class PrunedLinear(nn.Linear):
    """nn.Linear whose pruned weights act as 0: Z = A (M * W)^T + b, with the mask
    M (n_out, n_in) in the buffer `keep` (1 kept, 0 pruned). W keeps its values,
    and the gradient of a pruned weight is 0 (the chain rule through M * W).
    torch.nn.utils.prune.custom_from_mask does the same by renaming `weight`."""

    def __init__(self, n_in, n_out):
        super().__init__(n_in, n_out)
        self.register_buffer("keep", torch.ones(n_out, n_in))

    def forward(self, A):
        return nn.functional.linear(A, self.weight * self.keep, self.bias)


class PrunedNeurons(nn.Module):
    """A hidden layer's pruned neurons output exactly 0: A * keep, keep (n,)."""

    def __init__(self, keep):
        super().__init__()
        self.register_buffer("keep", keep)

    def forward(self, A):
        return A * self.keep
'''


def layer_classes(trainer) -> str:
    """The module classes the model needs beyond torch's ("" for none)."""
    parts = []
    if any(trainer.net.dropout.rates):
        parts.append(DROPOUT_CLASS)
    if uses_pruning(trainer):
        parts.append(PRUNED_CLASSES)
    return "\n\n".join(parts)


def after_activation(trainer, l: int, tensor_text) -> list[str]:
    """The modules after hidden layer l's activation: its pruned neurons, its dropout."""
    out = []
    gone = trainer.net.masks.neurons[l]
    if gone.any():
        out.append(f"PrunedNeurons({tensor_text((~gone).astype(np.float64))}),")
    p = trainer.net.dropout.rates[l]
    if p:
        out.append(f"Dropout({p!r}),")
    return out


def linear_name(trainer, l: int) -> str:
    return "PrunedLinear" if trainer.net.masks.weight_keep[l] is not None else "nn.Linear"


def mask_lines(trainer, tensor_text) -> list[str]:
    """Lines (inside the weights' ``torch.no_grad()``) that set each PrunedLinear's mask M[l]."""
    out = []
    for l, keep in enumerate(trainer.net.masks.weight_keep):
        if keep is not None:
            M = np.ascontiguousarray(keep[:, : trainer.net.sizes[l]])
            out.append(f"    LINEAR[{l}].keep.copy_({tensor_text(M)})  # M[{l + 1}]: 0 where pruned")
    return out


# ------------------------------------------------------- held parameters
HELD_CODE = '''

def held_entries():
    """The held entries of each parameter and of its optimizer state, before a step."""
    saved = {}
    for p, mask in HELD.items():
        state = optimizer.state[p]
        kept = {k: v[mask].clone() for k, v in state.items() if k != "step"}
        saved[p] = (p.detach()[mask].clone(), kept)
    return saved


def restore_held(saved):
    """Write the held entries back after the step (and the L1 step), as nnplay
    does; optimizer state this step created starts at 0 there."""
    with torch.no_grad():
        for p, mask in HELD.items():
            values, kept = saved[p]
            p[mask] = values
            for k, v in optimizer.state[p].items():
                if k != "step":
                    v[mask] = kept[k] if k in kept else 0.0
'''


def held_lines(trainer, blocks, tensor_text) -> str:
    """HELD (and REGULARISED when pruning leaves weights out of the L2 term), or ""."""
    if not uses_holding(trainer):
        return ""
    m = trainer.net.masks
    held = blocks((m.frozen | m.dead).astype(bool))
    lines = ["", "# Frozen and pruned parameters: HELD[p] is True where parameter p keeps its",
             "# value and its optimizer state through every step (frozen, or made irrelevant",
             "# by a pruned weight or neuron). nnplay saves them before the step and writes",
             "# them back after, entry by entry (requires_grad_(False) works on whole",
             "# tensors only). As for a parameter without a gradient in clip_grad_norm_,",
             "# the held entries are left out of the norm that clipping sees.",
             "# fmt: off",
             "HELD = {"]
    for l, (W, b) in enumerate(held):
        if W.any():
            lines.append(f"    LINEAR[{l}].weight: {tensor_text(W)},")
        if b.any():
            lines.append(f"    LINEAR[{l}].bias: {tensor_text(b)},")
    lines.append("}")
    if uses_pruning(trainer):
        reg = blocks(~m.dead)
        lines.append("# the weights the L2 term counts (1), leaving out those pruning makes irrelevant (0)")
        lines.append("REGULARISED = [")
        lines += [f"    {tensor_text(W.astype(np.float64))}," for W, _ in reg]
        lines.append("]")
    lines.append("# fmt: on")
    return "\n".join(lines) + "\n" + HELD_CODE


def penalty_body(trainer) -> str:
    if uses_pruning(trainer):
        return ("    weights = [layer.weight * R for layer, R in zip(LINEAR, REGULARISED)]\n"
                "    return L2 / 2 * sum((W**2).sum() for W in weights)\n")
    return "    return L2 / 2 * sum((layer.weight**2).sum() for layer in LINEAR)\n"


# ------------------------------------------------------------- the step
def total_norm_lines(grads: str) -> list[str]:
    """``norm = nn.utils.get_total_norm(grads)`` as ``ruff format`` leaves it (a long list on a line of its own)."""
    line = f"        norm = nn.utils.get_total_norm({grads})"
    if len(line) <= 88:
        return [line]
    return ["        norm = nn.utils.get_total_norm(", f"            {grads}", "        )"]


def step_lines(trainer) -> str:
    """The body of one mini-batch's step after ``J.backward()``."""
    lines = []
    holding = uses_holding(trainer)
    if trainer.config.clip:
        grads = "[p.grad[~HELD[p]] if p in HELD else p.grad for p in model.parameters()]" if holding \
            else "[p.grad for p in model.parameters()]"
        lines += ["        # the gradient scaled to norm CLIP when its norm (over the parameters that",
                  "        # train) is larger: nn.utils.clip_grad_norm_(model.parameters(), CLIP) in two",
                  "        # steps, for nnplay's test (clip_grad_norm_ also scales norms within 1e-6 below CLIP)",
                  *total_norm_lines(grads),
                  "        if norm > CLIP:",
                  "            nn.utils.clip_grads_with_norm_(model.parameters(), CLIP, norm)"]
    if holding:
        lines.append("        saved = held_entries()")
    lines.append("        optimizer.step()")
    lines.append("        if L1:")
    lines.append("            l1_step()")
    if holding:
        lines.append("        restore_held(saved)")
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------ schedules
_SCHEDULE_TEXT = {  # (what it is, the body of lr_factor)
    "step": ("alpha_0 G^floor(e / S), as lr_scheduler.StepLR(step_size={0}, gamma={1})",
             ("    S, G = {0!r}, {1!r}  # epochs per step, factor\n"
             "    return G ** (epoch // S)\n")),
    "cosine": (("E + (alpha_0 - E) (1 + cos(pi min(e, T) / T)) / 2, as\n# lr_scheduler.CosineAnnealingLR(T_max={0}, "
               "eta_min={1}) in its closed form up to T, then E held"),
               ("    T, E = {0!r}, {1!r}  # the annealing epochs, the lowest rate\n"
               "    rate = E + (LEARNING_RATE - E) * (1 + math.cos(math.pi * min(epoch, T) / T)) / 2\n"
               "    return rate / LEARNING_RATE\n")),
    "warmup": (("alpha_0 (F + (1 - F) min(e, N) / N), as\n# lr_scheduler.LinearLR(start_factor={1}, "
               "total_iters={0})"),
               ("    N, F = {0!r}, {1!r}  # warm-up epochs, starting factor\n"
               "    return F + (1 - F) * min(epoch, N) / N\n")),
}


def schedule_lines(trainer) -> str:
    """The scheduler, or "" for a constant rate."""
    name, p = parse_schedule(trainer.config.schedule)
    if name == "constant":
        return ""
    what, formula = _SCHEDULE_TEXT[name]
    return (
        f"\n\n# The learning-rate schedule {trainer.config.schedule}: the rate of epoch e (0 for the first) is\n"
        f"# {what.format(*p)}.\n"
        "# Written as a LambdaLR of nnplay's closed form, so that it starts exactly at\n"
        "# this run's epoch (the built-in schedulers compute each rate from the last).\n"
        "def lr_factor(epoch):\n"
        '    """The learning rate of epoch e as a multiple of LEARNING_RATE."""\n'
        f"{formula.format(*p)}\n\n"
        "lr_scheduler = torch.optim.lr_scheduler\n"
        "for group in optimizer.param_groups:\n"
        '    group["initial_lr"] = LEARNING_RATE\n'
        f"scheduler = lr_scheduler.LambdaLR(optimizer, lr_factor, last_epoch={trainer.epoch - 1})\n"
    )


def uses_schedule(trainer) -> bool:
    return parse_schedule(trainer.config.schedule)[0] != "constant"
