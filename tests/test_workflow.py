"""The Snakemake workflow: lint, dry runs, an end-to-end tiny run, single targets, config errors."""

import json

import pandas as pd
import pytest

from conftest import copy_workflow, planned_jobs, snakemake


def test_lint_is_clean(tmp_path):
    out = snakemake(copy_workflow(tmp_path), "--lint")
    assert "Congratulations, your workflow is in a good condition" in out.stdout + out.stderr


def test_default_dry_run_lists_every_experiment(tmp_path):
    jobs = planned_jobs(copy_workflow(tmp_path))
    assert jobs == {"prepare_data": 1, "bp_reference": 3, "grid_row": 18, "sigma_cell": 8, "fazil_cell": 3,
                    "cells_table": 1, "sigma_tables": 1, "grid_tables": 1, "fazil_table": 1,
                    "published_comparison": 1, "figure1": 2, "figure1_normalised": 2, "figure2_sigma": 1,
                    "runtime": 1, "all": 1}


def test_paper_preset_dry_run_downloads_fashion_mnist(tmp_path):
    workdir = copy_workflow(tmp_path)
    jobs = planned_jobs(workdir, "--configfile", "presets/paper.yaml")
    assert jobs["download_dataset"] == 1 and jobs["grid_row"] == 18 and jobs["sigma_cell"] == 8
    out = snakemake(workdir, "-n", "--configfile", "presets/paper.yaml", "-p")
    assert "resources/data/fashion_mnist.downloaded" in out.stdout + out.stderr


def test_tiny_run_produces_every_table_and_figure(tiny_run):
    tables = tiny_run / "results/digits/tables"
    for name in ("table1", "table2", "published_comparison", "fazil_vs_zil", "figure1_test_error", "figure1_weights"):
        for ext in ("csv", "md", "tex"):
            assert (tables / f"{name}.{ext}").stat().st_size > 0, f"{name}.{ext}"
    for name in ("figure1_test_error", "figure1_weights", "figure1_test_error_normalised",
                 "figure1_weights_normalised", "figure2_sigma"):
        for ext in ("pdf", "png"):
            assert (tiny_run / f"figures/digits/{name}.{ext}").stat().st_size > 1000
    runtime = json.loads((tiny_run / "results/runtime/runtime.json").read_text())
    assert {"bp_ms", "zil_ms", "fazil_ms", "il_ms", "autograd_ms"} <= set(runtime)
    cells = pd.read_csv(tables / "cells.csv", dtype={"column": str})
    assert len(cells) == 2 + 2 * 3 * 4 + 3 + 1  # references, grid, sigma, Fa-Z-IL


def test_tiny_run_zero_cells_are_exact(tiny_run):
    cells = pd.read_csv(tiny_run / "results/digits/tables/cells.csv", dtype={"column": str})
    zil = cells[(cells.kind == "grid") & (cells.column == "l") & (cells.gamma == 1.0)]
    sigma0 = cells[(cells.kind == "sigma") & (cells.sigma == 0.0)]
    fazil = cells[cells.kind == "fazil"]
    for exact in (zil, sigma0, fazil):
        assert len(exact) > 0
        assert (exact.weight_divergence_l2 <= 1e-10).all()
        assert (exact.test_error_divergence == 0).all()
    relaxed = cells[(cells.kind == "sigma") & (cells.sigma == 1.0)]
    assert (relaxed.weight_divergence_l2 > 1e-3).all()
    comparison = pd.read_csv(tiny_run / "results/digits/tables/published_comparison.csv")
    zero_rows = comparison[(comparison.expected == "zero up to rounding") & comparison.ours.notna()]
    assert len(zero_rows) == 2 + 2 * 2 and zero_rows.matches.eq(True).all()


DIVERGING = """
training:
  lr: 1.0          # BP itself overflows to nan within the first epoch
grid:
  lmax: [2]
  gamma: [1.0, 10.0]
  t: [0, 1]
sigma_sweep:
  sigma: [0.0, 1.0]
"""


def test_diverging_runs_finish_and_are_marked(tmp_path):
    workdir = copy_workflow(tmp_path)
    (workdir / "diverging.yaml").write_text(DIVERGING)
    targets = ["results/digits/tables/cells.csv", "results/digits/tables/published_comparison.md",
               "figures/digits/figure1_weights.png", "figures/digits/figure1_test_error_normalised.png",
               "figures/digits/figure2_sigma.png"]
    snakemake(workdir, "--cores", "2", *targets, "--configfile", "presets/tiny.yaml", "diverging.yaml")
    cells = pd.read_csv(workdir / "results/digits/tables/cells.csv", dtype={"column": str})
    assert len(cells) == 1 + 2 * 3 + 2 + 1  # nothing dropped
    reference = cells[cells.kind == "reference"].iloc[0]
    assert reference.status == "not_a_number" and reference.diverged_at_update > 0
    zil = cells[(cells.kind == "grid") & (cells.column == "l") & (cells.gamma == 1.0)].iloc[0]
    # Z-IL follows BP exactly, into the same overflow at the same update
    assert zil.status == "not_a_number" and zil.diverged_at_update == reference.diverged_at_update
    assert zil.test_error_divergence == 0
    cell = json.loads((workdir / "results/digits/grid/lmax2/gamma1/tl.json").read_text())
    assert len(cell["curve"]) == 8 and cell["weight_divergence_l2"] == "nan"
    table = (workdir / "results/digits/tables/figure1_weights.md").read_text()
    assert "nan" in table and "gamma=10" in table
    for target in targets:
        assert (workdir / target).stat().st_size > 0


def test_result_files_hold_provenance(tiny_run):
    cell = json.loads((tiny_run / "results/digits/grid/lmax2/gamma1/tl.json").read_text())
    prov = cell["provenance"]
    assert prov["settings"]["training"]["epochs"] == 2 and prov["settings_digest"]
    assert {"python", "torch", "numpy", "zil"} <= set(prov["versions"])
    assert prov["device"] == "cpu" and "commit" in prov["git"]


def test_one_figure_reruns_only_what_it_needs(tiny_run, tmp_path):
    (tiny_run / "figures/digits/figure2_sigma.pdf").unlink()
    assert planned_jobs(tiny_run, "--configfile=presets/tiny.yaml", "figures/digits/figure2_sigma.pdf") == {
        "figure2_sigma": 1}
    snakemake(tiny_run, "--cores", "1", "figures/digits/figure2_sigma.pdf", "--configfile=presets/tiny.yaml")
    # from nothing, the sigma figure needs the sigma runs and their reference, not the grid
    fresh = copy_workflow(tmp_path / "fresh")
    jobs = planned_jobs(fresh, "--configfile=presets/tiny.yaml", "figures/digits/figure2_sigma.pdf")
    assert jobs == {"prepare_data": 1, "bp_reference": 1, "sigma_cell": 3, "sigma_tables": 1, "figure2_sigma": 1}
    jobs = planned_jobs(fresh, "--configfile=presets/tiny.yaml", "results/digits/grid/lmax3/gamma0.1/t1.json")
    assert jobs == {"prepare_data": 1, "bp_reference": 1, "grid_row": 1}


@pytest.mark.parametrize("override, words", [
    ("training:\n  lr: -1\n", ["training.lr", "-1"]),
    ("network:\n  activation: softplus\n", ["network.activation", "softplus", "sigmoid"]),
    ("netwrok:\n  hidden_width: 3\n", ["unknown key", "netwrok", "network"]),
    ("training:\n  optimiser: adam\n", ["unknown key", "optimiser", "training"]),
    ("dataset: imagenet\n", ["dataset", "imagenet", "fashion_mnist"]),
    ("training:\n  evaluations: 100000\n", ["training.evaluations", "100000"]),
    ("grid:\n  gamma: [1.0, 1.0]\n", ["grid.gamma", "non-unique"]),
    ("training:\n  epochs: ten\n", ["training.epochs", "'ten'", "integer"]),
    ("grid:\n  t: [0, 1, 500]\n", ["grid.t.2", "500", "maximum of 100"]),
    ("training:\n  device: tpu\n", ["training.device", "tpu", "does not match"]),
])
def test_bad_config_names_the_key_before_any_job(tmp_path, override, words):
    workdir = copy_workflow(tmp_path)
    (workdir / "bad.yaml").write_text(override)
    out = snakemake(workdir, "--cores", "1", "--configfile", "bad.yaml", check=False)
    message = out.stdout + out.stderr
    assert out.returncode != 0
    for word in words:
        assert word in message, (word, message[-1500:])
    assert not (workdir / "results").exists()


def test_report_holds_every_figure(tiny_run):
    snakemake(tiny_run, "--report", "report.html", "--configfile", "presets/tiny.yaml")
    html = (tiny_run / "report.html").read_text(errors="replace")
    for name in ("figure1_test_error.png", "figure1_weights.png", "figure1_test_error_normalised.png",
                 "figure1_weights_normalised.png", "figure2_sigma.png"):
        assert name in html
