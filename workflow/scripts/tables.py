from pathlib import Path

from zil import tables
from zil.io import atomic_path
from zil.script import rule_logging

with rule_logging(snakemake) as log:
    kinds = ("reference", "grid", "sigma", "fazil")
    cells = tables.load_results({kind: list(snakemake.input[kind]) for kind in kinds})
    log.info("%d result files, settings %s", len(cells), cells.settings_digest.iloc[0])
    with atomic_path(snakemake.output.cells) as tmp:
        cells.to_csv(tmp, index=False, float_format="%.17g")
    folder = Path(snakemake.params.folder)
    tables.write_table(tables.table1(cells), folder / "table1")
    tables.write_table(tables.table2(cells), folder / "table2")
    tables.write_table(tables.published_comparison(cells), folder / "published_comparison")
    tables.write_table(tables.fazil_vs_zil(cells), folder / "fazil_vs_zil")
    for metric in ("test_error", "weights"):
        tables.write_figure1_table(tables.figure1_long(cells, metric), folder / f"figure1_{metric}")
