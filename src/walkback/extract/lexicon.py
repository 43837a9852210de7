"""Word lists the attribution rules read: cue verbs, speaker nouns, pronouns.

Kept apart from the rules so they can be tuned (against PolNeAR train) without touching code.
"""

from __future__ import annotations

__all__ = [
    "SPEECH_VERBS",
    "CUE_VERBS",
    "cue_weight",
    "ROLE_NOUNS",
    "GROUP_NOUNS",
    "DOCUMENT_NOUNS",
    "PERSON_PRONOUNS",
    "MALE",
    "FEMALE",
    "PLURAL",
    "TITLES",
]

# Verbs that report speech: the core of attribution.
SPEECH_VERBS = frozenset(
    """
say tell add note state write ask announce argue claim insist explain confirm deny declare warn tweet
reply respond suggest acknowledge admit remark post echo predict promise vow urge concede contend
counter maintain reiterate recall quip joke boast complain describe charge allege report testify
mention assert emphasize emphasise stress observe recount reveal caution hint signal lament decry demand
propose brag assure reason conclude highlight underscore inform notify advise brief disclose declare
proclaim affirm reaffirm retort shout chant yell scream whisper muse wonder question dispute rebut
accuse criticize criticise blast slam praise agree pledge cite guarantee estimate indicate predict
speculate theorize opine complain concur clarify correct retract repeat insist interject continue
told answer preach exclaim cry plead reassure swear threaten vow recommend acknowledge
mention label brand dub attack condemn denounce point
""".split()
)

# Only speech counts: verbs of belief (think, know) and of findings (a poll shows, a study found)
# were measured as cues and dropped — nearly all false statements on GGT dev, and half on PolNeAR
# dev (F1 0.814 -> 0.818 on PolNeAR, 0.795 -> 0.817 on GGT without them).
CUE_VERBS = SPEECH_VERBS

_WEIGHTS = {
    "say": 0.95,
    "tell": 0.9,
    "add": 0.85,
    "note": 0.85,
    "write": 0.85,
    "state": 0.85,
    "announce": 0.85,
    "confirm": 0.85,
    "explain": 0.85,
    "argue": 0.85,
    "claim": 0.85,
    "insist": 0.85,
    "deny": 0.8,
    "warn": 0.85,
    "tweet": 0.9,
    "echo": 0.8,
    "ask": 0.7,
    "continue": 0.5,
    "correct": 0.6,
}


def cue_weight(lemma: str) -> float:
    """A prior confidence that a cue with this lemma introduces a real statement."""
    if lemma in _WEIGHTS:
        return _WEIGHTS[lemma]
    return 0.75


# Nouns that describe a speaker without naming them: typed, anonymous when no name goes with them.
ROLE_NOUNS = frozenset(
    """
official officials spokesperson spokesman spokeswoman spokespeople spokesmen spokeswomen aide aides
adviser advisers advisor advisors source sources person people diplomat diplomats lawmaker lawmakers
analyst analysts expert experts officer officers staffer staffers insider insiders representative
representatives member members leader leaders executive executives strategist strategists operative
operatives economist economists observer observers critic critics supporter supporters voter voters
resident residents witness witnesses investigator investigators prosecutor prosecutors lawyer lawyers
attorney attorneys minister ministers senator senators governor congressman congresswoman president
secretary director chairman chairwoman chair ceo commissioner ambassador general colonel candidate
candidates nominee manager chief head pollster pollsters researcher researchers scientist scientists
author authors activist activists organizer organizers advocate advocates negotiator negotiators
official's
""".split()
)

GROUP_NOUNS = frozenset(
    """
officials sources people aides advisers advisors diplomats lawmakers analysts experts officers staffers
insiders representatives members leaders executives strategists operatives economists observers critics
supporters voters residents witnesses investigators prosecutors lawyers attorneys republicans democrats
americans authorities police administration government campaign committee
""".split()
)

# Things that speak in news copy: a statement said, a report found.
DOCUMENT_NOUNS = frozenset(
    """
statement report poll survey study document memo letter email filing complaint lawsuit indictment
release ruling decision analysis data figures records tweet post video ad advertisement transcript
""".split()
)

PERSON_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "him", "her", "them"})
MALE = frozenset({"he", "him", "his", "himself"})
FEMALE = frozenset({"she", "her", "hers", "herself"})
PLURAL = frozenset({"they", "them", "their", "themselves"})

TITLES = frozenset(
    """
mr mr. mrs mrs. ms ms. miss dr dr. sen sen. rep rep. gov gov. gen gen. maj maj. col col. lt lt. sgt sgt.
capt capt. adm adm. president vice senator representative governor secretary minister prime chancellor
judge justice mayor ambassador general admiral colonel major sergeant captain lieutenant professor prof
prof. rev rev. pope king queen prince princess sheriff chief deputy former acting
""".split()
)
