"""The hidden layers' sizes are read in one place (``training.layer_sizes``) by ``nnplay train --layers``,
the settings text and the config: the same text gives the same sizes, or the same one-line refusal naming the
bad size and which layer it is (round 21: the config said "got 300" without the layer, the command line
"hidden layer sizes must be comma-separated ..." where the others said "hidden layer size must be ...", and
"none" was no layer on the command line but refused by the settings text)."""

import argparse

import pytest

from nnplay.cli.base import layers
from nnplay.training import TrainConfig
from nnplay.training.layer_sizes import layer_sizes


def _read_by_each(text: str) -> dict:
    """What the command line, the settings text and the config make of ``text``: sizes or the refusal."""
    def option():
        try:
            return layers(text)
        except argparse.ArgumentTypeError as refused:
            raise ValueError(str(refused)) from None

    def pasted():
        try:
            return TrainConfig.text_patch(f"hidden={text}")["hidden"]
        except ValueError as refused:
            said = str(refused)
            assert said.startswith("setting 'hidden': "), said  # (the text names the setting first)
            raise ValueError(said.removeprefix("setting 'hidden': ")) from None

    results = {}
    for name, read in (("--layers", option), ("settings text", pasted), ("config", lambda: TrainConfig(hidden=text).hidden)):
        try:
            results[name] = read()
        except ValueError as refused:
            results[name] = str(refused)
    return results


@pytest.mark.parametrize("text, read", [
    ("4,2", (4, 2)), (" 4 , 2 ", (4, 2)), ("", ()), ("none", ()), ("-", ()),
    ("4,x", "layer 2 of '4,x': hidden layer size must be a whole number from 1 to 256, got 'x'"),
    ("4,300", "layer 2 of '4,300': hidden layer size must be a whole number from 1 to 256, got '300'"),
    ("4,,2", "layer 2 of '4,,2': hidden layer size must be a whole number from 1 to 256, got ''"),
    ("4.0,2", "layer 1 of '4.0,2': hidden layer size must be a whole number from 1 to 256, got '4.0'"),
    ("x", "hidden layer size must be a whole number from 1 to 256, got 'x'"),
    ("0", "hidden layer size must be a whole number from 1 to 256, got '0'"),
    ("4;2", "hidden layer size must be a whole number from 1 to 256, got '4;2' (separate the sizes with commas: 4,2)"),
    ("8, 4 2", "layer 2 of '8, 4 2': hidden layer size must be a whole number from 1 to 256, got '4 2' "
               "(separate the sizes with commas: 4,2)"),
])
def test_the_command_line_the_settings_text_and_the_config_read_the_sizes_alike(text, read):
    assert _read_by_each(text) == {"--layers": read, "settings text": read, "config": read}


@pytest.mark.parametrize("hidden, said", [
    ((4, 300), "layer 2 of [4, 300]: hidden layer size must be a whole number from 1 to 256, got 300"),
    ([True], "hidden layer size must be a whole number from 1 to 256, got True"),
    ([4, 2.5], "layer 2 of [4, 2.5]: hidden layer size must be a whole number from 1 to 256, got 2.5"),
])
def test_sizes_given_as_numbers_are_refused_with_their_place(hidden, said):
    with pytest.raises(ValueError) as refused:
        layer_sizes(hidden)
    assert str(refused.value) == said


def test_sizes_given_as_numbers_are_read():
    assert layer_sizes([4, 2.0]) == (4, 2) and layer_sizes(5) == (5,) and layer_sizes(()) == ()
