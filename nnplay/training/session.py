"""`.nnplay` session files: a zip of one JSON document and .npy arrays.

    session.json   {"format": "nnplay-session", "version": 2, "config": {...},
                    "data": {name, task, input_names, class_names, domain, source, edited,
                             stratify, target_scale, import, target_name, notes},
                    "run": {epoch, diverged_at, optimizer_t, rng, optimizer_arrays,
                            history: {...}, grad_norms: {...}},
                    "view": {gradient_key, loss_y, norms_y} or null: the window's kept colour scale and
                            value axes (absent from older files)}
    X.npy, y.npy                  the data set (generated, loaded or drawn)
    test_mask.npy                 only for data edited by hand: its fixed train/test split (True: test)
    params.npy                    the network's parameters: layer by layer, [W | b] row by row
    history_<part>.npy            per-epoch records as a bounded min/max envelope (training.history:
    grad_norms_<part>.npy         exact, level_counts, level_lo, level_hi, top_lo, top_hi; the
    distributions_<part>.npy      scalars and series names in run.history / run.grad_norms /
                                  run.distributions; distributions: training.distributions, absent
                                  from files written before it)
    optimizer_<name>.npy          optimizer state (momentum velocity, Adam m and v)
    batch_order.npy               only when saved part-way through an epoch (run.batch_at examples done)
    masks_frozen.npy, masks_pruned.npy   frozen / pruned parameters, bool, laid out like params.npy
    masks_neurons.npy             pruned hidden neurons, bool, every hidden layer's one after the other
                                  (the masks_ files are absent from older sessions: nothing frozen or pruned
                                  beyond the config's freeze; the per-layer settings are in config)
    trajectory_epochs.npy         the weights' path (training.landscape.Trajectory): epochs (n,) and
    trajectory_points.npy         parameters (n, P) in params.npy's order; run.trajectory: stride, seen

Version 1 files (the whole history as one (epochs, series) table each in
history.npy and grad_norms.npy) still open. Arrays are read with
allow_pickle=False; nothing in a file can run code. Any problem reading one is
a SessionError with one line naming the file. A session's size does not grow
with the number of epochs beyond a few hundred kB (the path at most 512 kB).
"""

from __future__ import annotations

import io
import json
import math
import os
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..data import CLASSIFICATION, Dataset
from ..file_write import written_in_place
from ..numbers import Written, count, format_number
from ..user_text import file_name, not_utf8, one_line, shortened
from ..write_errors import unreadable
from .config import TrainConfig
from .session_checks import (TASKS, Fields, choice, data_problem, kind_of, names, ranges, rng_state, settings,
                             table, whole, wrong_kind)

FORMAT = "nnplay-session"
VERSION = 2
READS = (1, 2)
HISTORIES = ("history", "grad_norms", "distributions")  # distributions: not in older files
MAX_BYTES = 1 << 30


VIEW_KEYS = ("gradient_key", "loss_y", "norms_y")  # the heatmaps' shared colour scale, the loss and norm plots'
# value axes, as the window kept them (each moves in steps: gradient_maps.key_scale, stepped_range.SteppedYRange)


class SessionError(ValueError):
    """A session file that cannot be used; the message is one line."""


@dataclass
class Session:
    config: TrainConfig
    data: Dataset
    state: dict | None  # Trainer.state_dict(), or None for settings and data only
    source: str = "generated"  # or "csv:<path>" / "drawn"
    view: dict | None = None  # what the window's picture keeps beyond the run (VIEW_KEYS); None: nothing


def _npy(arr: np.ndarray) -> bytes:
    buf = io.BytesIO()
    np.save(buf, np.ascontiguousarray(arr), allow_pickle=False)
    return buf.getvalue()


def save_session(path, session: Session) -> None:
    d, st = session.data, session.state
    doc = {
        "format": FORMAT, "version": VERSION, "config": session.config.to_dict(),
        "data": {"name": d.name, "task": d.task, "input_names": list(d.input_names),
                 "class_names": list(d.class_names), "domain": [list(a) for a in d.domain] if d.domain else None,
                 "source": session.source, "edited": bool(d.edited), "stratify": bool(d.stratify),
                 "target_scale": list(d.target_scale) if d.target_scale else None, "import": d.import_options,
                 "target_name": d.target_name, "notes": list(d.notes)},
        "run": None, "view": session.view or None,
    }
    arrays = {"X.npy": d.X, "y.npy": d.y}
    if d.test_mask is not None:
        arrays["test_mask.npy"] = d.test_mask
    if st is not None:
        doc["run"] = {"epoch": int(st["epoch"]), "diverged_at": st["diverged_at"], "optimizer_t": int(st["optimizer_t"]),
                      "rng": st["rng"], "optimizer_arrays": sorted(st["optimizer"])}
        arrays["params.npy"] = st["params"]
        for key in (k for k in HISTORIES if st.get(k) is not None):
            doc["run"][key] = {k: v for k, v in st[key].items() if not isinstance(v, np.ndarray)}
            arrays.update({f"{key}_{k}.npy": v for k, v in st[key].items() if isinstance(v, np.ndarray)})
        arrays.update({f"optimizer_{k}.npy": v for k, v in st["optimizer"].items()})
        if st.get("masks") is not None:  # frozen and pruned parameters (training.saved_state)
            arrays.update({f"masks_{k}.npy": v for k, v in st["masks"].items()})
        if st.get("batch_order") is not None:  # saved part-way through an epoch stepped batch by batch
            doc["run"]["batch_at"] = int(st["batch_at"])
            arrays["batch_order.npy"] = st["batch_order"]
        if st.get("trajectory") is not None:
            tr = st["trajectory"]
            doc["run"]["trajectory"] = {"stride": int(tr["stride"]), "seen": int(tr["seen"])}
            arrays.update({"trajectory_epochs.npy": tr["epochs"], "trajectory_points.npy": tr["points"]})
    _write_atomically(Path(path), doc, arrays)


def _write_atomically(path: Path, doc: dict, arrays: dict) -> None:
    """Write to a temporary file of its own beside ``path``, flush it to disk, then
    rename it over ``path``: a reader (or a crash) sees the old file or the new one,
    never half of one, even with two writers at once (``file_write.written_in_place``,
    as every file nnplay writes: made with the usual permissions, not 0600)."""
    with written_in_place(path) as part, open(part, "wb") as fh:
        with zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_DEFLATED) as z:
            z.writestr("session.json", json.dumps(doc, indent=1, default=_json_default))
            for name, arr in arrays.items():
                z.writestr(name, _npy(arr))
        fh.flush()
        os.fsync(fh.fileno())


def _json_default(o):
    if isinstance(o, np.integer):
        return int(o)
    if isinstance(o, np.floating):
        return float(o)
    raise TypeError(f"cannot save {type(o).__name__}")


def _labels_problem(meta: dict, y: np.ndarray) -> str:
    """What is wrong with a classification session's labels ``y`` and class names, in words ("" if nothing):
    a session naming one class while its labels hold two was refused as "loss 'ce' needs integer labels 0..0"
    (tester 16), which said nothing of the file."""
    if meta.get("task") != CLASSIFICATION:
        return ""
    names = meta.get("class_names")
    k = len(names) if isinstance(names, list) else 0
    if k < 2:
        return f"class_names in session.json names {count(k, 'class', 'classes')}; classification needs at least two"
    if y.size and (not np.all(np.isfinite(y)) or not np.all(y == np.round(y)) or y.min() < 0 or y.max() >= k):
        finite = y[np.isfinite(y)]
        held = f"from {format_number(float(finite.min()))} to {format_number(float(finite.max()))}" if finite.size \
            else "no number"
        return (f"y.npy (the targets) holds labels {held}, but class_names in session.json names "
                f"{count(k, 'class', 'classes')} (labels 0 to {k - 1})")
    return ""


def load_session(path) -> Session:
    path = Path(path)
    try:
        return _load(path)
    except SessionError:
        raise
    except (OSError, zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, ValueError, TypeError, EOFError) as exc:
        raise SessionError(f"{file_name(path)}: not a usable nnplay session ({_why(exc)})") from None


def _why(exc: Exception) -> str:
    """What is wrong with a session file, in words rather than a Python exception's name."""
    if isinstance(exc, (zipfile.BadZipFile, EOFError)):
        return "it is not a zip archive, or it is cut short"
    if isinstance(exc, KeyError):
        named = re.search(r"named '([^']+)'", str(exc))
        return f"the archive has no {named.group(1)}" if named else f"the field {exc} is missing"
    if isinstance(exc, json.JSONDecodeError):
        return f"session.json is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
    if isinstance(exc, OSError):
        return f"cannot read it: {exc.strerror or 'the system refused'}"
    if wrong_kind(exc):  # Python's own words, not ours
        return "a field holds the wrong kind of value"
    return one_line(exc, 300) or "a field holds the wrong kind of value"


def _member(z: zipfile.ZipFile, path: Path, name: str) -> np.ndarray:
    """The array ``name`` of the archive; SessionError in our words (never NumPy's) when
    it is not a NumPy .npy file at all (NumPy would take it for a pickle), holds pickled
    Python objects, which nnplay never loads, or is not an array."""
    data = z.read(name)
    if not data.startswith(np.lib.format.MAGIC_PREFIX):
        why = "is not a NumPy file at all: it does not start as a .npy file does"
        raise SessionError(f"{file_name(path)}: not a usable nnplay session ({name} {why})")
    try:
        return np.load(io.BytesIO(data), allow_pickle=False)
    except (ValueError, EOFError, OSError) as exc:
        why = ("holds pickled Python objects, which nnplay never loads: they could run code"
               if "pickle" in str(exc) else "is not a NumPy array, or is cut short")
        raise SessionError(f"{file_name(path)}: not a usable nnplay session ({name} {why})") from None


def _load(path: Path) -> Session:
    if why := unreadable(path, "session file"):  # missing, a folder, a device: the one wording (write_errors)
        raise SessionError(why)
    if path.stat().st_size > MAX_BYTES:
        raise SessionError(f"{file_name(path)}: larger than {MAX_BYTES >> 20} MB")
    with zipfile.ZipFile(path) as z:
        if sum(i.file_size for i in z.infolist()) > 4 * MAX_BYTES:
            raise SessionError(f"{file_name(path)}: unpacks to more than {4 * MAX_BYTES >> 20} MB")
        raw = z.read("session.json")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:  # (Python's words named the codec and a position in bytes)
            raise SessionError(f"{file_name(path)}: not a usable nnplay session: its session.json is "
                               f"{not_utf8(raw, exc)}") from None
        doc = json.loads(text, parse_float=Written, parse_constant=Written)  # (refusals name 1e400, not inf)
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise SessionError(f"{file_name(path)}: not an nnplay session file")
        if doc.get("version") not in READS:
            raise SessionError(f"{file_name(path)}: session format version {one_line(repr(doc.get('version')), 40)}; "
                               "this nnplay reads "
                               f"{' and '.join(map(str, READS))}")

        def arr(name):
            return _member(z, path, name)

        doc = Fields(doc)  # (a field missing is named by its place: data.task in session.json is missing)
        config = settings(doc["config"], TrainConfig.from_dict)
        meta = Fields(table(doc["data"], "data in session.json (the data set's description)"), "data")
        X, y = arr("X.npy"), arr("y.npy")
        mask = arr("test_mask.npy") if "test_mask.npy" in z.namelist() else None
        if problem := data_problem(X, y, mask):
            raise SessionError(f"{file_name(path)}: the saved data set is damaged: {problem}")
        task = choice(meta["task"], meta.at("task"), TASKS)
        input_names = names(meta["input_names"], meta.at("input_names"))
        class_names = names(meta["class_names"], meta.at("class_names"))
        if not isinstance(meta["name"], str):
            raise ValueError(f"{meta.at('name')}: {kind_of(meta['name'])}, not a text")
        if X.shape[1] != len(input_names):  # (else blamed on the weights, which do not fit the inputs' network)
            raise SessionError(f"{file_name(path)}: the saved data set is damaged: X.npy (the inputs) has "
                               f"{count(X.shape[1], 'column')}, but input_names in session.json names "
                               f"{len(input_names)} ({shortened(', '.join(input_names), 60)})")
        if problem := _labels_problem(meta, y):
            raise SessionError(f"{file_name(path)}: the saved data set is damaged: {problem}")
        domain = ranges(meta["domain"], meta.at("domain")) if meta.get("domain") else None
        data = Dataset(X, y, task, meta["name"], input_names=input_names, class_names=class_names, domain=domain, test_mask=mask,
                       edited=bool(meta.get("edited", False)), stratify=bool(meta.get("stratify", False)),
                       target_scale=_target_scale(meta.get("target_scale")), import_options=_import(meta.get("import")),
                       target_name=meta["target_name"] if isinstance(meta.get("target_name"), str) else None,
                       notes=_notes(meta.get("notes")))
        state = None
        run = doc.get("run")
        if run:
            run = Fields(table(run, "run in session.json (the run's state)"), "run")
            field = "run.{} in session.json".format
            state = {"epoch": whole(run["epoch"], field("epoch")),
                     "diverged_at": whole(run["diverged_at"], field("diverged_at"), optional=True),
                     "optimizer_t": whole(run["optimizer_t"], field("optimizer_t")),
                     "rng": rng_state(run["rng"], field("rng (the random generator)")), "params": arr("params.npy"),
                     "optimizer": {k: arr(f"optimizer_{k}.npy")
                                   for k in names(run["optimizer_arrays"], field("optimizer_arrays"))}}
            for key in HISTORIES:
                if key == "distributions" and (key not in run or doc["version"] == 1):
                    continue
                if doc["version"] == 1:
                    state[key] = arr(f"{key}.npy")
                else:
                    saved = dict(table(run[key], field(key)))
                    saved.update({n[len(key) + 1 : -4]: arr(n) for n in z.namelist()
                                  if n.startswith(f"{key}_") and n.endswith(".npy")})
                    state[key] = saved
            if "masks_frozen.npy" in z.namelist():  # sessions before issue 17 have none
                state["masks"] = {k: arr(f"masks_{k}.npy") for k in ("frozen", "pruned", "neurons")}
            if "batch_at" in run:
                state["batch_order"], state["batch_at"] = arr("batch_order.npy"), whole(run["batch_at"], field("batch_at"))
            if "trajectory" in run:
                state["trajectory"] = dict(table(run["trajectory"], f"{field('trajectory')} (the weights' path)"),
                                           epochs=arr("trajectory_epochs.npy"),
                                           points=arr("trajectory_points.npy"))
        return Session(config, data, state, meta.get("source", "generated"), _view(doc.get("view")))


def _notes(saved) -> list[str]:
    """What loading the data assumed or dropped, as saved (none in sessions before notes were kept, or damaged)."""
    if not isinstance(saved, list):
        return []
    return [note for note in saved if isinstance(note, str)]


def _target_scale(saved):
    """(mean, std) of a standardised regression target, or None."""
    if saved is None:
        return None
    what = "data.target_scale in session.json (the target's standardisation)"
    if not (isinstance(saved, list) and len(saved) == 2 and all(isinstance(v, (int, float)) for v in saved)):
        raise ValueError(f"{what}: {kind_of(saved)}, not a (mean, standard deviation) pair of numbers")
    mean, std = (float(v) for v in saved)
    if not (np.isfinite(mean) and np.isfinite(std) and std > 0):
        raise ValueError(f"{what}: the standard deviation {format_number(std)} is not a number over 0"
                         if np.isfinite(mean) else f"{what}: the mean {format_number(mean)} is not a finite number")
    return mean, std


def _import(saved):
    """How the CSV was read (data.columns.ImportOptions, as a dict), checked; or None."""
    from ..data.columns import ImportOptions

    what = "data.import in session.json (how the CSV was read)"
    if saved is not None and not isinstance(saved, dict):
        raise ValueError(f"{what}: {kind_of(saved)}, not a table of names and values")
    try:
        return None if saved is None else ImportOptions.from_dict(saved).to_dict()
    except (ValueError, TypeError, AttributeError) as exc:
        raise ValueError(f"{what}: {'a part holds the wrong kind of value' if wrong_kind(exc) else exc}") from None


def open_trainer(path):
    """``restore_trainer(load_session(path))`` with every error naming the file:
    SessionError "PATH: what is wrong" (the saved run not fitting its settings too)."""
    session = load_session(path)
    try:
        return restore_trainer(session)
    except ValueError as exc:
        raise SessionError(f"{file_name(path)}: {one_line(exc, 300)}") from None


def restore_trainer(session: Session):
    """A Trainer of the session's settings and data, continuing its saved run
    (weights, optimizer state, history) when it has one; ValueError (one line)
    when the settings do not suit the data."""
    from .trainer import Trainer

    trainer = Trainer(session.config, session.data)
    if session.state is not None:
        trainer.load_state_dict(session.state)
    return trainer


def _number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def _view(view) -> dict | None:
    """The window's kept picture state in session.json (absent from older files): gradient_key a positive
    number, loss_y and norms_y [lo, hi, log] with lo < hi; a value of any other kind is left out (the window
    then fits its own)."""
    if not isinstance(view, dict):
        return None
    kept = {}
    if _number(view.get("gradient_key")) and view["gradient_key"] > 0:
        kept["gradient_key"] = float(view["gradient_key"])
    for k in VIEW_KEYS[1:]:
        v = view.get(k)
        if isinstance(v, list) and len(v) == 3 and _number(v[0]) and _number(v[1]) and v[0] < v[1] \
                and isinstance(v[2], bool):
            kept[k] = [float(v[0]), float(v[1]), v[2]]
    return kept or None
