# Training: one BP reference per lmax, then PCN cells trained from the same initial weights
# on the same data order. Cells of one (lmax, gamma) row share a job (start-up dominates a
# cell's cost); each cell still has its own result file, so any one can be asked for.


def reference_inputs(wildcards):
    return {
        "data": rules.prepare_data.output.data,
        "reference": RESULTS + f"/reference/lmax{wildcards.lmax}.pt",
    }


rule bp_reference:
    input:
        data=rules.prepare_data.output.data,
    output:
        weights=RESULTS + "/reference/lmax{lmax}.pt",
        result=RESULTS + "/reference/lmax{lmax}.json",
    params:
        settings=SHARED,
    log:
        LOGS + "/reference/lmax{lmax}.log",
    benchmark:
        BENCH + "/reference/lmax{lmax}.tsv"
    threads: training_threads()
    resources:
        mem_mb=4000,
        runtime=60,
        gpu=gpu_resources(),
    conda:
        "../../envs/zil.yaml"
    script:
        "../scripts/bp_reference.py"


rule grid_row:
    input:
        unpack(reference_inputs),
    output:
        cells=expand(RESULTS + "/grid/lmax{{lmax}}/gamma{{gamma}}/t{col}.json", col=COLUMNS),
    params:
        settings=SHARED,
        specs=lambda wc: [grid_spec(col, GAMMAS[wc.gamma]) for col in COLUMNS],
    log:
        LOGS + "/grid/lmax{lmax}/gamma{gamma}.log",
    benchmark:
        BENCH + "/grid/lmax{lmax}/gamma{gamma}.tsv"
    threads: training_threads()
    resources:
        mem_mb=4000,
        runtime=120,
        gpu=gpu_resources(),
    conda:
        "../../envs/zil.yaml"
    script:
        "../scripts/pcn_cells.py"


rule sigma_cell:
    input:
        unpack(reference_inputs),
    output:
        cells=[RESULTS + "/sigma/lmax{lmax}/sigma{sigma}.json"],
    params:
        settings=SHARED,
        specs=lambda wc: [{"rule": "zil", "sigma": SIGMAS[wc.sigma]}],
    log:
        LOGS + "/sigma/lmax{lmax}/sigma{sigma}.log",
    benchmark:
        BENCH + "/sigma/lmax{lmax}/sigma{sigma}.tsv"
    threads: training_threads()
    resources:
        mem_mb=4000,
        runtime=60,
        gpu=gpu_resources(),
    conda:
        "../../envs/zil.yaml"
    script:
        "../scripts/pcn_cells.py"


rule fazil_cell:
    input:
        unpack(reference_inputs),
    output:
        cells=[RESULTS + "/fazil/lmax{lmax}.json"],
    params:
        settings=SHARED,
        specs=[{"rule": "fazil", "phi": config["fazil"]["phi"]}],
    log:
        LOGS + "/fazil/lmax{lmax}.log",
    benchmark:
        BENCH + "/fazil/lmax{lmax}.tsv"
    threads: training_threads()
    resources:
        mem_mb=4000,
        runtime=60,
        gpu=gpu_resources(),
    conda:
        "../../envs/zil.yaml"
    script:
        "../scripts/pcn_cells.py"
