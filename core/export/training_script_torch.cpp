// SPDX-License-Identifier: GPL-3.0-or-later
// The PyTorch training script: nn.Sequential of nn.Linear in float64, LossLab's initial weights,
// a torch.optim.Optimizer with LossLab's (Keras 3's) update, written operation for operation as
// optimizers.cpp computes it, and the exported loss module.
#include <string>

#include "core/export/python_text.h"
#include "core/export/training_script_run.h"

namespace losslab::script {

namespace {

std::string activationModule(Activation activation) {
  switch (activation) {
    case Activation::Relu:
      return "nn.ReLU()";
    case Activation::Tanh:
      return "nn.Tanh()";
    case Activation::Sigmoid:
      return "nn.Sigmoid()";
    case Activation::Linear:
      break;
  }
  return {};
}

constexpr const char* kSgd = R"(

class KerasSGD(torch.optim.Optimizer):
    """Keras 3's SGD, as LossLab steps (keras/src/optimizers/sgd.py): with momentum mu the
    velocity v = mu * v - lr * g, then w += v (Nesterov: w += mu * v - lr * g); without,
    w -= lr * g. torch.optim.SGD keeps b = -v / lr instead: equal in exact arithmetic only."""

    def __init__(self, params, lr, momentum=0.0, nesterov=False):
        super().__init__(params, dict(lr=lr, momentum=momentum, nesterov=nesterov))

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            lr, mu = group["lr"], group["momentum"]
            for p in group["params"]:
                g = p.grad
                if mu == 0:
                    p.sub_(lr * g)
                    continue
                state = self.state[p]
                if not state:
                    state["velocity"] = torch.zeros_like(p)
                v = state["velocity"]
                v.copy_(mu * v - lr * g)
                if group["nesterov"]:
                    p.add_(mu * v - lr * g)
                else:
                    p.add_(v)
)";

constexpr const char* kAdam = R"(

class KerasAdam(torch.optim.Optimizer):
    """Keras 3's Adam, as LossLab steps (keras/src/optimizers/adam.py): the bias correction is
    folded into the step size and epsilon is added to sqrt(v):
        t += 1;  alpha = lr * sqrt(1 - beta_2**t) / (1 - beta_1**t)
        m += (g - m) * (1 - beta_1);  v += (g*g - v) * (1 - beta_2)
        w -= alpha * m / (sqrt(v) + epsilon)
    torch.optim.Adam adds eps to sqrt(v / (1 - beta_2**t)) instead (its eps is this epsilon
    times sqrt(1 - beta_2**t)): the two agree only while epsilon is negligible."""

    def __init__(self, params, lr, beta_1, beta_2, epsilon):
        super().__init__(params, dict(lr=lr, beta_1=beta_1, beta_2=beta_2, epsilon=epsilon))

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            beta_1, beta_2 = group["beta_1"], group["beta_2"]
            for p in group["params"]:
                state = self.state[p]
                if not state:
                    state["t"] = 0
                    state["m"] = torch.zeros_like(p)
                    state["v"] = torch.zeros_like(p)
                state["t"] += 1
                t = state["t"]
                alpha = group["lr"] * math.sqrt(1.0 - beta_2**t) / (1.0 - beta_1**t)
                g, m, v = p.grad, state["m"], state["v"]
                m.add_((g - m) * (1.0 - beta_1))
                v.add_((g * g - v) * (1.0 - beta_2))
                p.sub_(alpha * m / (v.sqrt() + group["epsilon"]))
)";

constexpr const char* kRmsProp = R"(

class KerasRMSprop(torch.optim.Optimizer):
    """Keras 3's RMSprop, as LossLab steps (keras/src/optimizers/rmsprop.py): epsilon INSIDE
    the square root (torch.optim.RMSprop adds it outside):
        s = rho * s + (1 - rho) * g*g;  centered: a = rho * a + (1 - rho) * g, d = s - a*a + eps
        else d = s + eps;  step = lr * g / sqrt(d)
        momentum mu > 0: u = mu * u + step, w -= u;  else w -= step"""

    def __init__(self, params, lr, rho, momentum, epsilon, centered):
        super().__init__(params, dict(lr=lr, rho=rho, momentum=momentum, epsilon=epsilon,
                                      centered=centered))

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            lr, rho, mu, eps = group["lr"], group["rho"], group["momentum"], group["epsilon"]
            for p in group["params"]:
                state = self.state[p]
                if not state:
                    for name in ("velocity", "average_gradient", "momentum"):
                        state[name] = torch.zeros_like(p)
                g, s = p.grad, state["velocity"]
                s.copy_(rho * s + (1.0 - rho) * (g * g))
                if group["centered"]:
                    a = state["average_gradient"]
                    a.copy_(rho * a + (1.0 - rho) * g)
                    step = lr * g / (s - a * a + eps).sqrt()
                else:
                    step = lr * g / (s + eps).sqrt()
                if mu > 0:
                    u = state["momentum"]
                    u.copy_(mu * u + step)
                    p.sub_(u)
                else:
                    p.sub_(step)
)";

std::string optimizerText(const OptimizerOptions& o) {
  using python::floatLiteral;
  switch (o.kind) {
    case OptimizerKind::Sgd:
      return std::string(kSgd) +
             "\n\ndef make_optimizer(parameters):\n    return KerasSGD(parameters, lr=" +
             floatLiteral(o.sgd.learningRate) + ", momentum=" + floatLiteral(o.sgd.momentum) +
             ", nesterov=" + (o.sgd.nesterov ? "True" : "False") + ")\n";
    case OptimizerKind::Adam:
      return std::string(kAdam) +
             "\n\ndef make_optimizer(parameters):\n    return KerasAdam(\n        parameters, lr=" +
             floatLiteral(o.adam.learningRate) + ", beta_1=" + floatLiteral(o.adam.beta1) +
             ", beta_2=" + floatLiteral(o.adam.beta2) +
             ", epsilon=" + floatLiteral(o.adam.epsilon) + "\n    )\n";
    case OptimizerKind::RmsProp:
      return std::string(kRmsProp) +
             "\n\ndef make_optimizer(parameters):\n    return KerasRMSprop(\n        parameters, "
             "lr=" +
             floatLiteral(o.rmsprop.learningRate) + ", rho=" + floatLiteral(o.rmsprop.rho) +
             ", momentum=" + floatLiteral(o.rmsprop.momentum) +
             ", epsilon=" + floatLiteral(o.rmsprop.epsilon) +
             ", centered=" + (o.rmsprop.centered ? "True" : "False") + "\n    )\n";
  }
  return {};
}

constexpr const char* kReplay = R"(

def build_model():
    """The network with LossLab's initial weights."""
    layers = []
    for index, (w, b) in enumerate(INITIAL_WEIGHTS):
        linear = nn.Linear(len(w[0]), len(w))
        with torch.no_grad():
            linear.weight.copy_(torch.tensor(w))
            linear.bias.copy_(torch.tensor(b))
        layers.append(linear)
        if index + 1 < len(INITIAL_WEIGHTS) and ACTIVATION is not None:
            layers.append(ACTIVATION)
    return nn.Sequential(*layers)


def replay(loss_fn):
    """Trains the network on LossLab's batches; returns the epoch losses (Keras' epoch loss:
    the batch-size-weighted mean of the epoch's batch losses, each before its update)."""
    model = build_model()
    optimizer = make_optimizer(model.parameters())
    x = torch.tensor(TRAIN_X)
    y = torch.tensor(TRAIN_Y).reshape(-1, 1)
    epoch_losses = []
    for order in BATCH_ORDERS:
        total, count = 0.0, 0
        for start in range(0, len(order), BATCH_SIZE):
            batch = torch.tensor(order[start : start + BATCH_SIZE])
            optimizer.zero_grad()
            loss = loss_fn(model(x[batch]), y[batch])
            loss.backward()
            optimizer.step()
            total += loss.item() * len(batch)
            count += len(batch)
        epoch_losses.append(total / count)
    return epoch_losses
)";

}  // namespace

std::string torchScript(const ScriptRun& run) {
  std::string text = "#!/usr/bin/env python3\n" + run.header;
  text +=
      "# PyTorch in float64; the optimizer follows LossLab's (Keras 3's) update rules.\n"
      "import math\n\nimport torch\nfrom torch import nn\n\n"
      "torch.set_default_dtype(torch.float64)\n\n";
  text += lossModulesText(run);
  text += constantsText(run);
  const std::string activation = activationModule(run.activation);
  text += "ACTIVATION = " + (activation.empty() ? std::string("None") : activation) +
          "  # of the hidden layers; the output is linear\n";
  text += optimizerText(run.optimizer);
  text += kReplay;
  text += mainText(run);
  return text;
}

}  // namespace losslab::script
