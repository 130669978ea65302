"""A package's names loaded with the module that defines them, on first use (PEP 562 `__getattr__`): a command
that needs one name of a package does not pay for the package's other modules."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_names(package: str, module_of: Mapping[str, str], namespace: dict[str, Any]) -> Callable[[str], Any]:
    """The package's `__getattr__`: `module_of` maps each name to the submodule defining it; a loaded name is kept
    in `namespace` (the package's globals), so it is looked up once."""

    def __getattr__(name: str) -> Any:
        if name not in module_of:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{module_of[name]}"), name)
        namespace[name] = value
        return value

    return __getattr__
