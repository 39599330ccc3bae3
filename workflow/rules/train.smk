# Training: one BP reference per lmax, then PCN cells trained from the same initial weights
# on the same data order. Cells of one (lmax, gamma) row share a job (start-up dominates a
# cell's cost); each cell still has its own result file, so any one can be asked for.


rule bp_reference:
    input:
        data=rules.prepare_data.output.data,
    output:
        weights="results/{dataset}/reference/lmax{lmax}.pt",
        result="results/{dataset}/reference/lmax{lmax}.json",
    params:
        settings=SHARED,
    log:
        "logs/{dataset}/reference/lmax{lmax}.log",
    benchmark:
        "benchmarks/{dataset}/reference/lmax{lmax}.tsv"
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
        cells=expand("results/{{dataset}}/grid/lmax{{lmax}}/gamma{{gamma}}/t{col}.json", col=COLUMNS),
    params:
        settings=SHARED,
        specs=lambda wc: [grid_spec(col, GAMMAS[wc.gamma]) for col in COLUMNS],
    log:
        "logs/{dataset}/grid/lmax{lmax}/gamma{gamma}.log",
    benchmark:
        "benchmarks/{dataset}/grid/lmax{lmax}/gamma{gamma}.tsv"
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
        cells=["results/{dataset}/sigma/lmax{lmax}/sigma{sigma}.json"],
    params:
        settings=SHARED,
        specs=lambda wc: [{"rule": "zil", "sigma": SIGMAS[wc.sigma]}],
    log:
        "logs/{dataset}/sigma/lmax{lmax}/sigma{sigma}.log",
    benchmark:
        "benchmarks/{dataset}/sigma/lmax{lmax}/sigma{sigma}.tsv"
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
        cells=["results/{dataset}/fazil/lmax{lmax}.json"],
    params:
        settings=SHARED,
        specs=[{"rule": "fazil", "phi": config["fazil"]["phi"]}],
    log:
        "logs/{dataset}/fazil/lmax{lmax}.log",
    benchmark:
        "benchmarks/{dataset}/fazil/lmax{lmax}.tsv"
    threads: training_threads()
    resources:
        mem_mb=4000,
        runtime=60,
        gpu=gpu_resources(),
    conda:
        "../../envs/zil.yaml"
    script:
        "../scripts/pcn_cells.py"
