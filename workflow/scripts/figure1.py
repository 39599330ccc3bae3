from pathlib import Path

import pandas as pd

from zil import plots
from zil.script import rule_logging

with rule_logging(snakemake) as log:
    long = pd.read_csv(snakemake.input.table, dtype={"column": str})
    plots.figure1(long, snakemake.wildcards.metric, Path(snakemake.output.pdf).with_suffix(""),
                  normalised=snakemake.params.normalised, evaluations=snakemake.params.evaluations)
    log.info("wrote %s and %s", snakemake.output.pdf, snakemake.output.png)
