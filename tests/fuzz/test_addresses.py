"""The private-address guard: every IPv6 form that carries an IPv4 address is judged by that address."""

from __future__ import annotations

import ipaddress

from hypothesis import given
from hypothesis import strategies as st

from walkback.ingest.fetch import _blocked

from .conftest import examples

ipv4 = st.one_of(
    st.ip_addresses(v=4),
    st.sampled_from(
        ["127.0.0.1", "10.1.2.3", "169.254.169.254", "192.168.0.1", "100.64.0.1", "8.8.8.8", "0.0.0.0"]
    ).map(ipaddress.IPv4Address),
)


def _embeddings(v4: ipaddress.IPv4Address) -> dict[str, str]:
    n = int(v4)
    return {
        "mapped": str(ipaddress.IPv6Address((0xFFFF << 32) | n)),
        "compatible": str(ipaddress.IPv6Address(n)),
        "translated": str(ipaddress.IPv6Address((0xFFFF << 48) | n)),
        "nat64": str(ipaddress.IPv6Address((0x64FF9B << 96) | n)),
        "6to4": str(ipaddress.IPv6Address((0x2002 << 112) | (n << 80) | 1)),
    }


@examples(300)
@given(v4=ipv4)
def test_embedded_ipv4_decides(v4: ipaddress.IPv4Address) -> None:
    blocked = _blocked(str(v4))
    for form, v6 in _embeddings(v4).items():
        if form == "6to4":  # also an IPv6 address of its own: refused with its IPv4, perhaps without
            assert _blocked(v6) or not blocked, f"{v6} passes for {v4}"
        else:  # stands for the IPv4 address alone
            assert _blocked(v6) == blocked, (form, v6, v4)
