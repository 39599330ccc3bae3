"""zil: exact backpropagation in predictive coding networks (Song et al., NeurIPS 2020).

    net = Network.create([64, 32, 10], activation="sigmoid", seed=0)   # input -> output
    ref = net.clone()                                                   # same initial weights
    bp_step(ref, x, y, lr=0.01)                                         # backpropagation
    pcn_step(net, x, y, lr=0.01, rule=ZIL())                            # Z-IL: same update
    divergence(net, ref)["l2"]                                          # ~1e-16 in float64
"""

__version__ = "0.1.0"

from .activations import ACTIVATIONS, Activation, get_activation
from .bp import AutogradReference, bp_step
from .network import Network, divergence
from .pcn import BP, IL, ZIL, FaZIL, PCNState, Rule, pcn_step, train_step

__all__ = [
    "ACTIVATIONS", "Activation", "get_activation",
    "Network", "divergence",
    "bp_step", "AutogradReference",
    "BP", "IL", "ZIL", "FaZIL", "Rule", "PCNState", "pcn_step", "train_step",
]
