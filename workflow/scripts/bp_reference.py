import torch

from zil import experiment, io
from zil.script import rule_logging

with rule_logging(snakemake) as log:
    config, lmax = snakemake.config, int(snakemake.wildcards.lmax)
    torch.set_num_threads(snakemake.threads)
    data = torch.load(snakemake.input.data)
    net, result = experiment.run_reference(config, data, lmax)
    log.info("BP lmax=%d: final test error %.4f, status %s, %.2f s", lmax, result["final_test_error"],
             result["status"], result.pop("wall_time_s"))
    result["provenance"] = experiment.provenance(config, net.device)
    io.save_torch({"network": net.state_dict(), "result": result}, snakemake.output.weights)
    io.write_json(result, snakemake.output.result)
