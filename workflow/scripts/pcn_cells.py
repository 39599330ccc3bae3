import torch

from zil import Network, experiment, io
from zil.script import rule_logging

with rule_logging(snakemake) as log:
    config, lmax = snakemake.config, int(snakemake.wildcards.lmax)
    torch.set_num_threads(snakemake.threads)
    data = torch.load(snakemake.input.data)
    saved = torch.load(snakemake.input.reference)
    reference = saved["result"]
    device = experiment.resolve_device(config["training"]["device"])
    reference_net = Network.from_state_dict(saved["network"], device)
    provenance = experiment.provenance(config, device)  # one git query per job, not per cell
    for spec, path in zip(snakemake.params.specs, snakemake.output.cells, strict=True):
        result = experiment.run_cell(config, data, lmax, experiment.rule_from_spec(spec), reference, reference_net)
        log.info("%s: status %s, test error %.4f, divergence of test error %.4g, of weights %.4g, %.2f s",
                 spec, result["status"], result["final_test_error"], result["test_error_divergence"],
                 result["weight_divergence_l2"], result.pop("wall_time_s"))
        result["provenance"] = provenance
        io.write_json(result, path)
