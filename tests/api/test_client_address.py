"""The rate limit's client behind reverse proxies: X-Forwarded-For only from trusted proxies."""

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from issqa.api import create_app
from issqa.api.middleware import RateLimit, client_address, parse_networks
from issqa.settings import Settings

PROXY = "10.0.0.1"


def make_client(engine, peer: str, **overrides) -> TestClient:
    """A client whose requests come from the socket address ``peer``; burst 2, then 429."""
    settings = Settings(corpus_dir=engine.settings.corpus_dir,
                        index_dir=engine.settings.index_dir, rate_limit_per_minute=6,
                        rate_limit_burst=2, **overrides)
    return TestClient(create_app(settings, engine=engine), raise_server_exceptions=False,
                      client=(peer, 50000))


def statuses(client: TestClient, *forwarded_for: str) -> list[int]:
    """One GET per X-Forwarded-For value (None: no header), and the statuses answered."""
    return [client.get("/documents/zarya",
                       headers={"X-Forwarded-For": xff} if xff is not None else {}).status_code
            for xff in forwarded_for]


def test_forwarded_for_from_an_untrusted_peer_does_not_change_the_bucket(hash_engine):
    with make_client(hash_engine, "203.0.113.7", trusted_proxies=[PROXY]) as client:
        # A new made-up address each time would be a fresh bucket each time, were it believed.
        assert statuses(client, "198.51.100.1", "198.51.100.2", "198.51.100.3",
                        f"198.51.100.4, {PROXY}") == [200, 200, 429, 429]


def test_clients_behind_a_trusted_proxy_get_a_bucket_each(hash_engine):
    with make_client(hash_engine, PROXY, trusted_proxies=[PROXY]) as client:
        assert statuses(client, "198.51.100.1", "198.51.100.1") == [200, 200]
        assert statuses(client, "198.51.100.2", "198.51.100.2") == [200, 200]
        assert statuses(client, "198.51.100.1", "198.51.100.2") == [429, 429]
        # The proxy's own requests (no header) are its own client.
        assert statuses(client, None, None, None) == [200, 200, 429]


def test_cidr_entries_trust_every_proxy_in_them_and_only_those(hash_engine):
    trusted = ["10.0.0.0/8", "2001:db8::/32"]
    with make_client(hash_engine, "10.1.2.3", trusted_proxies=trusted) as client:
        # Two hops inside 10/8 are skipped; what the client wrote to the left is not believed.
        assert statuses(client, "198.51.100.1, 10.9.9.9",
                        "1.1.1.1, 198.51.100.1, 10.9.9.9",
                        "2.2.2.2, 198.51.100.1, 10.9.9.9") == [200, 200, 429]
        assert statuses(client, "198.51.100.2, 2001:db8::5") == [200]
    with make_client(hash_engine, "11.0.0.1", trusted_proxies=trusted) as client:
        assert statuses(client, "198.51.100.1", "198.51.100.2", "198.51.100.3") == \
            [200, 200, 429]


@pytest.mark.parametrize("peer, headers, expected", [
    ("203.0.113.7", ["198.51.100.1"], "203.0.113.7"),                 # untrusted: header ignored
    ("10.0.0.1", [], "10.0.0.1"),                                     # trusted, no header
    ("10.0.0.1", ["1.1.1.1, 198.51.100.1"], "198.51.100.1"),          # rightmost untrusted
    ("10.0.0.1", ["198.51.100.1, 10.0.0.2"], "198.51.100.1"),         # trusted hops skipped
    ("10.0.0.1", ["1.1.1.1", "198.51.100.1, 10.0.0.2"], "198.51.100.1"),  # repeated headers
    ("10.0.0.1", ["10.0.0.3, 10.0.0.2"], "10.0.0.3"),                 # all trusted: leftmost
    ("::ffff:10.0.0.1", ["198.51.100.1"], "198.51.100.1"),            # IPv4-mapped peer
    ("2001:db8::1", ["2001:DB8:0::9"], "2001:db8::9"),                # IPv6, normalized
    ("testclient", ["198.51.100.1"], "testclient"),                   # not an IP: untrusted
])
def test_client_address_reads_forwarded_for_from_the_right(peer, headers, expected):
    trusted = parse_networks(["10.0.0.0/24", "2001:db8::1"])
    assert client_address(peer, headers, trusted) == expected


def test_the_middleware_takes_trusted_proxies_directly_too():
    async def ok(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    app = RateLimit(ok, per_minute=6, burst=1, trusted_proxies=["10.0.0.0/8"])
    client = TestClient(app, client=(PROXY, 50000))
    assert statuses(client, "198.51.100.1", "198.51.100.2", "198.51.100.1") == [200, 200, 429]


def test_trusted_proxies_come_from_the_environment_and_are_checked(monkeypatch):
    monkeypatch.setenv("ISSQA_TRUSTED_PROXIES", '["10.0.0.0/8", "::1"]')
    assert Settings().trusted_proxies == ["10.0.0.0/8", "::1"]
    monkeypatch.delenv("ISSQA_TRUSTED_PROXIES")
    assert Settings().trusted_proxies == []
    with pytest.raises(ValidationError, match=r"'proxy\.internal' is neither"):
        Settings(trusted_proxies=["10.0.0.1", "proxy.internal"])
    with pytest.raises(ValueError, match=r"not an IP address or CIDR network: '10\.0\.0\.0/33'"):
        parse_networks(["10.0.0.0/33"])
