from zil import data
from zil.script import rule_logging

with rule_logging(snakemake) as log:
    cfg = snakemake.params.data
    tensors = data.load(snakemake.wildcards.dataset, cfg["root"], cfg["test_fraction"], cfg["split_seed"])
    log.info("%s: %d train, %d test, %d features, %d classes", snakemake.wildcards.dataset,
             len(tensors["train_y"]), len(tensors["test_y"]), tensors["train_x"].shape[1], int(tensors["n_classes"]))
    data.save(tensors, snakemake.output.data)
