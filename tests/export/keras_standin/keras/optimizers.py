# SPDX-License-Identifier: GPL-3.0-or-later
"""keras.optimizers SGD, Adam and RMSprop: Keras 3's update_step (keras/src/optimizers/sgd.py,
adam.py, rmsprop.py) operation for operation, on torch float64 tensors. `iterations` counts the
applied steps; Adam's local step is iterations + 1, as in Keras."""
import torch


class Optimizer:
    def __init__(self, learning_rate=0.001, weight_decay=None, name=None):
        self.learning_rate = float(learning_rate)
        self.weight_decay = weight_decay
        self.name = name or type(self).__name__.lower()
        self.iterations = 0
        self._slots = {}

    def _slot(self, variable, name):
        key = (id(variable), name)
        if key not in self._slots:
            self._slots[key] = torch.zeros_like(variable)
        return self._slots[key]

    @torch.no_grad()
    def apply(self, grads, trainable_variables):
        lr = self.learning_rate
        for g, v in zip(grads, trainable_variables):
            if self.weight_decay:
                v.sub_(v * self.weight_decay * lr)  # Keras' _apply_weight_decay
            self.update_step(g, v, lr)
        self.iterations += 1

    def apply_gradients(self, grads_and_vars):
        grads, variables = zip(*grads_and_vars)
        self.apply(list(grads), list(variables))


class SGD(Optimizer):
    def __init__(self, learning_rate=0.01, momentum=0.0, nesterov=False, **kwargs):
        super().__init__(learning_rate=learning_rate, **kwargs)
        if not 0 <= momentum <= 1:
            raise ValueError("`momentum` must be a float between [0, 1].")
        self.momentum = float(momentum)
        self.nesterov = nesterov

    def update_step(self, gradient, variable, learning_rate):
        if self.momentum != 0:
            m = self._slot(variable, "momentum")
            m.copy_(-gradient * learning_rate + m * self.momentum)
            if self.nesterov:
                variable.add_(-gradient * learning_rate + m * self.momentum)
            else:
                variable.add_(m)
        else:
            variable.sub_(gradient * learning_rate)


class Adam(Optimizer):
    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7,
                 amsgrad=False, **kwargs):
        super().__init__(learning_rate=learning_rate, **kwargs)
        if amsgrad:
            raise NotImplementedError("the stand-in has no amsgrad")
        self.beta_1, self.beta_2, self.epsilon = float(beta_1), float(beta_2), float(epsilon)

    def update_step(self, gradient, variable, learning_rate):
        local_step = float(self.iterations + 1)
        beta_1_power = torch.pow(torch.tensor(self.beta_1, dtype=variable.dtype), local_step)
        beta_2_power = torch.pow(torch.tensor(self.beta_2, dtype=variable.dtype), local_step)
        m = self._slot(variable, "momentum")
        v = self._slot(variable, "velocity")
        alpha = learning_rate * torch.sqrt(1 - beta_2_power) / (1 - beta_1_power)
        m.add_((gradient - m) * (1 - self.beta_1))
        v.add_((torch.square(gradient) - v) * (1 - self.beta_2))
        variable.sub_((m * alpha) / (torch.sqrt(v) + self.epsilon))


class RMSprop(Optimizer):
    def __init__(self, learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-7,
                 centered=False, **kwargs):
        super().__init__(learning_rate=learning_rate, **kwargs)
        self.rho, self.momentum, self.epsilon = float(rho), float(momentum), float(epsilon)
        self.centered = centered

    def update_step(self, gradient, variable, learning_rate):
        velocity = self._slot(variable, "velocity")
        rho = self.rho
        velocity.copy_(rho * velocity + (1 - rho) * torch.square(gradient))
        if self.centered:
            average_grad = self._slot(variable, "average_gradient")
            average_grad.copy_(rho * average_grad + (1 - rho) * gradient)
            denominator = velocity - torch.square(average_grad) + self.epsilon
        else:
            denominator = velocity + self.epsilon
        increment = (learning_rate * gradient) / torch.sqrt(denominator)
        if self.momentum > 0:
            momentum = self._slot(variable, "momentum")
            momentum.copy_(self.momentum * momentum + increment)
            variable.sub_(momentum)
        else:
            variable.sub_(increment)
