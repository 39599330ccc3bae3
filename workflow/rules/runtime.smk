# Supplement A.9: per-iteration time of BP, IL, Z-IL, Fa-Z-IL (and autograd + SGD), batch size 1.


rule runtime:
    output:
        json="results/runtime/runtime.json",
        csv="results/runtime/runtime.csv",
        md="results/runtime/runtime.md",
        tex="results/runtime/runtime.tex",
    params:
        runtime=config["runtime"],
    log:
        "logs/runtime.log",
    benchmark:
        "benchmarks/runtime.tsv"
    threads: config["runtime"]["threads"]
    resources:
        mem_mb=12000,
        runtime=30,
        gpu=1 if config["runtime"]["device"].startswith("cuda") else 0,
    conda:
        "../../envs/zil.yaml"
    script:
        "../scripts/runtime.py"
