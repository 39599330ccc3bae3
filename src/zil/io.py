"""Atomic result files and provenance.

Every file is written under a temporary name in its final folder and renamed into place,
so an interrupted job never leaves a half-written file that looks finished.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import platform
import subprocess
from pathlib import Path
from typing import Iterator


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; rename it to ``path`` only if the block succeeds."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp{path.suffix}")
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def _finite_or_label(value):
    """JSON has no inf/nan: write them as the strings "inf", "-inf", "nan"."""
    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    if isinstance(value, dict):
        return {k: _finite_or_label(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite_or_label(v) for v in value]
    return value


def _restore_non_finite(value):
    if value in ("nan", "inf", "-inf"):
        return float(value)
    if isinstance(value, dict):
        return {k: _restore_non_finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_restore_non_finite(v) for v in value]
    return value


def save_torch(obj, path: str | os.PathLike) -> None:
    """torch.save, atomically; through a file object so the archive's inner name (and so the
    bytes) do not depend on the temporary file name."""
    import torch

    with atomic_path(path) as tmp, open(tmp, "wb") as f:
        torch.save(obj, f)


def write_json(obj, path: str | os.PathLike) -> None:
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(_finite_or_label(obj), indent=1, sort_keys=True, allow_nan=False) + "\n")


def read_json(path: str | os.PathLike):
    return _restore_non_finite(json.loads(Path(path).read_text()))


def digest(obj) -> str:
    """A short stable hash of a JSON-able object (used to refuse mixing configs)."""
    return hashlib.sha256(json.dumps(obj, sort_keys=True).encode()).hexdigest()[:16]


def git_state(folder: str | os.PathLike = ".") -> dict:
    """The commit the code came from and whether the tree had uncommitted changes."""
    def git(*args):
        return subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, timeout=30)

    try:
        head = git("rev-parse", "HEAD")
        if head.returncode != 0:
            return {"commit": None, "dirty": None}
        # results/, logs/ etc. are ignored, so only source changes make a tree dirty
        status = git("status", "--porcelain", "--untracked-files=no")
        return {"commit": head.stdout.strip(), "dirty": bool(status.stdout.strip())}
    except (OSError, subprocess.SubprocessError):
        return {"commit": None, "dirty": None}


def versions() -> dict:
    import numpy
    import torch

    from . import __version__

    return {"python": platform.python_version(), "torch": str(torch.__version__), "numpy": numpy.__version__,
            "zil": __version__}
