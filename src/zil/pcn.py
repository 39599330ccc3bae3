"""Predictive coding networks trained with inference learning: IL, Z-IL and Fa-Z-IL.

The PCN of Eqs. 5-9, 12, 13 (layer 0 = output, lmax = input):
    mu^l_t = theta^{l+1} f(x^{l+1}_t) + beta^{l+1},   eps^l_t = x^l_t - mu^l_t
    Delta x^l_t = gamma (-eps^l_t + f'(x^l_t) * (theta^l)^T eps^{l-1}_t),   1 <= l <= lmax-1
    Delta theta^{l+1} = alpha eps^l_t f(x^{l+1}_t)^T,   Delta beta^{l+1} = alpha eps^l_t
x^lmax is clamped to s_in and x^0 to s_out. Within a moment t every update is computed
from the state at t and then applied ("in parallel" in Algorithms 1-3).

The engine caches mu, eps and f(x) per layer and recomputes one only when its inputs
changed. Errors that are exactly zero by construction (C1: x^l_0 = mu^l_0) are tracked
as such and their terms skipped; adding an exact zero is exact, so results are the same
bits as evaluating every term. Value-node updates of the final moment are not computed:
no weight update reads them and the state is discarded when the batch ends.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Sequence

import torch
from torch import Tensor

from .bp import apply_update, bp_step, layer_rates
from .network import Network


@dataclass(frozen=True)
class BP:
    """Backpropagation, for use wherever a rule is expected."""

    name = "bp"


@dataclass(frozen=True)
class IL:
    """Algorithm 1: infer for t_c moments, then update every weight once at t = t_c."""

    t_c: int
    gamma: float = 1.0
    sigma: float = 0.0
    name = "il"

    def last_moment(self, lmax: int) -> int:
        return self.t_c

    def layers_updated_at(self, t: int, lmax: int) -> Sequence[int]:
        return range(lmax) if t == self.t_c else ()

    def last_reads(self, lmax: int) -> list[int]:
        """For each layer l, the last moment at which learning reads eps^l and x^{l+1}."""
        return [self.t_c] * lmax


@dataclass(frozen=True)
class ZIL:
    """Algorithm 2: theta^{l+1} is updated at t = l (C2); C1 and C3 hold when sigma=0, gamma=1."""

    gamma: float = 1.0
    sigma: float = 0.0
    name = "zil"

    def last_moment(self, lmax: int) -> int:
        return lmax - 1

    def layers_updated_at(self, t: int, lmax: int) -> Sequence[int]:
        return (t,) if t < lmax else ()

    def last_reads(self, lmax: int) -> list[int]:
        return list(range(lmax))


@dataclass(frozen=True)
class FaZIL:
    """Algorithm 3: no schedule; theta^{l+1} learns at every moment with rate alpha * phi(eps^l_t).

    phi is the supplement's undefined gate; ours fires once, when the error wave first arrives:
      "layer"  (default): phi = 1 for a sample's layer l at the first moment at which any
               eps^l_i of that sample is non-zero, else 0. Equals BP for every activation.
      "neuron": phi(eps^l_i) = 1 at the first moment at which eps^l_i itself is non-zero.
               Equals BP when f' is never exactly 0 (sigmoid, tanh, linear); with relu a
               unit with f' = 0 stays silent at t = l and fires later, which BP never does.
    ``steps`` is the number of moments presented (t = 0 ... steps-1); default lmax.
    """

    gamma: float = 1.0
    sigma: float = 0.0
    steps: int | None = None
    phi: Literal["layer", "neuron"] = "layer"
    name = "fazil"

    def last_moment(self, lmax: int) -> int:
        return (self.steps if self.steps is not None else lmax) - 1

    def last_reads(self, lmax: int) -> list[int]:
        return [self.last_moment(lmax)] * lmax  # every gate may fire at any moment


Rule = BP | IL | ZIL | FaZIL


class PCNState:
    """Value nodes, predictions and errors of a PCN presented one batch (s_in, s_out)."""

    def __init__(self, net: Network, s_in: Tensor, s_out: Tensor, gamma: float, sigma: float,
                 generator: torch.Generator | None):
        if sigma and generator is None:
            raise ValueError("sigma > 0 needs a seeded torch.Generator so the initial noise is reproducible")
        self.net, self.gamma = net, float(gamma)
        lmax, act = net.lmax, net.activation
        self.x: list[Tensor | None] = [None] * (lmax + 1)
        self.fx: list[Tensor | None] = [None] * (lmax + 1)  # f(x^l), None when stale
        self.mu: list[Tensor | None] = [None] * lmax  # None when stale
        self.eps: list[Tensor | None] = [None] * lmax  # None when stale (or known zero)
        self.zero = [False] * lmax  # eps^l is exactly zero by construction
        self.x[0], self.x[lmax] = net.as_input(s_out), net.as_input(s_in)
        self.fx[lmax] = act(self.x[lmax])
        for l in reversed(range(lmax)):  # one feed-forward sweep: mu^l_0
            self.mu[l] = net.predict_layer(l, self.fx[l + 1])
            if l == 0:
                break
            x = self.mu[l].clone()  # C1
            if sigma:
                # drawn in float64 so one seed gives the same noise for every dtype
                noise = torch.randn(x.shape, generator=generator, dtype=torch.float64, device=generator.device)
                x.add_(noise.to(dtype=x.dtype, device=x.device), alpha=float(sigma))
            else:
                self.zero[l] = True
            self.x[l], self.fx[l] = x, act(x)

    def f_of(self, l: int) -> Tensor:
        if self.fx[l] is None:
            self.fx[l] = self.net.activation(self.x[l])
        return self.fx[l]

    def error(self, l: int) -> Tensor | None:
        """eps^l at the current moment, or None when it is exactly zero."""
        if self.zero[l]:
            return None
        if self.eps[l] is None:
            if self.mu[l] is None:
                self.mu[l] = self.net.predict_layer(l, self.f_of(l + 1))
            self.eps[l] = self.x[l] - self.mu[l]
        return self.eps[l]

    def errors(self) -> list[Tensor]:
        """Every eps^l at the current moment, zeros included (for inspection and tests)."""
        return [e if (e := self.error(l)) is not None else torch.zeros_like(self.x[l]) for l in range(self.net.lmax)]

    def energy(self) -> float:
        """F_t = sum_l 1/2 ||eps^l_t||^2, summed over the batch."""
        return float(sum(0.5 * e.square().sum() for e in self.errors()))

    def inference_increments(self, layers: Sequence[int] | None = None) -> dict[int, Tensor]:
        """Delta x^l_t for the hidden ``layers`` (default: all) whose increment is not exactly zero."""
        act, weights = self.net.activation, self.net.weights
        increments = {}
        for l in layers if layers is not None else range(1, self.net.lmax):
            own, below = self.error(l), self.error(l - 1)
            if own is None and below is None:
                continue
            if below is None:
                d = -own
            else:
                d = below @ weights[l - 1]
                if act.derivative is not None:
                    d.mul_(act.derivative(self.x[l], self.f_of(l)))
                if own is not None:
                    d.sub_(own)
            increments[l] = d.mul_(self.gamma) if self.gamma != 1.0 else d
        return increments

    def move(self, increments: dict[int, Tensor]) -> None:
        for l, d in increments.items():
            self.x[l].add_(d)
            self.fx[l] = self.eps[l] = self.mu[l - 1] = self.eps[l - 1] = None
            self.zero[l] = self.zero[l - 1] = False

    def weights_changed(self, l: int) -> None:
        self.mu[l] = self.eps[l] = None
        self.zero[l] = False


@torch.no_grad()
def pcn_step(net: Network, s_in: Tensor, s_out: Tensor, lr: float | Sequence[float], rule: IL | ZIL | FaZIL,
             generator: torch.Generator | None = None, trace: list | None = None) -> None:
    """Present one batch to the PCN ``net`` and learn with ``rule``, in place.

    ``lr`` is alpha or one rate per layer (output side first). ``generator`` draws the
    sigma-noise of relaxed C1. ``trace``, if a list, receives every moment's errors
    [eps^0_t, ..., eps^{lmax-1}_t] before that moment's updates.
    """
    lmax = net.lmax
    rates = layer_rates(lr, lmax)
    last = rule.last_moment(lmax)
    if last < 0:
        raise ValueError(f"{rule} presents no moment: t_c and steps must be >= 0 / >= 1")
    state = PCNState(net, s_in, s_out, rule.gamma, rule.sigma, generator)
    last_reads = rule.last_reads(lmax)

    def live_layers(t: int) -> list[int] | None:
        """Hidden layers whose increment at t can still reach something learning reads.

        A change of x^l at t+1 spreads one layer per moment; eps^k and x^{k+1} are read
        until moment last_reads[k]. Other increments cannot change any weight, so they are
        not computed (all are, when a trace of the full dynamics is asked for).
        """
        if trace is not None:
            return None
        return [l for l in range(1, lmax)
                if any(last_reads[k] >= t + 1 + min(abs(k - l), abs(k + 1 - l)) for k in range(lmax))]

    fired: list[Tensor | None] = [None] * lmax  # Fa-Z-IL: which phi gates have fired
    for t in range(last + 1):
        if trace is not None:
            trace.append(state.errors())
        updates: list[tuple[int, Tensor]] = []  # (layer, error), all from the state at t
        if isinstance(rule, FaZIL):
            for l in range(lmax):
                if last_reads[l] < t:  # every gate of this layer has fired
                    continue
                err = state.error(l)
                if err is None:
                    continue
                nonzero = err != 0
                if rule.phi == "layer":
                    nonzero = nonzero.any(1, keepdim=True)
                gate = nonzero if fired[l] is None else nonzero & ~fired[l]
                fired[l] = nonzero if fired[l] is None else fired[l] | nonzero
                if bool(gate.any()):
                    updates.append((l, torch.where(gate, err, 0.0)))
                if bool(fired[l].all()):
                    last_reads[l] = t  # phi is 0 from now on: eps^l is never read again
        else:
            for l in rule.layers_updated_at(t, lmax):
                if (err := state.error(l)) is not None:
                    updates.append((l, err))
        # increments read the weights at t, so they come before the weight updates
        increments = state.inference_increments(live_layers(t)) if t < last else {}
        for l, err in updates:
            apply_update(net, l, err, state.f_of(l + 1), rates[l])
            state.weights_changed(l)
        state.move(increments)


def train_step(net: Network, s_in: Tensor, s_out: Tensor, lr: float | Sequence[float], rule: Rule,
               generator: torch.Generator | None = None) -> None:
    """One learning step on a batch with any rule (BP or a PCN rule), in place."""
    if isinstance(rule, BP):
        bp_step(net, s_in, s_out, lr)
    else:
        pcn_step(net, s_in, s_out, lr, rule, generator)
