"""Glue for the workflow's rule scripts: logging into the rule's log file, and one clean error line."""

import contextlib
import logging
import os
import sys
import traceback


@contextlib.contextmanager
def rule_logging(snakemake):
    """Send messages and any traceback to the rule's log; re-raise errors short and readable."""
    log_path = snakemake.log[0]
    logging.basicConfig(filename=log_path, level=logging.INFO, format="%(asctime)s %(message)s", force=True)
    log = logging.getLogger(snakemake.rule)
    if "SLURM_JOB_ID" in os.environ:  # which cluster job made this output
        log.info("running as SLURM job %s (array task %s) on %s", os.environ["SLURM_JOB_ID"],
                 os.environ.get("SLURM_ARRAY_TASK_ID", "-"), os.environ.get("SLURMD_NODENAME", "?"))
    try:
        yield log
    except Exception as e:
        log.error("failed:\n%s", traceback.format_exc())
        print(f"\n{type(e).__name__}: {e}\n(full traceback in {log_path})\n", file=sys.stderr)
        raise SystemExit(1) from None
