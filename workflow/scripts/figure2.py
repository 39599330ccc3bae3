from pathlib import Path

import pandas as pd

from zil import plots
from zil.script import rule_logging

with rule_logging(snakemake) as log:
    plots.figure2(pd.read_csv(snakemake.input.table1), pd.read_csv(snakemake.input.table2),
                  Path(snakemake.output.pdf).with_suffix(""))
    log.info("wrote %s and %s", snakemake.output.pdf, snakemake.output.png)
