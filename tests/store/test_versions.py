"""new / unchanged / new_version, and no duplicate rows however often an article is saved."""

from __future__ import annotations

from dataclasses import replace

import pytest

from walkback.errors import StoreError
from walkback.model import SaidOn
from walkback.store import SaveResult, Store


def _dump(store: Store) -> dict[str, list[tuple]]:
    return {
        t: [tuple(r) for r in store.conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()]
        for t in ("articles", "article_versions", "statements")
    }


def test_saving_the_same_article_twice_changes_nothing(store: Store, make) -> None:
    article = make.article()
    statements = make.statements(article)
    assert store.article_status(article) == "new"
    first = store.save(article, statements)
    assert first == SaveResult(status="new", article_id="a1", version=1, statements_added=3)
    before = _dump(store)
    assert store.article_status(article) == "unchanged"
    again = store.save(article, statements)
    assert again == SaveResult(status="unchanged", article_id="a1", version=1, statements_added=0)
    assert _dump(store) == before  # no new rows, no touched timestamps
    assert store.count_statements() == 3


def test_unchanged_ignores_white_space_changes_and_new_statements(store: Store, make) -> None:
    article = make.article()
    store.save(article, make.statements(article))
    before = _dump(store)
    reflowed = make.article(body=article.text.replace(" ", "  ", 3), title="A new headline")
    assert reflowed.content_hash == article.content_hash
    assert store.save(reflowed, []).status == "unchanged"
    assert _dump(store) == before


def test_a_changed_body_is_a_new_version(store: Store, make) -> None:
    v1 = make.article(title="First take")
    store.save(v1, make.statements(v1))
    v2 = make.article(title="Second take", body=v1.text + "\n\nKirby later said the truce was fragile.")
    assert store.article_status(v2) == "new_version"
    s2 = [
        *make.statements(v2)[:2],
        make.statement(v2, "the truce was fragile", mention="Kirby", kind="indirect"),
    ]
    result = store.save(v2, s2)
    assert result == SaveResult(status="new_version", article_id="a1", version=2, statements_added=3)

    assert [r.version for r in store.versions("a1")] == [1, 2]
    assert [r.title for r in store.versions("a1")] == ["First take", "Second take"]
    assert store.article("a1") == v2
    assert store.article("a1", version=1) == v1
    assert store.article("a1", version=3) is None
    [latest] = store.articles()
    assert (latest.version, latest.title, latest.statement_count) == (2, "Second take", 3)

    # statements: the latest version by default, every version on request
    assert {r.version for r in store.statements()} == {2}
    assert store.count_statements() == 3
    assert store.count_statements(all_versions=True) == 6
    assert sorted(r.version for r in store.statements(all_versions=True)) == [1, 1, 1, 2, 2, 2]
    # the extractor may give an unchanged quote the same id in both versions
    assert {r.statement.id for r in store.statements(all_versions=True)} == {st.id for st in s2} | {
        st.id for st in make.statements(v1)
    }

    # saving either version again is "unchanged"
    assert store.save(v2, s2).status == "unchanged"
    reverted = store.save(v1, make.statements(v1))
    assert reverted == SaveResult(status="unchanged", article_id="a1", version=1, statements_added=0)
    assert store.stats()["versions"] == 2


def test_third_version_and_url_change(store: Store, make) -> None:
    bodies = ["One.", "One. Two.", "One. Two. Three."]
    for i, body in enumerate(bodies, start=1):
        result = store.save(make.article(body=body, url=f"https://news.example/a1?v={i}"), [])
        assert result.version == i
    [row] = store.articles()
    assert (row.version, row.url) == (3, "https://news.example/a1?v=3")
    assert store.article("a1", version=1).url == "https://news.example/a1?v=1"  # type: ignore[union-attr]


def test_statements_must_belong_to_the_article(store: Store, make) -> None:
    a, b = make.article("a1"), make.article("b1")
    with pytest.raises(StoreError, match="belongs to article 'b1', not to 'a1'"):
        store.save(a, make.statements(b))
    assert store.stats()["articles"] == 0


def test_duplicate_statement_ids_are_refused(store: Store, make) -> None:
    a = make.article()
    st = make.statements(a)[0]
    with pytest.raises(StoreError, match=f"statement id {st.id} appears twice"):
        store.save(a, [st, st])
    assert store.stats()["articles"] == 0


def test_a_bad_said_on_value_fails_the_whole_save(store: Store, make) -> None:
    a = make.article()
    good, *_ = make.statements(a)
    bad = replace(
        make.statement(a, "We are not there yet."),
        said_on=SaidOn(value="Jan 12", precision="day", source="text"),
    )
    with pytest.raises(StoreError, match="expected YYYY, YYYY-MM or YYYY-MM-DD, got 'Jan 12'"):
        store.save(a, [good, bad])
    assert store.article_status(a) == "new"


def test_a_failed_insert_rolls_back_everything(store: Store, make) -> None:
    a = make.article()
    bad = make.statement(a, "We are not there yet.", kind="shouted")  # violates the CHECK constraint
    with pytest.raises(StoreError, match="CHECK constraint failed|violates check constraint"):
        store.save(a, [*make.statements(a)[:2], bad])
    assert store.stats() == store.stats() | {"articles": 0, "versions": 0, "statements_all_versions": 0}
    assert store.save(a, make.statements(a)).status == "new"


def test_readonly_store_refuses_to_save(db_url: str, make) -> None:
    Store.open(db_url).close()
    with Store.open(db_url, readonly=True) as ro:
        with pytest.raises(StoreError, match="opened read-only"):
            ro.save(make.article(body="Something new."), [])


def test_a_closed_store_says_so(db_url: str) -> None:
    s = Store.open(db_url)
    s.close()
    s.close()  # twice is fine
    with pytest.raises(StoreError, match="the store is closed"):
        s.articles()
