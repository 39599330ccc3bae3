"""The benchmark command works, and no training step allocates a weight-sized temporary."""

import json
import subprocess
import sys
import textwrap

MEASURE_PEAK = textwrap.dedent("""
    import resource, sys, torch
    from zil import BP, IL, ZIL, FaZIL, Network, train_step
    torch.set_num_threads(1)
    rule = {"bp": BP(), "zil": ZIL(), "fazil": FaZIL(), "il": IL(t_c=3)}[sys.argv[1]]
    net = Network.create([4000, 2000, 50, 10], dtype=torch.float64)   # theta^3: 64 MB
    batch = int(sys.argv[2])
    x, y = torch.rand(batch, 4000, dtype=torch.float64), torch.rand(batch, 10, dtype=torch.float64)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for _ in range(3):
        train_step(net, x, y, 1e-3, rule)
    print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) * 1024)
""")


def test_training_steps_allocate_no_weight_sized_temporary():
    weight_bytes = 4000 * 2000 * 8
    for method in ("bp", "zil", "fazil", "il"):
        for batch in ("1", "3"):  # rank-1 (addr_) and batched (addmm_) updates
            out = subprocess.run([sys.executable, "-c", MEASURE_PEAK, method, batch], capture_output=True,
                                 text=True, check=True)
            growth = int(out.stdout.strip())
            assert growth < weight_bytes / 4, f"{method}, batch {batch}: peak memory grew by {growth} bytes"


def test_bench_json_reports_every_method():
    out = subprocess.run([sys.executable, "-m", "zil.bench", "--sizes", "300", "64", "32", "10",
                          "--repeats", "3", "--json"], capture_output=True, text=True, check=True)
    result = json.loads(out.stdout)
    for key in ("bp_ms", "zil_ms", "fazil_ms", "il_ms", "autograd_ms"):
        assert result[key] > 0
    assert result["sizes"] == [300, 64, 32, 10]


def test_bench_table_and_bad_arguments():
    out = subprocess.run([sys.executable, "-m", "zil.bench", "--sizes", "50", "8", "3", "--repeats", "2"],
                         capture_output=True, text=True, check=True)
    assert "Fa-Z-IL" in out.stdout and "x of BP" not in out.stdout and "of BP" in out.stdout
    bad = subprocess.run([sys.executable, "-m", "zil.bench", "--sizes", "50"], capture_output=True, text=True)
    assert bad.returncode == 2 and "--sizes" in bad.stderr


def test_zil_does_the_matrix_work_of_bp_and_no_more():
    """Counted, not timed: the weight-sized products of one step (machine noise cannot flip this)."""
    import torch
    from torch.profiler import ProfilerActivity, profile

    from zil import IL, ZIL, FaZIL, Network, train_step
    from zil.pcn import BP

    net = Network.create([300, 120, 60, 30, 10], dtype=torch.float32)
    x, y = torch.rand(1, 300), torch.rand(1, 10)

    def products(rule):
        with profile(activities=[ProfilerActivity.CPU]) as prof:
            train_step(net, x, y, 1e-3, rule)
        counts = {e.key: e.count for e in prof.key_averages()}
        return sum(counts.get(op, 0) for op in ("aten::addmm", "aten::mm", "aten::addr"))

    bp = products(BP())
    assert bp == 4 + 3 + 4  # forward, deltas below the output, one update per layer
    assert products(ZIL()) == bp
    assert products(FaZIL()) <= bp + 2
    assert products(IL(t_c=4)) > bp  # IL really infers for t_c moments first
