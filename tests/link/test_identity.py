"""Speaker identities: who is the same across articles, and who must never be merged."""

from __future__ import annotations

from walkback.link.identity import acronym, fold_name, identity_of, organization_key, surname
from walkback.model import Speaker


def _person(name: str, **kw) -> Speaker:  # type: ignore[no-untyped-def]
    return Speaker(name=name, kind="person", **kw)


def test_people_are_keyed_without_titles_and_initials() -> None:
    keys = {
        identity_of(_person(n), article_id="a").key  # type: ignore[union-attr]
        for n in ("John Kirby", "Mr. John Kirby", "John F. Kirby", "JOHN KIRBY")
    }
    assert keys == {"person:john kirby"}
    ident = identity_of(_person("John Kirby"), article_id="a")
    assert ident is not None and "kirby" in ident.aliases


def test_anonymous_sources_stay_in_their_article() -> None:
    a = identity_of(Speaker(name="senior defense official", kind="person", anonymous=True), article_id="a1")
    b = identity_of(Speaker(name="senior defense official", kind="person", anonymous=True), article_id="a2")
    assert a is not None and b is not None and a.key != b.key and a.anonymous
    named = identity_of(_person("Defense Official"), article_id="a1")
    assert named is not None and named.key != a.key


def test_organisations_drop_the_and_national_prefixes_and_know_their_initials() -> None:
    keys = {
        identity_of(Speaker(name=n, kind="organization"), article_id="a").key  # type: ignore[union-attr]
        for n in ("the State Department", "U.S. State Department", "State Department")
    }
    assert keys == {"org:state department"}
    assert acronym("National Security Council") == "nsc"
    assert acronym("the Pentagon") is None
    assert organization_key("the U.S. Department of Defense") == "org:department of defense"


def test_no_identity_for_missing_or_one_letter_names() -> None:
    assert identity_of(Speaker(name=None), article_id="a") is None
    assert identity_of(_person("X"), article_id="a") is None
    assert identity_of(_person("Dr."), article_id="a") is None


def test_fold_and_surname() -> None:
    assert fold_name("Ryder’s") == "ryder"
    assert fold_name("José  Álvarez") == "jose alvarez"
    assert surname("Maj. Gen. Pat Ryder") == "ryder"


def test_a_generational_suffix_tells_two_people_apart() -> None:

    assert surname("Donald Trump Jr.") == surname("Mr. Trump") == "trump"
    son = identity_of(Speaker(name="Donald Trump Jr.", kind="person"), article_id="a")
    father = identity_of(Speaker(name="Donald Trump", kind="person"), article_id="a")
    assert son is not None and father is not None and son.key != father.key
