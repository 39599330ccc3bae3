# Tables: every run in one tidy CSV, the supplement's Tables 1-2, Figure 1 matrices, and
# our numbers beside the published ones.


localrules:
    tables,


rule tables:
    input:
        reference=REFERENCES,
        grid=GRID_CELLS,
        sigma=SIGMA_CELLS,
        fazil=FAZIL_CELLS,
    output:
        cells=RESULTS + "/tables/cells.csv",
        tables=expand(RESULTS + "/tables/{name}.{ext}", name=TABLE_NAMES, ext=["csv", "md", "tex"]),
    params:
        folder=RESULTS + "/tables",
    log:
        LOGS + "/tables.log",
    resources:
        mem_mb=2000,
        runtime=10,
    conda:
        "../../envs/zil.yaml"
    script:
        "../scripts/tables.py"
