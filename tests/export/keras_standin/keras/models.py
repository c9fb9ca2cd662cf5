# SPDX-License-Identifier: GPL-3.0-or-later
"""keras.Sequential with compile, set_weights/get_weights, train_on_batch and reset_metrics.

train_on_batch follows Keras 3 (keras/src/backend/*/trainer.py): forward, the compiled loss
through Loss.__call__ (a plain function through LossFunctionWrapper, as compile wraps it),
gradients, optimizer.apply, then the "loss" tracker, a Mean weighted by the batch size that
only reset_metrics() (or fit/evaluate at an epoch start) clears: train_on_batch returns the
running mean since the last reset, not the batch's own loss."""
import numpy
import torch

from . import config, layers, losses, ops


class Sequential:
    def __init__(self, layer_list):
        layer_list = list(layer_list)
        if not layer_list or not isinstance(layer_list[0], layers.InputSpec):
            raise ValueError("the stand-in needs keras.Input(shape=...) first")
        width = layer_list[0].shape[-1]
        self.layers = layer_list[1:]
        for layer in self.layers:
            layer.build(width)
            width = layer.units
        self.optimizer = None
        self.loss = None
        self._loss_total = 0.0
        self._loss_count = 0.0

    @property
    def trainable_variables(self):
        return [w for layer in self.layers for w in layer.weights]

    def get_weights(self):
        return [w.detach().numpy().copy() for w in self.trainable_variables]

    def set_weights(self, weights):
        variables = self.trainable_variables
        if len(weights) != len(variables):
            raise ValueError(f"expected {len(variables)} weight arrays, got {len(weights)}")
        with torch.no_grad():
            for variable, value in zip(variables, weights):
                value = torch.as_tensor(numpy.asarray(value), dtype=variable.dtype)
                if tuple(value.shape) != tuple(variable.shape):
                    raise ValueError(f"shape {tuple(value.shape)} for a weight of shape "
                                     f"{tuple(variable.shape)}")
                variable.copy_(value)

    def __call__(self, x):
        x = ops.convert_to_tensor(x, dtype=config.floatx())
        for layer in self.layers:
            x = layer(x)
        return x

    def compile(self, optimizer, loss, jit_compile="auto", **kwargs):
        self.optimizer = optimizer
        self.loss = loss if isinstance(loss, losses.Loss) else losses.LossFunctionWrapper(loss)
        self.reset_metrics()

    def reset_metrics(self):
        self._loss_total = 0.0
        self._loss_count = 0.0

    def train_on_batch(self, x, y=None, sample_weight=None, return_dict=False):
        if self.optimizer is None:
            raise RuntimeError("You must call `compile()` before using the model.")
        y_pred = self(x)
        y_true = ops.convert_to_tensor(y, dtype=config.floatx())
        loss = self.loss(y_true, y_pred, sample_weight=sample_weight)
        grads = torch.autograd.grad(loss, self.trainable_variables)
        self.optimizer.apply(list(grads), self.trainable_variables)
        batch = y_pred.shape[0]
        self._loss_total += loss.item() * batch
        self._loss_count += batch
        value = numpy.array(self._loss_total / self._loss_count)
        return {"loss": value} if return_dict else value
