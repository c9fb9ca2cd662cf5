#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs LossLab's exported Python (tests/export/tst_export_roundtrip.cpp writes the jobs).

usage: export_driver.py JOBS.json   (the exported modules and keras_standin/ on PYTHONPATH)

Each job names an exported module, its target and its inputs in positional order; the driver
imports the module, evaluates it in float64 and differentiates it with torch autograd:
  pytorch: the nn.Module (default reduction), the functional form (and reduction="sum"), the
           module compiled by torch.jit.script, the module called with keyword arguments only,
           its state_dict keys and its buffers after .float();
  keras:   the keras.losses.Loss subclass through Loss.__call__ (raw shapes), the closure through
           LossFunctionWrapper (what model.compile(loss=fn) builds), the class through
           keras.saving's serialize/deserialize (registered name), and the class rebuilt from
           its get_config(); with "rank", one-column data with a rank-1 y_true (then y_pred)
           through both.
Exact points ("points") are single elements: value, d/dx and d²/dx² by autograd.
Prints one JSON object: job name → results, or {"error": traceback}; NaN and ±inf are the
strings "nan", "inf", "-inf".
"""
import importlib
import inspect
import json
import math
import sys
import traceback

import torch

torch.set_default_dtype(torch.float64)


def own(mod, obj):
    return getattr(obj, "__module__", None) == mod.__name__


def tensors(inputs):
    out = []
    for item in inputs:
        t = torch.tensor(item["data"], dtype=torch.float64)
        if item.get("grad"):
            t.requires_grad_(True)
        out.append(t)
    return out


def derivatives(value, x):
    """d value/dx and d² value/dx² of a one-element input x."""
    (d1,) = torch.autograd.grad(value, x, create_graph=True, allow_unused=True)
    if d1 is None:
        return 0.0, 0.0
    if not d1.requires_grad:
        return d1.item(), 0.0
    (d2,) = torch.autograd.grad(d1.sum(), x, allow_unused=True)
    return d1.item(), 0.0 if d2 is None else d2.item()


def torch_job(mod, job):
    modules = [c for c in vars(mod).values()
               if inspect.isclass(c) and issubclass(c, torch.nn.Module) and own(mod, c)]
    functions = [f for f in vars(mod).values() if inspect.isfunction(f) and own(mod, f)]
    assert len(modules) == 1 and len(functions) == 1, (modules, functions)
    keywords = {k: torch.tensor(v, dtype=torch.float64) for k, v in job["keywords"].items()}
    args = tensors(job["inputs"])
    module = modules[0](**keywords)
    value = module(*args)
    value.backward()
    plain = [a.detach() for a in args]
    result = {
        "value": value.item(),
        "dtype": str(value.dtype),
        "grads": {item["name"]: a.grad.tolist()
                  for item, a in zip(job["inputs"], args) if item.get("grad")},
        "functional": functions[0](*plain, **keywords).item(),
        "sum": functions[0](*plain, **keywords, reduction="sum").item(),
        # Idiomatic modules: TorchScript compiles them, the tensors they hold are buffers.
        "scripted": torch.jit.script(modules[0](**keywords))(*plain).item(),
        # Every tensor is also a keyword argument, extra inputs named as on the CLI.
        "keyword": modules[0](**keywords)(
            **{item["name"]: a for item, a in zip(job["inputs"], plain)}).item(),
        "buffers": sorted(modules[0](**keywords).state_dict().keys()),
        "moved": all(b.dtype == torch.float32 for b in modules[0](**keywords).float().buffers()),
        "points": [],
    }
    for point in job["points"]:
        point_args = tensors(point)
        x = next(a for item, a in zip(point, point_args) if item.get("grad"))
        v = modules[0]()(*point_args)  # one element: no per-class weights
        d1, d2 = derivatives(v, x)
        result["points"].append({"value": v.item(), "d1": d1, "d2": d2})
    return result


def keras_job(mod, job):
    import keras

    classes = [c for c in vars(mod).values()
               if inspect.isclass(c) and issubclass(c, keras.losses.Loss) and own(mod, c)]
    factories = [f for n, f in vars(mod).items()
                 if inspect.isfunction(f) and own(mod, f) and n.startswith("make_")]
    assert len(classes) == 1 and len(factories) == 1, (classes, factories)
    cls = classes[0]
    args = tensors(job["inputs"])
    loss = cls()
    value = loss(*args)
    value.backward()
    plain = [a.detach() for a in args]
    config = loss.get_config()
    closure = keras.losses.LossFunctionWrapper(factories[0]())
    result = {
        "value": value.item(),
        "grads": {item["name"]: a.grad.tolist()
                  for item, a in zip(job["inputs"], args) if item.get("grad")},
        "closure": closure(*plain).item(),
        "roundtrip": cls.from_config(config)(*plain).item(),
        # What keras.saving does with a compiled loss: by its registered name.
        "registered": keras.saving.get_registered_name(loss),
        "deserialized": keras.saving.deserialize_keras_object(
            keras.saving.serialize_keras_object(loss))(*plain).item(),
        "config": {k: v for k, v in config.items() if isinstance(v, (bool, int, float, str))},
        "points": [],
    }
    if "rank" in job:
        # Keras 3's calling convention with a rank-1 tensor: Loss.__call__ passes the raw
        # shapes to call(), LossFunctionWrapper aligns them first (keras/src/losses/loss.py).
        column = {k: torch.tensor(v, dtype=torch.float64) for k, v in job["rank"].items()}
        shapes = {"y_true (B,)": (column["y_true"], column["y_pred"].unsqueeze(-1)),
                  "y_pred (B,)": (column["y_true"].unsqueeze(-1), column["y_pred"])}
        wrapper = keras.losses.LossFunctionWrapper(factories[0]())
        result["rank"] = {}
        for label, (y_true, y_pred) in shapes.items():
            result["rank"]["class, " + label] = cls()(y_true, y_pred).item()
            result["rank"]["wrapper, " + label] = wrapper(y_true, y_pred).item()
    for point in job["points"]:
        point_args = tensors(point)
        x = next(a for item, a in zip(point, point_args) if item.get("grad"))
        v = cls()(*point_args)
        d1, d2 = derivatives(v, x)
        result["points"].append({"value": v.item(), "d1": d1, "d2": d2})
    return result


def finite(x):
    """JSON has no NaN or infinity: they are written as the strings "nan", "inf", "-inf"."""
    if isinstance(x, float) and not math.isfinite(x):
        return "nan" if math.isnan(x) else ("inf" if x > 0 else "-inf")
    if isinstance(x, dict):
        return {k: finite(v) for k, v in x.items()}
    if isinstance(x, list):
        return [finite(v) for v in x]
    return x


def main():
    jobs = json.load(open(sys.argv[1]))
    out = {}
    for job in jobs:
        try:
            if job["target"] == "keras":
                # One process imports many exports that share class names (one id, several
                # parameter sets); a user's program imports one. Start each with no registrations.
                import keras
                keras.saving._REGISTERED.clear()
            mod = importlib.import_module(job["module"])
            out[job["name"]] = (torch_job if job["target"] == "pytorch" else keras_job)(mod, job)
        except Exception:  # noqa: BLE001 (reported per job)
            out[job["name"]] = {"error": traceback.format_exc()}
    print(json.dumps(finite(out)))


if __name__ == "__main__":
    main()
