# Data: download with torchvision (MNIST, FashionMNIST, CIFAR-10) or take scikit-learn's digits.


localrules:
    download_dataset,


rule download_dataset:
    output:
        marker=os.path.join(config["data"]["root"], "{dataset}.downloaded"),
    params:
        root=lambda wildcards, output: os.path.dirname(output.marker),
    log:
        "logs/{dataset}/download_dataset.log",
    resources:
        mem_mb=2000,
        runtime=60,
    conda:
        "../../envs/zil.yaml"
    script:
        "../scripts/download_dataset.py"


rule prepare_data:
    input:
        downloaded,
    output:
        data="results/{dataset}/data.pt",
    params:
        data=config["data"],
    log:
        "logs/{dataset}/prepare_data.log",
    benchmark:
        "benchmarks/{dataset}/prepare_data.tsv"
    resources:
        mem_mb=4000,
        runtime=30,
    conda:
        "../../envs/zil.yaml"
    script:
        "../scripts/prepare_data.py"
