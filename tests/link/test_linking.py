"""Linking across articles, end to end: real extraction, the real encoder, a real SQLite file and a
database on a real PostgreSQL server.

The seed article must yield Kirby's walk-back of his Friday statement, and Patel's and the NSC
spokesperson's statements contradicting it, and no other walk-back. Further articles written here
exercise what the seed cannot: a second article joining an existing claim, a new version of an
article, identities across articles, and the inputs that must not invent a relation.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import BACKENDS, database_for

from walkback.link import link_store
from walkback.pipeline import ingest_sources
from walkback.settings import load_settings
from walkback.store import Store

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "examples" / "cnn-lite-2024-02-05-us-did-not-notify-iraq.txt"


@pytest.fixture(params=BACKENDS)
def db(request, tmp_path: Path) -> str:  # type: ignore[no-untyped-def]
    return database_for(request, tmp_path / "w.db")


@pytest.fixture(scope="module")
def encoder():  # type: ignore[no-untyped-def]
    from walkback.link.embed import get_encoder

    return get_encoder()


def _ingest(store: Store, paths: list[Path], encoder, published: str | None = None):  # type: ignore[no-untyped-def]
    from walkback.ingest import parse_date

    settings = load_settings(link=False, n_process=1)
    ingest_sources(
        [str(p) for p in paths],
        store=store,
        settings=settings,
        published=parse_date(published) if published else None,
    )
    return link_store(store, settings, encoder=encoder)


def _pk(store: Store, phrase: str) -> int:
    rows = store._query("SELECT pk FROM statements WHERE content_text LIKE ?", (f"%{phrase}%",))
    assert len(rows) >= 1, f"no statement holds {phrase!r}"
    return int(rows[-1][0])


@pytest.fixture(scope="module", params=BACKENDS)
def seed_db(request, tmp_path_factory, encoder):  # type: ignore[no-untyped-def]
    path = database_for(request, tmp_path_factory.mktemp("seed") / "seed.db")
    with Store.open(path) as store:
        summary = _ingest(store, [SEED], encoder)
    assert summary.articles == 1
    return path


def test_seed_walkback_is_kirbys_and_the_only_one(seed_db: Path) -> None:
    with Store.open(seed_db, readonly=True) as store:
        walkbacks = store.relations("walkback")
        assert len(walkbacks) == 1, [(r.speaker_name, r.target.statement.content.text) for r in walkbacks]
        wb = walkbacks[0]
        assert wb.speaker_name == "John Kirby"
        assert "did inform the Iraqi government prior to the strikes" in wb.target.statement.content.text
        assert wb.target.statement.said_on.value == "2024-02-02"
        assert wb.source.statement.said_on.value == "2024-02-05"
        assert wb.basis == "reported"
        assert "misspoke" in wb.evidence and "regret any confusion" in wb.evidence
        assert any(e.startswith("earlier: ") for e in wb.evidence)


def test_seed_contradictions_and_the_claim(seed_db: Path) -> None:
    with Store.open(seed_db, readonly=True) as store:
        kirby = _pk(store, "did inform the Iraqi government")
        patel = _pk(store, "there was not a pre-notification")
        nsc = _pk(store, "we did not provide any kind of official pre-notification")
        officials = _pk(store, "Iraq was not notified ahead")
        pairs = {(r.source.pk, r.target.pk): r for r in store.relations("contradicts")}
        assert (patel, kirby) in pairs and (nsc, kirby) in pairs
        assert pairs[(patel, kirby)].evidence[0].startswith("not: ")
        links = store.linked_statements([kirby, patel, nsc, officials])
        assert len({x.claim_id for x in links.values()}) == 1
        assert links[kirby].stance == "affirms"
        assert {links[p].stance for p in (patel, nsc, officials)} == {"denies"}
        claim = store.claim(links[kirby].claim_id)  # type: ignore[arg-type]
        assert claim is not None and claim.statement_count >= 4
        assert "inform the Iraqi government" in claim.summary  # the affirming words, not a denial


def test_seed_speakers_and_organisations(seed_db: Path) -> None:
    with Store.open(seed_db, readonly=True) as store:
        kirby = store.find_speaker("Kirby")
        assert kirby.name == "John Kirby" and kirby.statement_count == 4
        assert kirby.roles[0]["role"] == "National Security Council spokesman"
        assert kirby.roles[0]["first_said"] == "2024-02-02" and kirby.roles[0]["last_said"] == "2024-02-05"
        nsc = store.find_speaker("National Security Council")
        # the anonymous NSC spokesperson speaks for the council Kirby speaks for (initials: NSC)
        assert set(nsc.spokespeople) == {"John Kirby", "NSC spokesperson"}
        state = store.find_speaker("State Department")
        assert state.spokespeople == ("Vedant Patel",)
        anonymous = [s for s in store.speakers() if s.anonymous]
        assert anonymous and all(s.key.startswith("anon:") for s in anonymous)


def test_relinking_and_reingesting_change_nothing(tmp_path: Path, encoder) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "w.db"
    with Store.open(db) as store:
        _ingest(store, [SEED], encoder)
        before = (len(store.relations()), len(store.claims()), store.stats())
        again = _ingest(store, [SEED], encoder)
        assert again.articles == 0
        assert (len(store.relations()), len(store.claims()), store.stats()) == before
    assert (tmp_path / "w.db.vectors").is_file()


ARTICLE_2 = """Pentagon says Iraq was told after the strikes
National Security Council spokesman John Kirby said on Wednesday that the United States did not notify \
the Iraqi government before the strikes.
“We informed the Iraqis right after the strikes,” Kirby told reporters.
A senior defense official said the strikes hit 85 targets.
"""


def test_a_second_article_joins_the_claim_and_the_speaker(tmp_path: Path, db: str, encoder) -> None:  # type: ignore[no-untyped-def]
    second = tmp_path / "second.txt"
    second.write_text(ARTICLE_2, encoding="utf-8")
    with Store.open(db) as store:
        _ingest(store, [SEED], encoder)
        kirby_id = store.find_speaker("John Kirby").id
        anon_before = {s.key for s in store.speakers() if s.anonymous}
        claim_id = (
            store.linked_statements([_pk(store, "did inform the Iraqi government")]).popitem()[1].claim_id
        )
        _ingest(store, [second], encoder, published="2024-02-07")
        new = _pk(store, "did not notify the Iraqi government")
        link = store.linked_statements([new])[new]
        assert link.speaker_id == kirby_id  # one identity across articles
        assert link.claim_id == claim_id  # joined the claim, not a new one
        assert link.stance == "denies"
        # the same person later denies what he affirmed: inferred or reported, never silently missed
        later = [r for r in store.relations() if r.source.pk == new and r.type in ("walkback", "contradicts")]
        assert later, "Kirby's later denial is related to his Friday statement"
        # an anonymous source of another article is never merged with the seed's
        anon_after = {s.key for s in store.speakers() if s.anonymous}
        assert len(anon_after - anon_before) == 1


def test_a_new_version_replaces_the_old_links(tmp_path: Path, db: str, encoder) -> None:  # type: ignore[no-untyped-def]
    v2 = tmp_path / SEED.name
    v2.write_text(
        SEED.read_text(encoding="utf-8").replace("I regret any confusion caused", "I regret it"), "utf-8"
    )
    with Store.open(db) as store:
        _ingest(store, [SEED], encoder)
        _ingest(store, [v2], encoder)
        assert store.stats()["versions"] == 2
        walkbacks = store.relations("walkback")
        assert (
            len(walkbacks) == 1
            and walkbacks[0].source.statement.article_id == walkbacks[0].target.statement.article_id
        )
        latest = store.versions(walkbacks[0].source.statement.article_id)[-1].version
        pks = [r.source.pk for r in store.relations()] + [r.target.pk for r in store.relations()]
        versions = store._query(
            f"SELECT DISTINCT version FROM statements WHERE pk IN ({','.join('?' * len(pks))})", pks
        )
        assert {r[0] for r in versions} == {latest}
        assert "regret any confusion" not in walkbacks[0].evidence


ODD = """Officials argue over the budget
X said the budget was balanced.
“The budget is not balanced,” the mayor said.
“It is balanced,” someone said, without giving a name.
The council will vote on Tuesday.
"""


def test_odd_inputs_invent_no_relation(tmp_path: Path, db: str, encoder) -> None:  # type: ignore[no-untyped-def]
    odd = tmp_path / "odd.txt"
    odd.write_text(ODD, encoding="utf-8")
    with Store.open(db) as store:
        summary = _ingest(store, [odd], encoder)  # no date anywhere
        assert summary.articles == 1
        for r in store.relations():
            # every relation explains itself and joins two statements with speakers
            assert r.evidence and r.source.speaker_id is not None and r.target.speaker_id is not None
        assert not store.relations("walkback")
        one_letter = [s for s in store.speakers() if s.name == "X"]
        assert not one_letter


def test_a_lost_index_file_is_rebuilt(tmp_path: Path, encoder) -> None:  # type: ignore[no-untyped-def]
    from walkback.link.core import Linker

    db = tmp_path / "w.db"
    with Store.open(db) as store:
        _ingest(store, [SEED], encoder)
        n = store.vector_count()
    (tmp_path / "w.db.vectors").unlink()
    with Store.open(db) as store:
        linker = Linker(store, encoder)
        assert len(linker.index) == n
        (tmp_path / "w.db.vectors").write_bytes(b"not an index")
    with Store.open(db) as store:
        assert len(Linker(store, encoder).index) == n


# Walk-backs reported in PolNeAR train articles (tests/casebook), cut to the sentences that matter.
WALKBACKS = Path(__file__).parent / "walkbacks"


@pytest.mark.parametrize(
    ("name", "walked_back"),
    [
        # the walker's words told right before the report, not the ones nearest in meaning
        ("bradley.txt", "How sad that the lives"),
        # a report in the article's prose: the walker's next statement is unrelated
        ("sharpton.txt", "never done nothing for us"),
        # a date misread in the report (the Nov. 8 election) does not outweigh the text's order
        ("sarcastic.txt", "Russia, if you’re listening"),
        # the phrase the report quotes (“illegal immigrant”), in words told after it on no date of their own
        ("clinton.txt", "to try to prevent illegal immigrants"),
        # words followed, in their own sentence, by the report that they were taken back
        ("sanders.txt", 'Clinton was not "qualified" for the presidency'),
        # "'X,' the governor said, before clarifying that Y": Y takes X back
        ("christie.txt", "he is the best person to beat Hillary Clinton"),
        # "a reversal for X, who had previously pledged …": the earlier words in the report's sentence
        ("pledge.txt", "to support the nominee"),
    ],
    ids=[
        "told-right-before",
        "prose-report",
        "text-order",
        "quoted-phrase",
        "then-reversed",
        "said-then-clarified",
        "had-previously",
    ],
)
def test_a_reported_walkback_takes_back_the_right_words(  # type: ignore[no-untyped-def]
    tmp_path: Path, encoder, name: str, walked_back: str
) -> None:
    with Store.open(tmp_path / "w.db") as store:
        _ingest(store, [WALKBACKS / name], encoder, published="2016-07-31")
        walkbacks = store.relations("walkback")
        assert walkbacks, "no walk-back found"
        first = min(walkbacks, key=lambda r: r.source.statement.content.start)  # the report told first
        assert walked_back in first.target.statement.content.text, [
            (r.speaker_name, r.target.statement.content.text) for r in walkbacks
        ]


def test_a_retreat_from_words_never_quoted_carries_the_reports_words(tmp_path: Path, encoder) -> None:  # type: ignore[no-untyped-def]
    """``Mr. Putin backpedaled on his prediction a year ago that Russia would pull out of its current
    slump …`` (NYT 2015-12-19): the prediction is not quoted; the flag stands with the report's words
    for it, in a sentence of its own though a ''quotation'' follows it."""
    with Store.open(tmp_path / "w.db") as store:
        _ingest(store, [WALKBACKS / "backpedal.txt"], encoder, published="2015-12-19")
        (rel,) = store.relations("walkback")
        assert rel.speaker_name == "Vladimir V. Putin"
        assert rel.target is None
        assert rel.target_text.startswith("Russia would pull out of its current slump")
        assert rel.rule == "reported.retreat:not quoted"


def test_never_said_takes_back_only_words_that_say_it(tmp_path: Path, encoder) -> None:  # type: ignore[no-untyped-def]
    """``We never said there were no people there …`` (Putin, NYT 2015-12-19) is not a walk-back of
    his praise for Kerry's efforts told just before: the earlier words must say what he never said."""
    with Store.open(tmp_path / "w.db") as store:
        _ingest(store, [WALKBACKS / "putin.txt"], encoder, published="2015-12-19")
        assert _pk(store, "We never said there were no people there")
        assert _pk(store, "the efforts of Secretary of State John Kerry")
        assert store.relations("walkback") == []


def test_what_a_never_said_report_denies() -> None:
    import Stemmer

    from walkback.link.reported import Report
    from walkback.link.stance import walkback_cue
    from walkback.link.targets import _denied_words
    from walkback.link.targets import stems as _stems

    stem = Stemmer.Stemmer("english")

    def denied(sentence: str) -> set[str] | None:
        cue = walkback_cue(sentence)
        assert cue is not None
        return _denied_words(Report(0, cue, sentence, 0, sentence), stem)

    said = denied(
        "While he insisted that he never actually said he wanted to kill the families of terrorists, it was"
    )
    assert said == {"want", "kill", "famili", "terrorist"}
    assert said & _stems("with the terrorists, you have to take out their families", stem) == {
        "famili",
        "terrorist",
    }
    quoted = denied(
        "saying, ''We never said there were no people there solving questions,'' but he denied it."
    )
    assert quoted == {"peopl", "solv", "question"}
    assert denied('"Just to be clear, I never said no," he wrote.') == set()
    assert denied("Kirby confirmed that he misspoke.") is None


PENCE = (
    "Pence endorses Ryan\n\nMike Pence met Paul Ryan in Wisconsin on Wednesday. Pence said in "
    "politics it takes time to develop those relationships but added, “I strongly support Paul Ryan, "
    "strongly endorse his re-election,” according to the Washington Post.\n"
)
POPE = (
    "Refugee program grows\n\nOfficials spoke on Tuesday. “What we have seen is that our current efforts "
    "have been insufficient to address the claims,” Amy Pope said.\n\nLater Pope said: “What we have "
    "seen is that our current efforts have been insufficient to address the claims and there are "
    "insufficient pathways for those people.”\n"
)


@pytest.mark.parametrize(
    ("text", "inner", "outer"),
    [
        # the reported words run on into Pence's quote: the quote is the proposition; the words that
        # hold it (and a relay of them) join no claim beside it
        (PENCE, "I strongly support Paul Ryan", "takes time"),
        # PolNeAR train: the same words quoted twice, once with more after them (a full stop and a
        # quotation mark apart)
        (POPE, "What we have seen", "insufficient pathways"),
    ],
)
def test_a_statement_that_holds_another_whole_joins_no_claim(  # type: ignore[no-untyped-def]
    tmp_path: Path, encoder, text: str, inner: str, outer: str
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(text, encoding="utf-8")
    with Store.open(tmp_path / "w.db") as store:
        _ingest(store, [article], encoder, "2016-08-03")
        rows = store._query(
            "SELECT s.content_text, l.claim_id FROM statements s "
            "JOIN statement_links l ON l.statement_pk = s.pk"
        )
    claims = {text: claim for text, claim in rows}
    quote = next(t for t in claims if t.startswith(inner) and outer not in t)
    wrappers = [t for t in claims if outer in t]
    assert claims[quote] is not None
    assert wrappers and all(claims[t] is None for t in wrappers)
