# Tables. Each table rule reads only the runs it shows, so one figure or table can be
# rebuilt without training the runs it does not need.


localrules:
    cells_table,
    sigma_tables,
    grid_tables,
    fazil_table,
    published_comparison,


rule cells_table:
    input:
        reference=REFERENCES,
        grid=GRID_CELLS,
        sigma=SIGMA_CELLS,
        fazil=FAZIL_CELLS,
    output:
        cells="results/{dataset}/tables/cells.csv",
    params:
        tables=["cells"],
    log:
        "logs/{dataset}/tables/cells.log",
    resources:
        mem_mb=2000,
        runtime=10,
    conda:
        "../../envs/zil.yaml"
    script:
        "../scripts/tables.py"


use rule cells_table as sigma_tables with:
    input:
        sigma=SIGMA_CELLS,
    output:
        table1=multiext("results/{dataset}/tables/table1", ".csv", ".md", ".tex"),
        table2=multiext("results/{dataset}/tables/table2", ".csv", ".md", ".tex"),
    params:
        tables=["table1", "table2"],
    log:
        "logs/{dataset}/tables/sigma_tables.log",


use rule cells_table as grid_tables with:
    input:
        grid=GRID_CELLS,
    output:
        test_error=multiext("results/{dataset}/tables/figure1_test_error", ".csv", ".md", ".tex"),
        weights=multiext("results/{dataset}/tables/figure1_weights", ".csv", ".md", ".tex"),
    params:
        tables=["figure1_test_error", "figure1_weights"],
    log:
        "logs/{dataset}/tables/grid_tables.log",


use rule cells_table as fazil_table with:
    input:
        fazil=FAZIL_CELLS,
        grid=ZIL_CELLS_FOR_FAZIL,
    output:
        multiext("results/{dataset}/tables/fazil_vs_zil", ".csv", ".md", ".tex"),
    params:
        tables=["fazil_vs_zil"],
    log:
        "logs/{dataset}/tables/fazil_table.log",


use rule cells_table as published_comparison with:
    input:
        sigma=SIGMA_CELLS,
        grid=ZERO_CELLS,
    output:
        multiext("results/{dataset}/tables/published_comparison", ".csv", ".md", ".tex"),
    params:
        tables=["published_comparison"],
    log:
        "logs/{dataset}/tables/published_comparison.log",
