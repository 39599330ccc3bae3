"""Reliability: bit-identical results, surviving a killed run, refusing to mix configs."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import copy_workflow, snakemake
from zil import io, tables

TRAINING_TARGETS = ["results/digits/tables/cells.csv", "results/digits/tables/table1.csv",
                    "results/digits/tables/figure1_weights.csv"]


def result_files(workdir: Path) -> dict[str, bytes]:
    """Every result file of the tiny run (runtime timings excluded), by relative path."""
    root = workdir / "results/digits"
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and not p.name.startswith(".")}


def test_one_core_and_two_cores_give_bit_identical_results(tiny_run, tmp_path):
    one_core = copy_workflow(tmp_path)
    snakemake(one_core, "--cores", "1", *TRAINING_TARGETS, "--configfile", "presets/tiny.yaml")
    ours, theirs = result_files(one_core), result_files(tiny_run)
    assert len(ours) > 40
    differing = [name for name in ours if ours[name] != theirs.get(name)]
    assert differing == []


def test_killed_run_resumes_with_only_unfinished_jobs(tiny_run, tmp_path):
    workdir = copy_workflow(tmp_path)
    cmd = [sys.executable, "-m", "snakemake", "--cores", "1", *TRAINING_TARGETS, "--configfile", "presets/tiny.yaml"]
    log = open(tmp_path / "first.log", "w")
    run = subprocess.Popen(cmd, cwd=workdir, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    grid = workdir / "results/digits/grid"
    deadline = time.time() + 240
    while time.time() < deadline and len(list(grid.rglob("*.json"))) < 12 and run.poll() is None:
        time.sleep(0.2)
    os.killpg(run.pid, signal.SIGKILL)  # the whole run, the job in flight included
    run.wait()
    finished = {p: p.stat().st_mtime_ns for p in (workdir / "results").rglob("*.json")}
    assert 0 < len(finished) and run.returncode == -signal.SIGKILL
    for path in finished:  # atomic writes: whatever carries a final name is whole
        json.loads(path.read_text())

    snakemake(workdir, "--unlock", "--configfile", "presets/tiny.yaml")  # a hard kill leaves the lock
    resumed = snakemake(workdir, "--cores", "2", "--rerun-incomplete", *TRAINING_TARGETS,
                        "--configfile", "presets/tiny.yaml")
    text = resumed.stdout + resumed.stderr
    rows_rerun = text.count("rule grid_row:")
    assert 0 < rows_rerun < 6  # the tiny grid has 6 rows; finished ones are kept
    kept = [p for p, mtime in finished.items() if p.exists() and p.stat().st_mtime_ns == mtime]
    assert len(kept) >= 8
    ours, reference = result_files(workdir), result_files(tiny_run)
    assert [name for name in ours if ours[name] != reference.get(name)] == []


def test_tables_refuse_to_mix_settings(tiny_run, tmp_path):
    cells = sorted((tiny_run / "results/digits/grid").rglob("*.json"))[:2]
    other = json.loads(cells[1].read_text())
    other["provenance"]["settings_digest"] = "0000000000000000"
    io.write_json(io._restore_non_finite(other), tmp_path / "other.json")
    with pytest.raises(tables.MixedResultsError, match="2 different settings"):
        tables.load_results({"grid": [str(cells[0]), str(tmp_path / "other.json")]})


def test_write_json_is_atomic(tmp_path, monkeypatch):
    target = tmp_path / "cell.json"
    io.write_json({"a": 1}, target)

    def crash(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        io.write_json({"a": 2}, target)
    assert io.read_json(target) == {"a": 1}  # the old, whole file
    assert list(tmp_path.iterdir()) == [target]  # no temporary left behind


def test_non_finite_numbers_round_trip_through_json(tmp_path):
    io.write_json({"l2": float("nan"), "curve": [float("inf"), 0.5]}, tmp_path / "x.json")
    back = io.read_json(tmp_path / "x.json")
    assert back["curve"] == [float("inf"), 0.5] and back["l2"] != back["l2"]
