"""The settings text: a patch of the settings it names, spelt as the window spells them."""

import pytest

from nnplay.training import TrainConfig
from nnplay.training.settings_text import CHOICE_LABELS, canonical_choice


def test_a_settings_text_names_only_what_it_changes():
    assert TrainConfig.text_patch("lr=0.01") == {"lr": 0.01}
    assert TrainConfig.text_patch("standardize=1&") == {"standardize": True}
    assert TrainConfig.text_patch("#&hidden=8,3&&noise=0.1&") == {"hidden": (8, 3), "noise": 0.1}


@pytest.mark.parametrize("setting", sorted(CHOICE_LABELS))
def test_every_choice_is_read_as_the_window_spells_it(setting):
    for key, label in CHOICE_LABELS[setting].items():
        assert canonical_choice(setting, label) == key
        assert canonical_choice(setting, label.upper()) == key
        assert canonical_choice(setting, key) == key


def test_window_spellings_and_bad_choices():
    patch = TrainConfig.text_patch("activation=ReLU&optimizer=Adam&init=He&loss=Softmax + cross-entropy")
    assert patch == {"activation": "relu", "optimizer": "adam", "init": "he", "loss": "ce"}
    with pytest.raises(ValueError, match=r"unknown activation 'relux': choose one of tanh, .*leaky_relu"):
        TrainConfig.text_patch("activation=relux")
    for bad, fragment in [("lr=1&lr=2", "'lr' is given twice"), ("hidden", "'hidden' has no '='"),
                          ("standardize=maybe", "setting 'standardize': standardize must be"),
                          ("colour=red", "unknown setting 'colour'.*the settings are dataset, noise"),
                          ("&&&===", "'===' has no setting's name before its '='"),  # (said "unknown setting ''")
                          ("=3", "'=3' has no setting's name before its '='")]:
        with pytest.raises(ValueError, match=fragment):
            TrainConfig.text_patch(bad)
    with pytest.raises(ValueError, match="unknown optimizer 'rmsprop': choose one of sgd, momentum, adam"):
        TrainConfig(optimizer="rmsprop")


def test_line_breaks_separate_settings_and_a_left_out_layer_size_is_refused():
    from nnplay.training import TrainConfig

    assert TrainConfig.text_patch("dataset=spiral\nlr=0.1") == {"dataset": "spiral", "lr": 0.1}
    assert TrainConfig.text_patch("hidden=")["hidden"] == ()
    with pytest.raises(ValueError, match="hidden"):
        TrainConfig.text_patch("hidden=4,,4")


def test_a_range_error_quotes_the_value_given_not_a_rounded_one():
    from nnplay.training import TrainConfig

    with pytest.raises(ValueError, match="100.0001"):
        TrainConfig.from_text("lr=100.0001")


LIST_ITEMS = [  # (a value given, the place said, the item quoted): a bad item of a list is named, and where
    ("hidden=4,zz", "layer 2 of '4,zz': ", "got 'zz'"),  # (tester round 20: "got '4,zz'")
    ("hidden=4,,4", "layer 2 of '4,,4': ", "got ''"),
    ("hidden=zz", "", "got 'zz'"),  # one item: it is the whole
    ("hidden=4,300", "layer 2 of '4,300': ", "got '300'"),
    ("hidden=2,2&dropout=0.1,x", "layer 2 of '0.1,x': ", "got 'x'"),
    ("hidden=2,2&dropout=0.1,0.95", "layer 2 of '0.1,0.95': ", "got '0.95'"),
    ("hidden=2,2&freeze=1,q", "item 2 of '1,q': ", "got 'q'"),
]


@pytest.mark.parametrize("text,place,end", LIST_ITEMS)
def test_a_bad_item_of_a_list_is_named_with_its_place(text, place, end):
    with pytest.raises(ValueError) as caught:
        TrainConfig.from_text(text)
    key = text.rsplit("&", 1)[-1].split("=")[0]
    assert str(caught.value).startswith(f"setting {key!r}: {place}") and str(caught.value).endswith(end), \
        str(caught.value)


@pytest.mark.parametrize("hidden,said", [
    ("4,zz", "layer 2 of '4,zz': hidden layer size must be a whole number from 1 to 256, got 'zz'"),
    ([4, "zz"], "layer 2 of [4, 'zz']: hidden layer size must be a whole number from 1 to 256, got 'zz'"),
    ("zz", "hidden layer size must be a whole number from 1 to 256, got 'zz'")])
def test_a_bad_hidden_layer_given_to_the_config_is_named_with_its_place(hidden, said):
    with pytest.raises(ValueError) as caught:
        TrainConfig(hidden=hidden)
    assert str(caught.value) == said


def test_the_layers_option_names_the_bad_size_and_its_place():
    import argparse

    from nnplay.cli.base import layers

    for text, start, end in (("4,zz", "layer 2 of '4,zz': hidden layer size", "got 'zz'"),
                             ("4,300", "layer 2 of '4,300': hidden layer size", "got '300'"),
                             ("zz", "hidden layer size", "got 'zz'")):
        with pytest.raises(argparse.ArgumentTypeError) as caught:
            layers(text)
        assert str(caught.value).startswith(start) and str(caught.value).endswith(end), str(caught.value)
    assert layers("4, 2") == (4, 2)
