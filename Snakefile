# Replication of Song et al., NeurIPS 2020 (Z-IL / Fa-Z-IL): `snakemake --cores all`
from snakemake.utils import min_version

min_version("9.0")


report: "workflow/report/workflow.rst"


configfile: "config.yaml"


include: "workflow/rules/common.smk"
include: "workflow/rules/data.smk"
include: "workflow/rules/train.smk"
include: "workflow/rules/aggregate.smk"
include: "workflow/rules/plots.smk"
include: "workflow/rules/runtime.smk"


rule all:
    input:
        ALL_TABLES,
        ALL_FIGURES,
        RUNTIME_TABLES,
    default_target: True
