# SPDX-License-Identifier: GPL-3.0-or-later
"""keras.saving: registration of custom objects and their (de)serialisation by name."""
_REGISTERED = {}


def register_keras_serializable(package="Custom", name=None):
    def decorator(cls):
        registered_name = f"{package}>{name or cls.__name__}"
        if registered_name in _REGISTERED:
            raise ValueError(f"{registered_name} has already been registered")
        if not hasattr(cls, "get_config"):
            raise ValueError("Cannot register a class that does not have a get_config() method.")
        _REGISTERED[registered_name] = cls
        cls._keras_registered_name = registered_name
        return cls

    return decorator


def get_registered_name(obj):
    cls = obj if isinstance(obj, type) else type(obj)
    return getattr(cls, "_keras_registered_name", cls.__name__)


def get_registered_object(name):
    return _REGISTERED.get(name)


def serialize_keras_object(obj):
    return {
        "module": type(obj).__module__,
        "class_name": type(obj).__name__,
        "config": obj.get_config(),
        "registered_name": get_registered_name(obj),
    }


def deserialize_keras_object(config):
    cls = _REGISTERED.get(config["registered_name"])
    if cls is None:
        raise TypeError(f"Could not locate class '{config['class_name']}': register it with "
                        "@keras.saving.register_keras_serializable()")
    return cls.from_config(config["config"])
