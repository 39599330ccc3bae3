"""Fully connected networks shared by BP and the predictive coding learners.

Notation follows the paper: layer 0 is the OUTPUT and layer lmax the INPUT.
``weights[l]`` is theta^{l+1} (w^{l+1} for the ANN): it maps layer l+1 to layer l and has
shape (n_l, n_{l+1}); ``biases[l]`` is beta^{l+1} (v^{l+1}) of shape (n_l,).
Layer sizes are *given* from input to output, as the supplement writes its A.9 network
(50176 -> 4096 -> 2048 -> 1024 -> 27).
"""

from __future__ import annotations

import math
from typing import Sequence

import torch
from torch import Tensor

from .activations import Activation, get_activation

INITS = ("uniform_fan_in", "xavier_uniform", "xavier_normal")


class Network:
    """Weights, biases and activation of a fully connected net; the learners update them in place."""

    def __init__(self, weights: list[Tensor], biases: list[Tensor] | None, activation: Activation | str):
        self.weights = weights
        self.biases = biases
        self.activation = get_activation(activation) if isinstance(activation, str) else activation

    @classmethod
    def create(
        cls,
        layer_sizes: Sequence[int],
        activation: str = "sigmoid",
        bias: bool = True,
        init: str = "uniform_fan_in",
        seed: int = 0,
        dtype: torch.dtype = torch.float64,
        device: str | torch.device = "cpu",
    ) -> "Network":
        """A seeded network; sizes run from input to output.

        Weights are drawn in float64 on the CPU and then cast, so one seed gives the same
        network (up to the cast) for every dtype and device.
        """
        sizes = [int(n) for n in layer_sizes]
        if len(sizes) < 2 or min(sizes) < 1:
            raise ValueError(f"layer_sizes needs at least an input and an output size, all >= 1; got {sizes}")
        if init not in INITS:
            raise ValueError(f"unknown init {init!r}; choose one of {list(INITS)}")
        gen = torch.Generator().manual_seed(int(seed))
        # widths[l] = n_l with l = 0 the output
        widths = sizes[::-1]
        weights, biases = [], []
        for l in range(len(widths) - 1):
            fan_out, fan_in = widths[l], widths[l + 1]
            w = torch.empty(fan_out, fan_in, dtype=torch.float64)
            b = torch.zeros(fan_out, dtype=torch.float64)
            if init == "uniform_fan_in":  # torch.nn.Linear's default
                bound = 1.0 / math.sqrt(fan_in)
                w.uniform_(-bound, bound, generator=gen)
                b.uniform_(-bound, bound, generator=gen)
            elif init == "xavier_uniform":
                bound = math.sqrt(6.0 / (fan_in + fan_out))
                w.uniform_(-bound, bound, generator=gen)
            else:
                w.normal_(0.0, math.sqrt(2.0 / (fan_in + fan_out)), generator=gen)
            weights.append(w.to(dtype=dtype, device=device))
            biases.append(b.to(dtype=dtype, device=device))
        return cls(weights, biases if bias else None, activation)

    # ---- shape and identity -------------------------------------------------------------
    @property
    def lmax(self) -> int:
        return len(self.weights)

    @property
    def layer_sizes(self) -> list[int]:
        """Sizes from input to output."""
        return [self.weights[-1].shape[1]] + [w.shape[0] for w in reversed(self.weights)]

    @property
    def dtype(self) -> torch.dtype:
        return self.weights[0].dtype

    @property
    def device(self) -> torch.device:
        return self.weights[0].device

    def parameters(self) -> list[Tensor]:
        return list(self.weights) + (list(self.biases) if self.biases is not None else [])

    def clone(self) -> "Network":
        """An independent copy: a PCN and its BP reference start from identical weights."""
        biases = [b.clone() for b in self.biases] if self.biases is not None else None
        return Network([w.clone() for w in self.weights], biases, self.activation)

    def to(self, dtype: torch.dtype | None = None, device: str | torch.device | None = None) -> "Network":
        move = lambda t: t.to(dtype=dtype or t.dtype, device=device or t.device)  # noqa: E731
        biases = [move(b) for b in self.biases] if self.biases is not None else None
        return Network([move(w) for w in self.weights], biases, self.activation)

    def state_dict(self) -> dict:
        return {
            "weights": [w.detach().cpu() for w in self.weights],
            "biases": [b.detach().cpu() for b in self.biases] if self.biases is not None else None,
            "activation": self.activation.name,
        }

    @classmethod
    def from_state_dict(cls, state: dict, device: str | torch.device = "cpu") -> "Network":
        biases = [b.to(device) for b in state["biases"]] if state["biases"] is not None else None
        return cls([w.to(device) for w in state["weights"]], biases, state["activation"])

    # ---- feed-forward -------------------------------------------------------------------
    def as_input(self, t: Tensor) -> Tensor:
        return t.to(dtype=self.dtype, device=self.device)

    def predict_layer(self, l: int, f_above: Tensor) -> Tensor:
        """mu^l = theta^{l+1} f(x^{l+1}) + beta^{l+1}, for a batch (rows are samples)."""
        w = self.weights[l]
        if self.biases is None:
            return f_above @ w.T
        return torch.addmm(self.biases[l], f_above, w.T)

    def forward(self, s_in: Tensor) -> Tensor:
        """y^0 for a batch of inputs (B, n_lmax)."""
        y = self.as_input(s_in)
        for l in reversed(range(self.lmax)):
            y = self.predict_layer(l, self.activation(y))
        return y

    @torch.no_grad()
    def error_rate(self, s_in: Tensor, labels: Tensor, batch_size: int = 4096) -> float:
        """Fraction of samples whose arg-max output is not the label."""
        wrong = 0
        for start in range(0, len(labels), batch_size):
            out = self.forward(s_in[start : start + batch_size])
            wrong += int((out.argmax(1).cpu() != labels[start : start + batch_size].cpu()).sum())
        return wrong / max(len(labels), 1)


@torch.no_grad()
def divergence(a: Network, b: Network) -> dict[str, float]:
    """Distance between two networks over all parameters: L2 (the paper's), L1 and max-abs.

    Computed layer by layer in float64; non-finite parameters give inf or nan, never an error.
    """
    if a.layer_sizes != b.layer_sizes or (a.biases is None) != (b.biases is None):
        raise ValueError(f"cannot compare networks of shapes {a.layer_sizes} and {b.layer_sizes}")
    total = torch.zeros(3, dtype=torch.float64)  # squared L2, L1, max-abs
    for pa, pb in zip(a.parameters(), b.parameters()):
        d = (pa.to(torch.float64) - pb.to(device=pa.device, dtype=torch.float64)).abs().cpu()
        total[0] += d.square().sum()
        total[1] += d.sum()
        total[2] = torch.maximum(total[2], d.max())  # propagates nan
    return {"l2": float(total[0].sqrt()), "l1": float(total[1]), "max_abs": float(total[2])}
