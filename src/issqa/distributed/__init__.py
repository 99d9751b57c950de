"""Beyond one machine, on Ray (the optional ``[ray]`` extra): Serve replicas, Ray Data builds.

Importing this package imports nothing of Ray; its modules do, so the single-machine path
(``issqa serve``, ``issqa build``) never needs Ray installed.
"""

from __future__ import annotations

import importlib

from ..errors import RayMissingError

__all__ = ["require_ray"]


def require_ray() -> None:
    """Raise RayMissingError, saying how to install it, unless Ray Serve and Data import."""
    try:
        for module in ("ray.data", "ray.serve"):
            importlib.import_module(module)
    except ImportError as exc:
        raise RayMissingError(
            f"this needs Ray ({exc.name} is missing); install it with "
            "`pip install 'issqa[ray]'` (or `make install-ray`)") from None
