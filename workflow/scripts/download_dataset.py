from pathlib import Path

from zil import data
from zil.script import rule_logging

with rule_logging(snakemake) as log:
    log.info("downloading %s into %s", snakemake.wildcards.dataset, snakemake.params.root)
    data.download(snakemake.wildcards.dataset, snakemake.params.root)
    Path(snakemake.output.marker).write_text(f"{snakemake.wildcards.dataset} downloaded by torchvision\n")
