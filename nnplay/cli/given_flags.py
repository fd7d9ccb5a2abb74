"""Which options were typed on the command line, as opposed to left at their
defaults: ``track_given(parser)`` makes the parser's plain and on/off options
record their ``dest`` in ``args.given`` when used, so a settings text can fill
what was left out while the options given beside it override it (the
argparse defaults themselves must not override the text)."""

from __future__ import annotations

import argparse
import re

from .base import OptionError


def _recording(base: type) -> type:
    class Given(base):
        def __call__(self, parser, namespace, values, option_string=None):
            namespace.given = {*getattr(namespace, "given", ()), self.dest}
            super().__call__(parser, namespace, values, option_string)

    Given.__name__ = f"Given{base.__name__}"
    return Given


def track_given(parser: argparse.ArgumentParser) -> None:
    """Call before adding the options (``ArgumentParser.register`` swaps the
    classes of the 'store', 'store_true' and 'store_false' actions)."""
    store = parser._registry_get("action", "store", argparse._StoreAction)  # (Parser's: given twice is refused)
    parser.register("action", None, _recording(store))
    parser.register("action", "store", _recording(store))
    parser.register("action", "store_true", _recording(argparse._StoreTrueAction))
    parser.register("action", "store_false", _recording(argparse._StoreFalseAction))


def given(args) -> set[str]:
    """The dests of the options typed (see ``track_given``)."""
    return set(getattr(args, "given", ()))


# TrainConfig field -> the `nnplay train` options that set it
FIELD_OPTIONS = {
    "dataset": ("dataset", "data"), "noise": ("noise",), "classes": ("classes",), "data_seed": ("seed",),
    "train_ratio": ("train_ratio",), "features": ("features",), "hidden": ("layers",),
    "activation": ("activation",), "loss": ("loss",), "optimizer": ("optimizer",), "lr": ("lr",),
    "l1": ("l1",), "l2": ("l2",), "init": ("init",), "batch_size": ("batch_size",), "seed": ("seed",),
    "dtype": ("dtype",), "standardize": ("standardize",),
}


def _from_text(args) -> dict:
    """The TrainConfig fields the settings text ``args.settings`` sets that no
    typed option overrides ({} without a text); ValueError (one line) for a bad text."""
    if getattr(args, "settings", None) is None:
        return {}
    from ..training import TrainConfig

    typed = given(args)
    try:
        patch = TrainConfig.text_patch(args.settings)
    except ValueError as exc:
        raise OptionError("--settings", exc) from None
    return {name: value for name, value in patch.items()
            if not typed.intersection(FIELD_OPTIONS.get(name, ()))}


def config_error(args, exc: ValueError) -> ValueError:
    """``TrainConfig``'s refusal of the merged options (one setting named first: "activation must
    be one name, or one per hidden layer ..."), said as a bad option, as argparse says one: blamed on
    --settings when the text set that field, else on the option that sets it (--activation), typed
    or not (its default did not fit what was typed); as it is when neither is known (``naming_the_flag``
    then names the flag by its words)."""
    found = re.match(r"(?:setting ')?([a-z_0-9]+)\b", str(exc))
    field = found.group(1) if found else ""
    if field in _from_text(args) or (getattr(args, "settings", None) is not None and field not in FIELD_OPTIONS):
        return OptionError("--settings", exc)
    if field in FIELD_OPTIONS:
        return OptionError("--" + FIELD_OPTIONS[field][0].replace("_", "-"), exc)
    return exc


def merge_settings(args, fields: dict) -> dict:
    """The TrainConfig fields for `nnplay train`: ``fields`` (from the options)
    where an option was typed or the text ``args.settings`` is silent, the text's
    values elsewhere; ValueError (one line) for a bad text."""
    return {**fields, **_from_text(args)}


DATA_FIELDS = ("dataset", "noise", "classes", "data_seed")  # the fields that say which data set is generated


def settings_onto_data_options(args) -> None:
    """Put the data set the settings text ``args.settings`` names (dataset, noise,
    classes, data seed) into the options that set them where none was typed, so
    that the checks of the options and the data generated (``--stratify``) follow
    the text as the trainer does; ValueError (one line) for a bad text."""
    text = _from_text(args)
    if text.get("dataset") == "csv":  # (with --data typed the text's dataset is overridden)
        raise OptionError("--settings", "names dataset=csv: give the file with --data FILE.csv", "dataset=csv")
    for field in DATA_FIELDS:
        if field in text:
            setattr(args, FIELD_OPTIONS[field][0], text[field])
