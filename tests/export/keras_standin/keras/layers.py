# SPDX-License-Identifier: GPL-3.0-or-later
"""keras.layers.Dense and keras.Input: kernel (in, out) and bias, x @ kernel + bias, then the
activation (keras/src/layers/core/dense.py)."""
import torch

from . import config, ops

_ACTIVATIONS = {None: None, "linear": None, "relu": ops.relu, "tanh": ops.tanh,
                "sigmoid": ops.sigmoid}


class InputSpec:
    def __init__(self, shape):
        self.shape = tuple(shape)


def Input(shape):  # noqa: N802 (Keras' name)
    return InputSpec(shape)


class Dense:
    def __init__(self, units, activation=None, use_bias=True):
        if activation not in _ACTIVATIONS:
            raise ValueError(f"the stand-in has no activation {activation!r}")
        self.units = int(units)
        self.activation = _ACTIVATIONS[activation]
        self.use_bias = use_bias
        self.kernel = None
        self.bias = None

    def build(self, input_dim):
        dtype = ops._DTYPES[config.floatx()]
        # Keras draws glorot_uniform; the stand-in starts at 0 (scripts set every weight).
        self.kernel = torch.zeros(input_dim, self.units, dtype=dtype, requires_grad=True)
        self.bias = torch.zeros(self.units, dtype=dtype, requires_grad=True)

    @property
    def weights(self):
        return [self.kernel, self.bias] if self.use_bias else [self.kernel]

    def __call__(self, x):
        y = torch.matmul(x, self.kernel)
        if self.use_bias:
            y = y + self.bias
        return y if self.activation is None else self.activation(y)
