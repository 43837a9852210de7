"""Quotation spans (``walkback.extract.quotes``) on real sentences from the seed article and PolNeAR dev.

Offsets are always computed with ``str.find``; nothing here needs the NLP pipeline.
"""

from __future__ import annotations

from walkback.extract.quotes import Quote, QuoteIndex, find_quotes


def quoted(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text)]


def test_curly_quote_spans_include_their_marks() -> None:
    # seed
    text = (
        "“Iraq, like every country in the region, understood that there would be a response after the "
        "deaths of our soldiers,” he noted."
    )
    (q,) = find_quotes(text)
    assert q.closed
    assert q.start == text.find("“")
    assert q.end == text.find("”") + 1
    assert text[q.inner[0] : q.inner[1]].startswith("Iraq, like every country")
    assert text[q.inner[0] : q.inner[1]].endswith("our soldiers,")


def test_two_quotes_in_one_paragraph() -> None:
    # seed: a quote, its cue, and the quote that continues it
    text = (
        "“It was not as specific as it could have been, and I regret any confusion caused,” he said. "
        "“That said, we had made no secret – both to Iraqi officials and in public channels – that we "
        "would respond to the attacks.”"
    )
    assert quoted(text) == [
        "“It was not as specific as it could have been, and I regret any confusion caused,”",
        "“That said, we had made no secret – both to Iraqi officials and in public channels – that we "
        "would respond to the attacks.”",
    ]


def test_partial_quote_inside_a_sentence() -> None:
    # seed
    text = (
        "In a call with reporters on Friday, National Security Council spokesman John Kirby had said the "
        "US “did inform the Iraqi government prior to the strikes.”"
    )
    assert quoted(text) == ["“did inform the Iraqi government prior to the strikes.”"]


def test_straight_quotes() -> None:
    # PolNeAR dev (straight quotes, a second quote that opens its own sentence)
    text = (
        '"I count on the Security Council to remain united and take appropriate action," he told '
        'reporters. "We must urgently break this accelerating spiral of escalation."'
    )
    assert quoted(text) == [
        '"I count on the Security Council to remain united and take appropriate action,"',
        '"We must urgently break this accelerating spiral of escalation."',
    ]


def test_straight_scare_quotes_mid_sentence() -> None:
    # PolNeAR dev
    text = (
        "Oversight Chairman Jason Chaffetz (R-Utah) said in a statement, adding that the agreements were "
        'handed out "like candy."'
    )
    assert quoted(text) == ['"like candy."']


def test_single_quotes_are_not_quotations() -> None:
    text = "Ryder said Iraq is ‘a valued partner’ and that the US won’t speak for Iraq."
    assert find_quotes(text) == []


def test_doubled_apostrophes_act_as_double_quotes() -> None:
    # PolNeAR dev (a newswire habit: ''…'')
    text = (
        "However laudable the goal, using the capital gains tax ''is a misguided approach,'' said Mr. Burman."
    )
    (q,) = find_quotes(text)
    assert q.start == text.find("''")
    assert "is a misguided approach," in text[q.start : q.end]


def test_doubled_apostrophes_inner_span_excludes_both_marks() -> None:
    text = (
        "However laudable the goal, using the capital gains tax ''is a misguided approach,'' said Mr. Burman."
    )
    (q,) = find_quotes(text)
    opening = text.find("''")
    closing = text.find("''", opening + 2)
    assert (q.start, q.end) == (opening, closing + 2)
    assert text[q.inner[0] : q.inner[1]] == "is a misguided approach,"


def test_multi_paragraph_quote_is_one_quotation() -> None:
    # the newspaper convention: paragraph 1 opens a quote and does not close it; paragraph 2 reopens it
    p1 = (
        "“We have consistently communicated to the Iraqis and others that we reserve the right to defend "
        "our personnel from attacks by Iranian-backed militants in Iraq."
    )
    p2 = "“I won’t speak for Iraq, as I highlighted, they are a valued partner,” Ryder said."
    text = p1 + "\n\n" + p2
    (q,) = find_quotes(text)
    assert q.closed
    assert q.start == 0
    assert q.end == text.find("”") + 1
    assert text[q.start : q.end].endswith("valued partner,”")


def test_unclosed_quote_ends_with_its_paragraph_when_the_next_does_not_reopen() -> None:
    p1 = "“We have consistently communicated to the Iraqis and others."
    p2 = "Ryder did not directly address it."
    text = p1 + "\n\n" + p2
    (q,) = find_quotes(text)
    assert not q.closed
    assert (q.start, q.end) == (0, len(p1))
    assert text[q.inner[0] : q.inner[1]] == p1[1:]


def test_stray_closing_mark_is_ignored() -> None:
    text = "the US did inform the Iraqi government” prior to the strikes, Kirby said."
    assert find_quotes(text) == []


def test_quote_index_lookups() -> None:
    text = (
        "Iraq denounced the US’ strikes in a statement, calling the action a “flagrant violation of Iraq’s "
        "sovereignty.” The statement said “these attacks further escalate tensions.”"
    )
    quotes = find_quotes(text)
    idx = QuoteIndex(quotes)
    first = text.find("flagrant")
    second = text.find("these attacks")
    assert idx.containing(first) == quotes[0]
    assert idx.containing(second) == quotes[1]
    assert idx.inside(first) and not idx.inside(text.find("denounced"))
    assert idx.containing(text.find("The statement")) is None  # between the two quotations
    assert idx.overlapping(0, text.find("calling")) == []
    assert idx.overlapping(first, second) == quotes
    assert isinstance(quotes[0], Quote)


def test_an_opening_mark_typed_at_a_quotations_end_closes_it() -> None:
    # PolNeAR train: "“Apparently not,“ he said." (and the German „…“ the same way)
    text = "“Apparently not,“ he said. “A leopard doesn’t change its spots.”"
    assert quoted(text) == ["“Apparently not,“", "“A leopard doesn’t change its spots.”"]
    assert quoted("„Wir schaffen das“, sagte Merkel.") == ["„Wir schaffen das“"]
    assert quoted("He said “we will win” and left.") == ["“we will win”"]
