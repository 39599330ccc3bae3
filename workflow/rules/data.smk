# Data: download with torchvision (MNIST, FashionMNIST, CIFAR-10) or take scikit-learn's digits.


localrules:
    download_dataset,


rule download_dataset:
    output:
        marker=f"{config['data']['root']}/{DATASET}.downloaded",
    params:
        dataset=DATASET,
        root=config["data"]["root"],
    log:
        f"{LOGS}/download_dataset.log",
    resources:
        mem_mb=2000,
        runtime=60,
    conda:
        "../../envs/zil.yaml"
    script:
        "../scripts/download_dataset.py"


def downloaded(wildcards):
    if DATASET == "digits":
        return []
    return rules.download_dataset.output.marker


rule prepare_data:
    input:
        downloaded,
    output:
        data=f"{RESULTS}/data.pt",
    params:
        dataset=DATASET,
        data=config["data"],
    log:
        f"{LOGS}/prepare_data.log",
    benchmark:
        f"{BENCH}/prepare_data.tsv"
    resources:
        mem_mb=4000,
        runtime=30,
    conda:
        "../../envs/zil.yaml"
    script:
        "../scripts/prepare_data.py"
