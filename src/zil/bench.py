"""Per-iteration time of BP, Z-IL, Fa-Z-IL, IL and autograd + SGD, measured in one run.

    python -m zil.bench                       # the supplement's A.9 net, batch 1, float32
    python -m zil.bench --sizes 784 256 10 --repeats 20 --json

Methods are timed round-robin (one step of each per round) so machine noise hits them
alike; each prints its median and its ratio to our BP. Data content does not change the
timing (A.9), so inputs and targets are random.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time

import torch

from .bp import AutogradReference, bp_step
from .network import Network
from .pcn import IL, ZIL, FaZIL, pcn_step

A9_SIZES = [224 * 224, 4096, 2048, 1024, 27]
METHODS = ("bp", "zil", "fazil", "il", "autograd")


def _sync(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def benchmark(sizes=A9_SIZES, batch_size: int = 1, repeats: int = 7, warmup: int = 1,
              dtype: torch.dtype = torch.float32, device: str = "cpu", lr: float = 1e-4, seed: int = 0) -> dict:
    """Median milliseconds per training iteration of each method, keyed '<method>_ms'."""
    device = torch.device(device)
    net = Network.create(sizes, activation="sigmoid", seed=seed, dtype=dtype, device=device)
    gen = torch.Generator().manual_seed(seed)
    s_in = torch.rand(batch_size, sizes[0], generator=gen, dtype=torch.float64).to(dtype=dtype, device=device)
    s_out = torch.rand(batch_size, sizes[-1], generator=gen, dtype=torch.float64).to(dtype=dtype, device=device)
    lmax = net.lmax
    # all explicit methods share one net (timing does not depend on the weights' values);
    # the autograd reference holds its own copy, as a user of torch.optim would
    reference = AutogradReference(net, lr)
    steps = {
        "bp": lambda: bp_step(net, s_in, s_out, lr),
        "zil": lambda: pcn_step(net, s_in, s_out, lr, ZIL()),
        "fazil": lambda: pcn_step(net, s_in, s_out, lr, FaZIL()),
        "il": lambda: pcn_step(net, s_in, s_out, lr, IL(t_c=lmax)),
        "autograd": lambda: reference.step(s_in, s_out),
    }
    times: dict[str, list[float]] = {m: [] for m in METHODS}
    for round_ in range(warmup + repeats):
        for method in METHODS:
            _sync(device)
            start = time.perf_counter()
            steps[method]()
            _sync(device)
            if round_ >= warmup:
                times[method].append((time.perf_counter() - start) * 1e3)
    result = {f"{m}_ms": statistics.median(times[m]) for m in METHODS}
    result.update(sizes=list(sizes), batch_size=batch_size, repeats=repeats, dtype=str(dtype).removeprefix("torch."),
                  device=str(device), threads=torch.get_num_threads(), torch=str(torch.__version__))
    return result


NAMES = {"bp": "BP (explicit, in place)", "zil": "Z-IL", "fazil": "Fa-Z-IL", "il": "IL (t_c = lmax)",
         "autograd": "autograd + SGD"}


def as_table(r: dict):
    """One row per method: median ms per iteration and ratio to our BP (a pandas DataFrame)."""
    import pandas as pd

    return pd.DataFrame([{"method": NAMES[m], "ms_per_iteration": r[m + "_ms"], "ratio_to_bp": r[m + "_ms"] / r["bp_ms"]}
                         for m in METHODS])


def format_report(r: dict) -> str:
    bp = r["bp_ms"]
    lines = [f"network {' -> '.join(map(str, r['sizes']))}, batch {r['batch_size']}, {r['dtype']}, "
             f"{r['device']}, {r['threads']} threads, median of {r['repeats']}"]
    for m in METHODS:
        lines.append(f"  {NAMES[m]:<26}{r[m + '_ms']:10.2f} ms   x{r[m + '_ms'] / bp:5.2f} of BP")
    lines.append(f"  BP is {r['autograd_ms'] / bp:.1f}x faster than autograd + SGD")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m zil.bench", description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", type=int, nargs="+", default=A9_SIZES, help="layer sizes, input to output (default: A.9)")
    p.add_argument("--batch-size", type=int, default=1)
    p.add_argument("--repeats", type=int, default=7)
    p.add_argument("--warmup", type=int, default=1)
    p.add_argument("--dtype", choices=["float32", "float64"], default="float32")
    p.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    a = p.parse_args(argv)
    if len(a.sizes) < 2 or min(a.sizes) < 1 or a.batch_size < 1 or a.repeats < 1 or a.warmup < 0:
        p.error("--sizes needs >= 2 positive sizes; --batch-size and --repeats must be >= 1, --warmup >= 0")
    r = benchmark(a.sizes, a.batch_size, a.repeats, a.warmup, getattr(torch, a.dtype), a.device)
    print(json.dumps(r) if a.json else format_report(r))
    return 0


if __name__ == "__main__":
    sys.exit(main())
