# Config validation and the names of every result; no computation here.
import re

import yaml
from snakemake.utils import validate

from zil.config import format_errors, schema_errors, semantic_errors
from zil.experiment import grid_spec, shared_settings

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
RESULTS = f"results/{DATASET}"
FIGURES = f"figures/{DATASET}"
LOGS = f"logs/{DATASET}"
BENCH = f"benchmarks/{DATASET}"

GRID = config["grid"]
GAMMAS = {fmt(g): float(g) for g in GRID["gamma"]}
# columns of supplement Figure 1: IL at t_c = t, and "l" (Z-IL's schedule)
COLUMNS = [str(t) for t in sorted(GRID["t"])] + ["l"]
SIGMAS = {fmt(s): float(s) for s in config["sigma_sweep"]["sigma"]}
SIGMA_LMAX = config["sigma_sweep"]["lmax"]
FAZIL_LMAX = config["fazil"]["lmax"]
REFERENCE_LMAX = sorted(set(GRID["lmax"]) | {SIGMA_LMAX} | set(FAZIL_LMAX))

GRID_CELLS = expand(
    RESULTS + "/grid/lmax{lmax}/gamma{gamma}/t{col}.json",
    lmax=GRID["lmax"],
    gamma=GAMMAS,
    col=COLUMNS,
)
SIGMA_CELLS = expand(RESULTS + "/sigma/lmax{lmax}/sigma{sigma}.json", lmax=SIGMA_LMAX, sigma=SIGMAS)
FAZIL_CELLS = expand(RESULTS + "/fazil/lmax{lmax}.json", lmax=FAZIL_LMAX)
REFERENCES = expand(RESULTS + "/reference/lmax{lmax}.json", lmax=REFERENCE_LMAX)
METRICS = ["test_error", "weights"]

TABLE_NAMES = ["table1", "table2", "published_comparison", "fazil_vs_zil", "figure1_test_error", "figure1_weights"]
ALL_TABLES = [RESULTS + "/tables/cells.csv"] + expand(
    RESULTS + "/tables/{name}.{ext}", name=TABLE_NAMES, ext=["csv", "md", "tex"]
)
FIGURE_NAMES = ["figure1_test_error", "figure1_weights", "figure1_test_error_normalised",
                "figure1_weights_normalised", "figure2_sigma"]
ALL_FIGURES = expand(FIGURES + "/{name}.{ext}", name=FIGURE_NAMES, ext=["pdf", "png"])
RUNTIME_TABLES = expand("results/runtime/runtime.{ext}", ext=["json", "csv", "md"])


wildcard_constraints:
    lmax=r"\d+",
    gamma="|".join(re.escape(g) for g in GAMMAS),
    sigma="|".join(re.escape(s) for s in SIGMAS),
    metric="|".join(METRICS),


def training_threads():
    return config["training"]["threads"]


def gpu_resources():
    """Training jobs ask for a GPU only when the config asks for one."""
    return 1 if config["training"]["device"].startswith("cuda") else 0


SHARED = shared_settings(config)
