# Figures: supplement Figure 1 (annotated and normalised heatmaps) and the sigma sweep.


localrules:
    figure1,
    figure1_normalised,
    figure2_sigma,


rule figure1:
    input:
        table=RESULTS + "/tables/figure1_{metric}.csv",
    output:
        pdf=FIGURES + "/figure1_{metric}.pdf",
        png=report(
            FIGURES + "/figure1_{metric}.png",
            caption="../report/figure1.rst",
            category="Figure 1: relaxing C2 and C3",
            labels={"figure": "Figure 1 ({metric})", "view": "annotated"},
        ),
    params:
        normalised=False,
        evaluations=config["training"]["evaluations"],
    log:
        LOGS + "/figures/figure1_{metric}.log",
    resources:
        mem_mb=2000,
        runtime=10,
    conda:
        "../../envs/zil.yaml"
    script:
        "../scripts/figure1.py"


use rule figure1 as figure1_normalised with:
    output:
        pdf=FIGURES + "/figure1_{metric}_normalised.pdf",
        png=report(
            FIGURES + "/figure1_{metric}_normalised.png",
            caption="../report/figure1_normalised.rst",
            category="Figure 1: relaxing C2 and C3",
            labels={"figure": "Figure 1 ({metric})", "view": "normalised"},
        ),
    params:
        normalised=True,
        evaluations=config["training"]["evaluations"],
    log:
        LOGS + "/figures/figure1_{metric}_normalised.log",


rule figure2_sigma:
    input:
        table1=RESULTS + "/tables/table1.csv",
        table2=RESULTS + "/tables/table2.csv",
    output:
        pdf=FIGURES + "/figure2_sigma.pdf",
        png=report(
            FIGURES + "/figure2_sigma.png",
            caption="../report/figure2.rst",
            category="Figure 2: relaxing C1",
            labels={"figure": "Figure 2 (sigma sweep)", "view": "annotated"},
        ),
    log:
        LOGS + "/figures/figure2_sigma.log",
    resources:
        mem_mb=2000,
        runtime=10,
    conda:
        "../../envs/zil.yaml"
    script:
        "../scripts/figure2.py"
