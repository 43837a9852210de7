"""A statement as the linker carries it through one article's linking."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..model import Stance, Statement
from .inferred import Side
from .propositions import Proposition

__all__ = ["Item"]


@dataclass(slots=True)
class Item:
    pk: int
    st: Statement
    text: str  # the proposition's words (walkback.link.stance.claim_text)
    vector: np.ndarray | None
    prop: Proposition | None = None
    speaker_id: int | None = None
    person: bool = False
    org_id: int | None = None
    claim_id: int | None = None
    similarity: float | None = None
    stance: Stance = "neither"
    evidence: list[str] = field(default_factory=list)
    reports: bool = False  # reports a walk-back or a dispute: its relations are the reported ones

    @property
    def said_start(self) -> str:
        from ..store.query import period

        return period(self.st.said_on.value)[0] if self.st.said_on.value else ""

    def side(self) -> Side:
        return Side(
            pk=self.pk, speaker_id=self.speaker_id, speaker_name=self.st.speaker.name, person=self.person,
            stance=self.stance, text=self.text, prop=self.prop, said_start=self.said_start or None,
            said_on=self.st.said_on.value, article_id=self.st.article_id,
            span=(self.st.content.start, self.st.content.end), reports=self.reports,
        )  # fmt: skip
