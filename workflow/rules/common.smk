# Config validation, the names of every result, and the input functions; no computation here.
import os
import re

import yaml
from snakemake.utils import validate

from zil.config import format_errors, grid_spec, schema_errors, semantic_errors, shared_settings

_SCHEMA = "../schemas/config.schema.yaml"
_problems = schema_errors(config, yaml.safe_load(open(workflow.source_path(_SCHEMA))))
if _problems:
    raise ValueError(format_errors("schema", _problems))
validate(config, _SCHEMA)  # fills in the schema's defaults
_problems = semantic_errors(config)
if _problems:
    raise ValueError(format_errors("values", _problems))


def fmt(value):
    """A number as it appears in file names: 0.01, 1, 10, 0.0001, 1e-05."""
    return f"{float(value):g}"


DATASET = config["dataset"]
SHARED = shared_settings(config)
GRID = config["grid"]
GAMMAS = {fmt(g): float(g) for g in GRID["gamma"]}
# columns of supplement Figure 1: IL at t_c = t, and "l" (Z-IL's schedule)
COLUMNS = [str(t) for t in sorted(GRID["t"])] + ["l"]
SIGMAS = {fmt(s): float(s) for s in config["sigma_sweep"]["sigma"]}
SIGMA_LMAX = config["sigma_sweep"]["lmax"]
FAZIL_LMAX = config["fazil"]["lmax"]
REFERENCE_LMAX = sorted(set(GRID["lmax"]) | {SIGMA_LMAX} | set(FAZIL_LMAX))
METRICS = ["test_error", "weights"]
TABLE_NAMES = ["table1", "table2", "published_comparison", "fazil_vs_zil", "figure1_test_error", "figure1_weights"]
FIGURE_NAMES = [
    "figure1_test_error",
    "figure1_weights",
    "figure1_test_error_normalised",
    "figure1_weights_normalised",
    "figure2_sigma",
]

GRID_CELLS = expand(
    "results/{dataset}/grid/lmax{lmax}/gamma{gamma}/t{col}.json",
    dataset=DATASET,
    lmax=GRID["lmax"],
    gamma=GAMMAS,
    col=COLUMNS,
)
SIGMA_CELLS = expand(
    "results/{dataset}/sigma/lmax{lmax}/sigma{sigma}.json", dataset=DATASET, lmax=SIGMA_LMAX, sigma=SIGMAS
)
FAZIL_CELLS = expand("results/{dataset}/fazil/lmax{lmax}.json", dataset=DATASET, lmax=FAZIL_LMAX)
REFERENCES = expand("results/{dataset}/reference/lmax{lmax}.json", dataset=DATASET, lmax=REFERENCE_LMAX)
ALL_TABLES = expand("results/{dataset}/tables/cells.csv", dataset=DATASET) + expand(
    "results/{dataset}/tables/{name}.{ext}", dataset=DATASET, name=TABLE_NAMES, ext=["csv", "md", "tex"]
)
ALL_FIGURES = expand("figures/{dataset}/{name}.{ext}", dataset=DATASET, name=FIGURE_NAMES, ext=["pdf", "png"])
RUNTIME_TABLES = expand("results/runtime/runtime.{ext}", ext=["json", "csv", "md", "tex"])


wildcard_constraints:
    dataset=re.escape(DATASET),
    lmax=r"\d+",
    gamma="|".join(re.escape(g) for g in GAMMAS),
    sigma="|".join(re.escape(s) for s in SIGMAS),
    metric="|".join(METRICS),


def training_threads():
    return config["training"]["threads"]


def gpu_resources():
    """Training jobs ask for a GPU only when the config asks for one."""
    return 1 if config["training"]["device"].startswith("cuda") else 0


def downloaded(wildcards):
    """The download marker for torchvision datasets; digits ships with scikit-learn."""
    if DATASET == "digits":
        return []
    return rules.download_dataset.output.marker


def reference_inputs(wildcards):
    return {
        "data": f"results/{wildcards.dataset}/data.pt",
        "reference": f"results/{wildcards.dataset}/reference/lmax{wildcards.lmax}.pt",
    }




def zil_cells(lmaxes):
    """The grid's Z-IL cells (gamma = 1, column "l"), where the grid has them."""
    if "1" not in GAMMAS:
        return []
    lmaxes = [l for l in lmaxes if l in GRID["lmax"]]
    return expand("results/{dataset}/grid/lmax{lmax}/gamma1/tl.json", dataset=DATASET, lmax=lmaxes)


ZIL_CELLS_FOR_FAZIL = zil_cells(FAZIL_LMAX)
ZERO_CELLS = zil_cells(GRID["lmax"])
