import torch

from zil import bench, experiment, io
from zil.script import rule_logging
from zil.tables import write_table

with rule_logging(snakemake) as log:
    cfg = snakemake.params.runtime
    torch.set_num_threads(snakemake.threads)
    result = bench.benchmark(cfg["sizes"], batch_size=1, repeats=cfg["repeats"], dtype=getattr(torch, cfg["dtype"]),
                             device=experiment.resolve_device(cfg["device"]))
    log.info("\n%s", bench.format_report(result))
    io.write_json(result, snakemake.output.json)
    write_table(bench.as_table(result), snakemake.output.csv.removesuffix(".csv"))
