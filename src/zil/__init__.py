"""zil: exact backpropagation in predictive coding networks (Song et al., NeurIPS 2020).

    net = Network.create([64, 32, 10], activation="sigmoid", seed=0)   # input -> output
    ref = net.clone()                                                   # same initial weights
    bp_step(ref, x, y, lr=0.01)                                         # backpropagation
    pcn_step(net, x, y, lr=0.01, rule=ZIL())                            # Z-IL: same update
    divergence(net, ref)["l2"]                                          # ~1e-16 in float64

Names are imported on first use, so the torch-free parts (zil.config, zil.io) load fast;
the workflow's Snakefile imports them on every start, on every cluster job step too.
"""

import importlib

__version__ = "0.1.0"

_HOMES = {
    "ACTIVATIONS": "activations", "Activation": "activations", "get_activation": "activations",
    "Network": "network", "divergence": "network",
    "bp_step": "bp", "AutogradReference": "bp",
    "BP": "pcn", "IL": "pcn", "ZIL": "pcn", "FaZIL": "pcn", "Rule": "pcn", "PCNState": "pcn",
    "pcn_step": "pcn", "train_step": "pcn",
}
__all__ = list(_HOMES)


def __getattr__(name):
    if name in _HOMES:
        return getattr(importlib.import_module(f".{_HOMES[name]}", __name__), name)
    raise AttributeError(f"module 'zil' has no attribute {name!r}")


def __dir__():
    return sorted(list(globals()) + __all__)
