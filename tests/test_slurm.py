"""The workflow's SLURM profile against a real single-node SLURM cluster on this machine.

tests/slurm/cluster.sh installs slurm-wlm and munge with apt, starts munged, slurmctld and
slurmd, and stops them afterwards. Needs root; skipped otherwise (CI runs as root).
"""

import os
import re
import shutil
import subprocess

import pytest

from conftest import REPO, copy_workflow, snakemake
from test_reliability import TRAINING_TARGETS, result_files

CLUSTER = REPO / "tests/slurm/cluster.sh"
pytestmark = pytest.mark.skipif(os.geteuid() != 0 or shutil.which("apt-get") is None,
                                reason="a local SLURM cluster needs root and apt-get")


@pytest.fixture(scope="module")
def cluster():
    start = subprocess.run(["bash", str(CLUSTER), "start"], capture_output=True, text=True, timeout=600)
    if start.returncode != 0:
        subprocess.run(["bash", str(CLUSTER), "stop"], capture_output=True)
        pytest.fail(f"local SLURM cluster did not start:\n{start.stdout}\n{start.stderr}")
    yield
    subprocess.run(["bash", str(CLUSTER), "stop"], capture_output=True, text=True, timeout=120)


def slurm_jobs() -> dict[str, dict]:
    """Every job slurmctld still knows (MinJobAge keeps finished ones), by job id."""
    text = subprocess.run(["scontrol", "show", "job", "--oneliner"], capture_output=True, text=True).stdout
    jobs = {}
    for line in text.splitlines():
        fields = dict(re.findall(r"(\w+)=(\S*)", line))
        if "JobId" in fields:
            jobs[fields["JobId"]] = fields
    return jobs


def test_tiny_run_on_slurm_matches_local_run_bit_for_bit(cluster, tiny_run, tmp_path):
    workdir = copy_workflow(tmp_path)
    before = set(slurm_jobs())
    # targets first: --default-resources and --configfile take every word after them
    out = snakemake(workdir, *TRAINING_TARGETS, "--workflow-profile", "profiles/slurm",
                    "--slurm-status-command", "squeue", "--slurm-keep-successful-logs",
                    "--slurm-init-seconds-before-status-checks", "1", "--seconds-between-status-checks", "2",
                    "--configfile", "presets/tiny.yaml", "--default-resources", "slurm_partition=debug")
    text = out.stdout + out.stderr
    assert "Submitted array job" in text  # grid rows and sigma cells went out as job arrays

    new = {jid: job for jid, job in slurm_jobs().items() if jid not in before}
    rules = [re.match(r"rule_(\w+?)_wildcards", job.get("Comment", "")) for job in new.values()]
    rules = [m[1] for m in rules if m]
    assert all(job["JobState"] == "COMPLETED" and job["Partition"] == "debug" for job in new.values())
    assert rules.count("bp_reference") == 2 and rules.count("prepare_data") == 1
    assert rules.count("grid_row") + rules.count("sigma_cell") + rules.count("fazil_cell") == 6 + 3 + 1
    assert any(job.get("ArrayJobId") for job in new.values())

    # each training job's own log says which SLURM job it ran as
    logged = {m for log in (workdir / "logs/digits/grid").rglob("*.log")
              for m in re.findall(r"running as SLURM job (\d+)", log.read_text())}
    assert len(logged) == 6 and logged <= set(new)
    assert (workdir / ".snakemake/slurm_logs/rule_bp_reference").is_dir()

    ours, local = result_files(workdir), result_files(tiny_run)
    assert len(ours) > 40
    assert [name for name in ours if ours[name] != local.get(name)] == []
