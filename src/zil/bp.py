"""Backpropagation written out (supplement Eqs. 1, 3, 4, 10, 11), plus the autograd reference.

E = 1/2 sum_i (s_out_i - y^0_i)^2, summed over the batch;
delta^0 = s_out - y^0;  delta^l = f'(y^l) * (w^l)^T delta^{l-1};
Delta w^{l+1} = alpha delta^l f(y^{l+1})^T;  Delta v^{l+1} = alpha delta^l.
"""

from __future__ import annotations

from typing import Sequence

import torch
from torch import Tensor

from .network import Network


def layer_rates(lr: float | Sequence[float], lmax: int) -> list[float]:
    """One learning rate per weight theta^{l+1}, l = 0 (output side) ... lmax-1."""
    if isinstance(lr, (int, float)):
        return [float(lr)] * lmax
    rates = [float(r) for r in lr]
    if len(rates) != lmax:
        raise ValueError(f"need {lmax} per-layer learning rates (output side first), got {len(rates)}")
    return rates


def apply_update(net: Network, l: int, error: Tensor, f_above: Tensor, rate: float) -> None:
    """theta^{l+1} += rate * error^T f(x^{l+1}); beta^{l+1} += rate * sum_batch error. In place."""
    if error.shape[0] == 1:  # one sample: a rank-1 update, which BLAS does faster than a K=1 gemm
        net.weights[l].addr_(error[0], f_above[0], alpha=rate)
    else:
        net.weights[l].addmm_(error.T, f_above, alpha=rate)
    if net.biases is not None:
        net.biases[l].add_(error.sum(0), alpha=rate)


@torch.no_grad()
def bp_step(net: Network, s_in: Tensor, s_out: Tensor, lr: float | Sequence[float]) -> list[Tensor]:
    """One BP update on a batch, in place; returns delta^0 ... delta^{lmax-1}.

    ``lr`` is alpha, or one rate per layer (output side first) for supplement A.5.
    """
    rates = layer_rates(lr, net.lmax)
    act = net.activation
    # y[l], fy[l] for l = 0 ... lmax (fy[0] is never needed)
    y: list[Tensor] = [None] * (net.lmax + 1)  # type: ignore[list-item]
    fy: list[Tensor] = [None] * (net.lmax + 1)  # type: ignore[list-item]
    y[net.lmax] = net.as_input(s_in)
    for l in reversed(range(net.lmax)):
        fy[l + 1] = act(y[l + 1])
        y[l] = net.predict_layer(l, fy[l + 1])
    deltas = [net.as_input(s_out) - y[0]]
    for l in range(1, net.lmax):
        # delta^l needs w^l (= weights[l-1]) before its update, so it comes first
        back = deltas[l - 1] @ net.weights[l - 1]
        if act.derivative is not None:
            back.mul_(act.derivative(y[l], fy[l]))
        deltas.append(back)
        apply_update(net, l - 1, deltas[l - 1], fy[l], rates[l - 1])
    apply_update(net, net.lmax - 1, deltas[-1], fy[net.lmax], rates[-1])
    return deltas


class AutogradReference:
    """The same net as torch parameters trained by autograd + torch.optim.SGD.

    Used to check bp_step's gradients and as the speed baseline; SGD with rate alpha on
    E gives w <- w - alpha dE/dw = w + alpha delta f^T, the same update as bp_step.
    """

    def __init__(self, net: Network, lr: float):
        self.params = [p.clone().requires_grad_(True) for p in net.parameters()]
        self.lmax = net.lmax
        self.has_bias = net.biases is not None
        self.activation = net.activation
        self.optimizer = torch.optim.SGD(self.params, lr=lr)

    def loss(self, s_in: Tensor, s_out: Tensor) -> Tensor:
        weights = self.params[: self.lmax]
        biases = self.params[self.lmax :] if self.has_bias else None
        y = s_in
        for l in reversed(range(self.lmax)):
            y = self.activation(y) @ weights[l].T
            if biases is not None:
                y = y + biases[l]
        return 0.5 * (s_out - y).square().sum()

    def gradients(self, s_in: Tensor, s_out: Tensor) -> list[Tensor]:
        return list(torch.autograd.grad(self.loss(s_in, s_out), self.params))

    def step(self, s_in: Tensor, s_out: Tensor) -> None:
        self.optimizer.zero_grad(set_to_none=True)
        self.loss(s_in, s_out).backward()
        self.optimizer.step()
