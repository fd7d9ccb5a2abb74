import contextlib
import io
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _lint(config: Path) -> tuple[int, str]:
    from importlinter.cli import lint_imports

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = lint_imports(config_filename=str(config), no_cache=True, no_logo=True)
    return code, out.getvalue()


def test_the_layering_contracts_hold():
    """engine, data and training never import Qt or the ui; the engine imports
    neither data nor training (pyproject.toml's [tool.importlinter] contracts)."""
    code, report = _lint(ROOT / "pyproject.toml")
    assert code == 0, report
    assert report.count(" KEPT") >= 3 and "BROKEN" not in report


def test_a_broken_contract_is_reported(tmp_path):
    """The same machinery fails on a contract the code breaks (training uses the engine)."""
    config = tmp_path / "contracts.toml"
    config.write_text('[tool.importlinter]\nroot_package = "nnplay"\n\n[[tool.importlinter.contracts]]\n'
                      'name = "training without the engine"\ntype = "forbidden"\n'
                      'source_modules = ["nnplay.training"]\nforbidden_modules = ["nnplay.engine"]\n')
    code, report = _lint(config)
    assert code != 0 and "BROKEN" in report


def test_the_command_line_loads_qt_only_for_the_window():
    """cli imports the window lazily, inside the command that opens it (a static
    contract cannot state that): importing it and running a command stays Qt-free."""
    code = ("import sys, nnplay.cli; nnplay.cli.main(['datasets']); "
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph', 'shiboken6')); "
            "print(bad); sys.exit(1 if bad else 0)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, f"nnplay.cli pulled in {r.stdout.strip()[-300:]}"


def test_nothing_read_from_a_file_can_run_code():
    """No pickle, eval or exec on anything nnplay reads (IPC with its own child
    process goes through multiprocessing, which is not a file a user opens)."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "nnplay"
    pattern = re.compile(r"\bimport pickle\b|\bpickle\.load|allow_pickle\s*=\s*True|(?<![.\w])eval\(|(?<![.\w])exec\(|yaml\.load\(")
    offenders = [f"{p.relative_to(root)}:{i}" for p in root.rglob("*.py")
                 for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if pattern.search(line)]
    assert offenders == []


def sizes_over(root: Path, module_lines: int = 400, class_lines: int = 300) -> list[str]:
    """Every module of ``root`` over ``module_lines`` lines and every class over ``class_lines``
    (from its ``class`` line to its last, as ``ast`` spans it)."""
    import ast

    found = []
    for path in sorted(root.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if len(text.splitlines()) > module_lines:
            found.append(f"{path.relative_to(root)}: {len(text.splitlines())} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ClassDef) and node.end_lineno - node.lineno + 1 > class_lines:
                found.append(f"{path.relative_to(root)}: class {node.name} {node.end_lineno - node.lineno + 1} lines")
    return found


def test_no_module_over_400_lines_and_no_class_over_300():
    """Issue 13's limits: a reader takes in a module or a class at once."""
    assert sizes_over(ROOT / "nnplay") == []


def test_a_module_or_class_too_long_is_reported(tmp_path):
    (tmp_path / "big.py").write_text("class Big:\n" + "    x = 1\n" * 300 + "\n" * 100)
    assert sizes_over(tmp_path) == ["big.py: 401 lines", "big.py: class Big 301 lines"]
