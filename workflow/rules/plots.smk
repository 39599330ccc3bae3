# Figures: supplement Figure 1 (annotated and normalised heatmaps) and the sigma sweep.


localrules:
    figure1,
    figure1_normalised,
    figure2_sigma,


rule figure1:
    input:
        table="results/{dataset}/tables/figure1_{metric}.csv",
    output:
        pdf="figures/{dataset}/figure1_{metric}.pdf",
        png=report(
            "figures/{dataset}/figure1_{metric}.png",
            caption="../report/figure1.rst",
            category="Figure 1: relaxing C2 and C3",
            labels={"figure": "Figure 1 ({metric})", "view": "annotated"},
        ),
    params:
        normalised=False,
        evaluations=config["training"]["evaluations"],
    log:
        "logs/{dataset}/figures/figure1_{metric}.log",
    resources:
        mem_mb=2000,
        runtime=10,
    conda:
        "../../envs/zil.yaml"
    script:
        "../scripts/figure1.py"


use rule figure1 as figure1_normalised with:
    output:
        pdf="figures/{dataset}/figure1_{metric}_normalised.pdf",
        png=report(
            "figures/{dataset}/figure1_{metric}_normalised.png",
            caption="../report/figure1_normalised.rst",
            category="Figure 1: relaxing C2 and C3",
            labels={"figure": "Figure 1 ({metric})", "view": "normalised"},
        ),
    params:
        normalised=True,
        evaluations=config["training"]["evaluations"],
    log:
        "logs/{dataset}/figures/figure1_{metric}_normalised.log",


rule figure2_sigma:
    input:
        table1="results/{dataset}/tables/table1.csv",
        table2="results/{dataset}/tables/table2.csv",
    output:
        pdf="figures/{dataset}/figure2_sigma.pdf",
        png=report(
            "figures/{dataset}/figure2_sigma.png",
            caption="../report/figure2.rst",
            category="Figure 2: relaxing C1",
            labels={"figure": "Figure 2 (sigma sweep)", "view": "annotated"},
        ),
    log:
        "logs/{dataset}/figures/figure2_sigma.log",
    resources:
        mem_mb=2000,
        runtime=10,
    conda:
        "../../envs/zil.yaml"
    script:
        "../scripts/figure2.py"
