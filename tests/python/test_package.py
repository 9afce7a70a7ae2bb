"""The package itself: public names documented and typed (stubs in step with
the code), and the one documented install command, run into a temporary
directory from the build tree (twice: it is idempotent)."""
from __future__ import annotations

import ast
import inspect
import os
import pathlib
import subprocess
import sys

import pytest

import edurules
from edurules import _edurules
from conftest import SOURCE

PKG = pathlib.Path(edurules.__file__).parent


def test_every_public_name_has_a_docstring():
    for name in edurules.__all__:
        obj = getattr(edurules, name)
        if inspect.isclass(obj) or inspect.isfunction(obj):
            assert (obj.__doc__ or "").strip(), name
    for name, member in inspect.getmembers(edurules.Engine):
        if not name.startswith("_") and (inspect.isfunction(member) or isinstance(member, property)):
            assert (member.__doc__ or "").strip(), f"Engine.{name}"
    assert edurules.__doc__ and (PKG / "py.typed").exists()


def test_init_stub_reexports_every_public_name():
    tree = ast.parse((PKG / "__init__.pyi").read_text(encoding="utf-8"))
    names = {a.asname or a.name for node in tree.body if isinstance(node, ast.ImportFrom) for a in node.names}
    names |= {node.target.id for node in tree.body if isinstance(node, ast.AnnAssign)}
    assert set(edurules.__all__) <= names
    for node in tree.body:  # each re-export points at where the name is defined
        if isinstance(node, ast.ImportFrom):
            module = __import__(f"edurules.{node.module}", fromlist=["_"])
            for a in node.names:
                assert getattr(module, a.name) is getattr(edurules, a.asname)


def test_compiled_module_stub_matches_the_module():
    tree = ast.parse((PKG / "_edurules.pyi").read_text(encoding="utf-8"))
    top = {node.target.id for node in tree.body if isinstance(node, ast.AnnAssign)}
    public = {n for n in dir(_edurules) if not n.startswith("__") or n == "__version__"}
    assert public - {"Engine"} <= top
    cls = next(node for node in tree.body if isinstance(node, ast.ClassDef) and node.name == "Engine")
    stub_methods = {f.name: [a.arg for a in f.args.args][1:] for f in cls.body if isinstance(f, ast.FunctionDef)}
    for name in ("evaluate_json", "pe_status_columns", "pe_status_frame_columns", "leave_hours_columns",
                 "leave_facts_frames"):
        doc = getattr(_edurules.Engine, name).__doc__
        for arg in stub_methods[name]:
            assert f"{arg}:" in doc, (name, arg)  # pybind11's signature names every argument
    assert set(n for n in dir(_edurules.Engine) if not n.startswith("_")) <= set(stub_methods)


def test_install_script_into_a_directory(tmp_path):
    build = os.environ.get("EDURULES_BUILD_DIR")
    if not build:
        pytest.skip("EDURULES_BUILD_DIR not set (run through ctest)")
    script = SOURCE / "scripts" / "install-python.sh"
    target = tmp_path / "site"
    for _ in range(2):
        out = subprocess.run(["bash", str(script), "--build-dir", build, "--no-build", "--target", str(target)],
                             capture_output=True, text=True, timeout=120, cwd=SOURCE)
        assert out.returncode == 0, out.stdout + out.stderr
        assert f"installed in {target}" in out.stdout
    files = sorted(p.name for p in (target / "edurules").iterdir())
    assert "py.typed" in files and "__init__.pyi" in files and any(f.startswith("_edurules") for f in files)
    assert [p.name for p in target.glob("edurules-*.dist-info")] == [f"edurules-{edurules.__version__}.dist-info"]
    probe = ("import edurules, importlib.metadata as m; "
             "print(edurules.__file__); print(m.version('edurules')); "
             "print(edurules.Engine().pe_status_frame(__import__('pandas').DataFrame("
             "{'seu_number': ['a'], 'diploma_date': ['2024-01-01']}), None, '2025-01-01').state[0])")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(target)
    got = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, cwd="/", timeout=60)
    assert got.returncode == 0, got.stderr
    where, version, state = got.stdout.split()
    assert where.startswith(str(target)) and version == edurules.__version__ and state == "registered"
