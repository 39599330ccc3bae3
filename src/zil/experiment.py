"""Training runs of the supplement's experiments: a BP reference and PCN cells compared with it.

A run trains a network created from ``training.seed`` on the training set in an order drawn
from ``training.data_seed`` (the same for BP and every PCN), evaluating the test error K
times along training. A run whose weights become inf or nan stops there: it records the
update, its status, and the frozen net's test error for the evaluations still due.
"""

from __future__ import annotations

import math
import time
from typing import Any

import torch

from . import data as datasets
from .config import shared_settings
from .io import digest, git_state, versions
from .network import Network, divergence
from .pcn import BP, IL, ZIL, FaZIL, Rule, train_step


def resolve_device(name: str) -> torch.device:
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    return torch.device(name)


def layer_sizes(n_in: int, n_out: int, lmax: int, hidden_width: int) -> list[int]:
    """Input -> output sizes of a net with lmax weight layers (lmax - 1 hidden layers)."""
    return [n_in] + [hidden_width] * (lmax - 1) + [n_out]


def rule_from_spec(spec: dict) -> Rule:
    """A rule from its description, e.g. {"rule": "il", "t_c": 3, "gamma": 0.5}."""
    kind, gamma, sigma = spec["rule"], float(spec.get("gamma", 1.0)), float(spec.get("sigma", 0.0))
    if kind == "bp":
        return BP()
    if kind == "il":
        return IL(t_c=int(spec["t_c"]), gamma=gamma, sigma=sigma)
    if kind == "zil":
        return ZIL(gamma=gamma, sigma=sigma)
    if kind == "fazil":
        return FaZIL(gamma=gamma, sigma=sigma, steps=spec.get("steps"), phi=spec.get("phi", "layer"))
    raise ValueError(f"unknown rule {kind!r}; choose bp, il, zil or fazil")


def rule_description(rule: Rule) -> dict:
    fields = {k: getattr(rule, k) for k in ("t_c", "gamma", "sigma", "steps", "phi") if hasattr(rule, k)}
    return {"rule": rule.name, **fields}


def evaluation_updates(total_updates: int, evaluations: int) -> list[int]:
    """The K update counts after which the test error is measured, the last at the end."""
    if total_updates < evaluations:
        raise ValueError(f"{total_updates} updates cannot hold {evaluations} evaluations")
    return [k * total_updates // evaluations for k in range(1, evaluations + 1)]


def _non_finite_status(net: Network) -> str | None:
    """None while every parameter is finite; else "not_a_number" or "overflow" (an inf)."""
    params = net.parameters()
    total = float(torch.stack([p.sum() for p in params]).sum())  # cheap test, run every update
    if math.isfinite(total):
        return None
    if any(bool(torch.isnan(p).any()) for p in params):
        # not "nan": pandas would read that status back from a CSV as a missing value
        return "not_a_number"
    if any(bool(torch.isinf(p).any()) for p in params):
        return "overflow"
    return None  # finite weights whose sum alone overflowed


def train(net: Network, rule: Rule, data: dict, training: dict) -> dict[str, Any]:
    """Train ``net`` in place; returns the test-error curve, status and timing."""
    device, dtype = net.device, net.dtype
    n_classes = int(data["n_classes"])
    train_x = data["train_x"].to(dtype=dtype, device=device)
    train_t = datasets.one_hot(data["train_y"], n_classes, dtype).to(device)
    test_x, test_y = data["test_x"].to(dtype=dtype, device=device), data["test_y"].to(device)
    n, batch = len(train_x), int(training["batch_size"])
    per_epoch = -(-n // batch)
    total = per_epoch * int(training["epochs"])
    eval_at = evaluation_updates(total, int(training["evaluations"]))
    order_gen = torch.Generator().manual_seed(int(training["data_seed"]))
    noise_gen = torch.Generator().manual_seed(int(training["noise_seed"]))
    lr = float(training["lr"])

    curve: list[float] = []
    status, diverged_at, update = "ok", None, 0
    start = time.perf_counter()
    for _ in range(int(training["epochs"])):
        order = torch.randperm(n, generator=order_gen).to(device)
        for first in range(0, n, batch):
            idx = order[first : first + batch]
            train_step(net, train_x[idx], train_t[idx], lr, rule, noise_gen)
            update += 1
            if (bad := _non_finite_status(net)) is not None:
                status, diverged_at = bad, update
                break
            if update == eval_at[len(curve)]:
                curve.append(net.error_rate(test_x, test_y))
        if status != "ok":
            break
    if len(curve) < len(eval_at):  # frozen after divergence: its error holds for the rest
        curve += [net.error_rate(test_x, test_y)] * (len(eval_at) - len(curve))
    return {"curve": curve, "eval_updates": eval_at, "status": status, "diverged_at_update": diverged_at,
            "updates_done": update, "updates_planned": total, "final_test_error": curve[-1],
            "wall_time_s": time.perf_counter() - start}


def compare(run: dict, net: Network, reference: dict, reference_net: Network) -> dict[str, float]:
    """Divergences from BP: sum over the K evaluations of |err_BP - err_PCN|, and weight distances."""
    if run["eval_updates"] != reference["eval_updates"]:
        raise ValueError("run and reference were evaluated at different updates; rerun both with one config")
    test_error = sum(abs(a - b) for a, b in zip(run["curve"], reference["curve"]))
    d = divergence(net, reference_net)
    return {"test_error_divergence": test_error, "weight_divergence_l2": d["l2"],
            "weight_divergence_l1": d["l1"], "weight_divergence_max_abs": d["max_abs"]}


def initial_network(config: dict, data: dict, lmax: int) -> Network:
    net_cfg, training = config["network"], config["training"]
    sizes = layer_sizes(data["train_x"].shape[1], int(data["n_classes"]), lmax, int(net_cfg["hidden_width"]))
    return Network.create(sizes, activation=net_cfg["activation"], bias=net_cfg["bias"], init=net_cfg["init"],
                          seed=int(training["seed"]), dtype=getattr(torch, training["dtype"]),
                          device=resolve_device(training["device"]))


def provenance(config: dict, device: torch.device, workdir: str = ".") -> dict:
    return {"settings": shared_settings(config), "settings_digest": digest(shared_settings(config)),
            "versions": versions(), "device": str(device), "git": git_state(workdir)}


def run_reference(config: dict, data: dict, lmax: int) -> tuple[Network, dict]:
    net = initial_network(config, data, lmax)
    result = train(net, BP(), data, config["training"])
    result.update(rule_description(BP()), lmax=lmax, layer_sizes=net.layer_sizes)
    return net, result


def run_cell(config: dict, data: dict, lmax: int, rule: Rule, reference: dict, reference_net: Network) -> dict:
    """One PCN run from the reference's initial weights and data order, with its divergences."""
    net = initial_network(config, data, lmax)
    result = train(net, rule, data, config["training"])
    result.update(compare(result, net, reference, reference_net))
    result.update(rule_description(rule), lmax=lmax, layer_sizes=net.layer_sizes,
                  bp_final_test_error=reference["final_test_error"])
    return result
