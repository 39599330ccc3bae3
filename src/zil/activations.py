"""Activation functions f with their exact derivatives f'.

f' is computed from x and the already computed f(x), so a layer never evaluates f twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import torch
from torch import Tensor


@dataclass(frozen=True)
class Activation:
    name: str
    f: Callable[[Tensor], Tensor]
    # f'(x) given x and f(x); None means f' == 1 everywhere, so the multiplication is skipped.
    derivative: Callable[[Tensor, Tensor], Tensor] | None

    def __call__(self, x: Tensor) -> Tensor:
        return self.f(x)

    def prime(self, x: Tensor, fx: Tensor) -> Tensor:
        return torch.ones_like(x) if self.derivative is None else self.derivative(x, fx)


ACTIVATIONS: dict[str, Activation] = {
    "sigmoid": Activation("sigmoid", torch.sigmoid, lambda x, fx: fx * (1 - fx)),
    "tanh": Activation("tanh", torch.tanh, lambda x, fx: 1 - fx * fx),
    "relu": Activation("relu", torch.relu, lambda x, fx: (x > 0).to(x.dtype)),
    "linear": Activation("linear", lambda x: x, None),
}


def get_activation(name: str) -> Activation:
    try:
        return ACTIVATIONS[name]
    except KeyError:
        raise ValueError(
            f"unknown activation {name!r}; choose one of {sorted(ACTIVATIONS)}"
        ) from None
