"""Article bodies (issue 15): trafilatura's reading checked against others, page furniture dropped."""

from __future__ import annotations

import html

from walkback.ingest.body import agreement, choose_body, drop_furniture
from walkback.ingest.html import read_html
from walkback.ingest.pagemeta import PageMeta
from walkback.ingest.readers import Document

from .helpers import PARAGRAPHS

MORE = [
    "The library board said the branches would open at nine on weekdays and at noon on Sundays.",
    "Staff unions welcomed the decision but asked for a review of the new rota after six months.",
    "The council will publish the full budget documents on its website later this week.",
]


def read(body: str, url: str = "https://www.example.com/news/budget") -> list[str]:
    page = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Council approves budget</title></head><body><nav><a href="/">Home</a></nav>
<main>{body}</main><footer>Copyright 2024</footer></body></html>"""
    doc = Document(text=page, source="page.html", url=url, content_type="text/html")
    return read_html(doc, published=None, outlet=None).text.split("\n\n")


def paragraphs(texts: list[str]) -> str:
    return "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in texts)


def test_agreement_is_the_f1_of_shingles() -> None:
    text = " ".join(PARAGRAPHS)
    assert agreement(text, text) == 1.0
    assert agreement(text, "") == 0.0
    assert 0.4 < agreement(" ".join(PARAGRAPHS[:2]), text) < 0.8


def test_furniture_lines_are_dropped_and_article_lines_kept() -> None:
    lines = [
        PARAGRAPHS[0],
        "MORE: Council votes to close two libraries",
        "Got a story? Email us at news@example.com",
        "Related:",
        "- Library hours to change in spring",
        "- Mayor announces review",
        PARAGRAPHS[1],
        "Follow Jane Doe on Twitter @janedoe or on Facebook.",
        "Sign up for our daily newsletter to get the latest news in your inbox.",
        "Advertisement",
        "Plague fears: holidaymakers die after eating marmot [INSIGHT]",
        "[button link=”http://example.com/submit/”] Send us YOUR review[/button]",
        "More than 2,500 people signed the petition, the council said.",
        "Read more about the budget in the council's own summary, which runs to forty pages and "
        "sets out every line of spending the library system will see over the next three years, "
        "from staff to buildings.",
    ]
    assert drop_furniture(lines) == [PARAGRAPHS[0], PARAGRAPHS[1], lines[12], lines[13]]


def test_a_reading_that_agrees_with_another_stands() -> None:
    calls: list[str] = []

    def cheap(_: str) -> list[str]:
        calls.append("cheap")
        return PARAGRAPHS + ["Share this article"]

    def second(_: str) -> list[str]:
        calls.append("second")
        return PARAGRAPHS

    lines, source = choose_body(
        PARAGRAPHS, "<html></html>", PageMeta(), [], readers=[("c", cheap), ("s", second)]
    )
    assert (lines, source, calls) == (PARAGRAPHS, "trafilatura", ["cheap"])  # the second reader not asked


def test_a_reading_no_other_confirms_is_replaced_by_one_that_two_share() -> None:
    whole = PARAGRAPHS + MORE
    lines, source = choose_body(
        ["Sign in to read more", "Subscribe today"],  # what a paywall wrapper leaves trafilatura
        "<html></html>",
        PageMeta(),
        article_lines=whole,
        readers=[("cheap", lambda _: ["Menu", "Home"]), ("second", lambda _: whole)],
    )
    assert lines == whole and source in {"second", "article"}


def test_without_a_confirmed_replacement_trafilatura_stands() -> None:
    lines, source = choose_body(
        PARAGRAPHS,
        "<html></html>",
        PageMeta(),
        [],
        readers=[("cheap", lambda _: []), ("second", lambda _: MORE)],
    )
    assert (lines, source) == (PARAGRAPHS, "trafilatura")


def test_a_broken_second_reader_gives_no_reading() -> None:
    def broken(_: str) -> list[str]:
        raise ValueError("cannot parse")

    lines, _ = choose_body(
        PARAGRAPHS, "<html></html>", PageMeta(), [], readers=[("c", broken), ("s", broken)]
    )
    assert lines == PARAGRAPHS


def test_a_person_pop_up_inside_a_paragraph_is_not_read() -> None:
    popup = (
        '<span class="rollover-people"><a href="/people/ilhan-omar">Ilhan Omar</a>'
        '<span class="rollover-people-block"><a href="/people/ilhan-omar">Ilhan Omar</a>'
        '<a href="/x">Hillicon Valley: Progressives oppose funding bill</a></span></span>'
    )
    said = "A New York man pleaded guilty to threatening Rep. {} (D-Minn.), prosecutors said on Monday."
    first = f"<p>{said.format(popup)}</p>"
    text = read(f"<article><h1>Council approves budget</h1>{first}{paragraphs(PARAGRAPHS)}</article>")
    assert text[0] == said.format("Ilhan Omar")
    assert "Hillicon" not in " ".join(text)


def test_boxes_and_promotions_inside_the_article_are_dropped() -> None:
    body = (
        "<article><h1>Council approves budget</h1>"
        + paragraphs(PARAGRAPHS[:2])
        + "<p><strong>MORE: Council votes to close two libraries</strong></p>"
        + "<p>Follow The Daily Example on Facebook and on Twitter @dailyexample.</p>"
        + paragraphs(PARAGRAPHS[2:])
        + "</article>"
    )
    assert read(body) == PARAGRAPHS


def test_an_article_split_around_an_advertisement_is_read_whole() -> None:
    first, second = (
        PARAGRAPHS + MORE[:1],
        MORE[1:]
        + [
            "The mayor said the city would look again at the library's opening hours next year.",
            "Residents can comment on the plan at three public meetings in February and March.",
        ],
    )
    body = (
        '<article><h1>Council approves budget</h1><div class="story-body">' + paragraphs(first) + "</div>"
        '<div class="ad-slot"><p>Advertisement</p></div>'
        '<div class="story-body">' + paragraphs(second) + "</div></article>"
    )
    assert read(body) == first + second
