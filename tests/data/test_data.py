import numpy as np
import pytest

from nnplay.data import (
    CLASSIFICATION, DATASETS, REGRESSION, Standardizer, generate, parse_features, train_test_indices, transform,
)


def test_circle_without_noise_keeps_each_class_in_its_band():
    d = generate("circle", noise=0.0, seed=1)
    r = np.hypot(d.X[:, 0], d.X[:, 1])
    assert d.n_examples == 500 and np.bincount(d.y).tolist() == [250, 250]
    assert r[d.y == 1].max() <= 2.5
    assert r[d.y == 0].min() >= 3.5 and r[d.y == 0].max() <= 5.0


def test_circle_noise_mislabels_points_near_the_gap():
    d = generate("circle", noise=0.5, seed=1)
    r = np.hypot(d.X[:, 0], d.X[:, 1])
    outer_labelled_inner = np.sum((r > 3.5) & (d.y == 1))
    assert outer_labelled_inner > 0


def test_xor_labels_by_quadrant_and_keeps_off_the_axes():
    d = generate("xor", noise=0.0, seed=2)
    assert d.n_examples == 500
    assert np.all(np.abs(d.X) >= 0.3) and np.all(np.abs(d.X) <= 5.3)
    np.testing.assert_array_equal(d.y, (d.X[:, 0] * d.X[:, 1] >= 0).astype(int))


@pytest.mark.parametrize("noise,variance", [(0.0, 0.5), (0.5, 4.0)])
def test_gauss_blob_centres_and_variance(noise, variance):
    d = generate("gauss", noise=noise, seed=3)
    pos, neg = d.X[d.y == 1], d.X[d.y == 0]
    assert len(pos) == len(neg) == 250
    np.testing.assert_allclose(pos.mean(axis=0), [2, 2], atol=0.4)
    np.testing.assert_allclose(neg.mean(axis=0), [-2, -2], atol=0.4)
    assert pos.var(axis=0).mean() == pytest.approx(variance, rel=0.2)


def test_spiral_without_noise_lies_on_its_arms():
    d = generate("spiral", noise=0.0)
    n = 250
    for label, delta in ((1, 0.0), (0, np.pi)):
        pts = d.X[d.y == label]
        i = np.arange(n)
        r, t = i / n * 5, 1.75 * i / n * 2 * np.pi + delta
        np.testing.assert_allclose(pts, np.column_stack([r * np.sin(t), r * np.cos(t)]), atol=1e-12)


@pytest.mark.parametrize("name", ["spiral-k", "blobs-k"])
@pytest.mark.parametrize("k", [3, 4, 5])
def test_k_class_sets(name, k):
    d = generate(name, noise=0.1, classes=k)
    assert d.task == CLASSIFICATION and d.n_classes == k and d.n_examples == 500
    assert set(np.unique(d.y)) == set(range(k))


def test_plane_targets():
    d = generate("plane", noise=0.0, seed=0)
    assert d.task == REGRESSION and d.n_examples == 1200
    assert np.all(np.abs(d.X) <= 6)
    np.testing.assert_allclose(d.y, (d.X[:, 0] + d.X[:, 1]) / 10)


def test_multigauss_targets():
    d = generate("multigauss", noise=0.0, seed=0)
    assert d.task == REGRESSION and d.n_examples == 1200
    assert d.y.min() >= -1 and d.y.max() <= 1
    near = np.hypot(d.X[:, 0] + 4, d.X[:, 1] - 2.5) < 0.3  # the (+) bump at (-4, 2.5)
    assert near.any() and np.all(d.y[near] > 0.8)
    far = np.min([np.hypot(d.X[:, 0] - cx, d.X[:, 1] - cy) for cx in (-4, 0, 4) for cy in (-2.5, 2.5)], axis=0) > 2
    assert np.all(d.y[far] == 0)


def test_moons_are_two_balanced_classes():
    d = generate("moons", noise=0.1)
    assert np.bincount(d.y).tolist() == [250, 250]


@pytest.mark.parametrize("name", list(DATASETS))
def test_seed_reproduces_and_changes_data(name):
    a, b, c = generate(name, 0.2, seed=1), generate(name, 0.2, seed=1), generate(name, 0.2, seed=2)
    assert np.array_equal(a.X, b.X) and np.array_equal(a.y, b.y)
    assert not np.array_equal(a.X, c.X)
    assert a.domain == ((-6.0, 6.0), (-6.0, 6.0))


def test_generate_refuses_bad_settings():
    with pytest.raises(ValueError, match="noise"):
        generate("circle", noise=0.9)
    with pytest.raises(ValueError, match="unknown data set"):
        generate("donut")


def test_feature_transforms():
    X = np.array([[1.0, 2.0], [-0.5, 3.0]])
    names = parse_features("x1, x2, x1^2, x2^2, x1*x2, sin(x1), sin_x2")
    assert names == ("x1", "x2", "x1^2", "x2^2", "x1x2", "sin_x1", "sin_x2")
    F = transform(X, names)
    np.testing.assert_allclose(F[1], [-0.5, 3.0, 0.25, 9.0, -1.5, np.sin(-0.5), np.sin(3.0)])
    with pytest.raises(ValueError, match="unknown feature"):
        parse_features("x3")
    with pytest.raises(ValueError, match="at least one"):
        parse_features("")


@pytest.mark.parametrize("ratio", [0.1, 0.5, 0.9, 1.0])
def test_split_is_a_partition(ratio):
    tr, te = train_test_indices(500, ratio, seed=3)
    assert len(tr) == round(500 * ratio) and len(tr) + len(te) == 500
    assert np.array_equal(np.sort(np.concatenate([tr, te])), np.arange(500))
    tr2, _ = train_test_indices(500, ratio, seed=3)
    assert np.array_equal(tr, tr2)


def test_split_keeps_one_training_example():
    tr, te = train_test_indices(3, 0.1, seed=0)
    assert len(tr) == 1 and len(te) == 2


def test_standardizer_fits_training_columns():
    X = np.array([[1.0, 10.0], [3.0, 10.0], [5.0, 10.0]])
    s = Standardizer.fit(X)
    Z = s(X)
    np.testing.assert_allclose(Z.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(Z[:, 0].std(), 1)
    assert np.all(Z[:, 1] == 0)  # constant column: no division by zero


def test_features_are_shown_with_the_data_s_own_input_names():
    from nnplay.data import feature_label, input_labels

    assert [feature_label(f) for f in ("x1", "x2", "x1^2", "x1x2", "sin_x2")] == ["X₁", "X₂", "X₁²", "X₁X₂", "sin(X₂)"]
    assert input_labels(("x1", "x1^2", "x1x2", "sin_x1"), ("height", "weight")) == [
        "height", "height²", "height·weight", "sin(height)"]
    # a CSV with more inputs: its columns, whole, whatever their names look like
    cols = ("sepal_len", "sepal_wid", "petal_len", "petal_wid")
    assert input_labels(cols, cols) == list(cols)
