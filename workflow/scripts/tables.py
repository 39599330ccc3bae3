from pathlib import Path

from zil import tables
from zil.io import atomic_path
from zil.script import rule_logging

BUILDERS = {
    "table1": tables.table1,
    "table2": tables.table2,
    "published_comparison": tables.published_comparison,
    "fazil_vs_zil": tables.fazil_vs_zil,
}

with rule_logging(snakemake) as log:
    kinds = [k for k in ("reference", "grid", "sigma", "fazil") if k in snakemake.input.keys()]
    cells = tables.load_results({kind: list(snakemake.input[kind]) for kind in kinds})
    folder = Path(snakemake.output[0]).parent
    log.info("%d result files, settings %s", len(cells), cells.settings_digest.iloc[0])
    for name in snakemake.params.tables:
        if name == "cells":
            with atomic_path(folder / "cells.csv") as tmp:
                cells.to_csv(tmp, index=False, float_format="%.17g")
        elif name.startswith("figure1_"):
            tables.write_figure1_table(tables.figure1_long(cells, name.removeprefix("figure1_")), folder / name)
        else:
            tables.write_table(BUILDERS[name](cells), folder / name)
        log.info("wrote %s", name)
