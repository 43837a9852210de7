"""Word lists the attribution rules read: cue verbs, speaker nouns, pronouns.

Kept apart from the rules so they can be tuned (against PolNeAR train) without touching code.
"""

from __future__ import annotations

__all__ = [
    "SPEECH_VERBS",
    "OFFICES",
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
    "THOUGHT_VERBS",
    "THING_CUES",
    "REBUTTAL_VERBS",
    "PARTICLE_CUES",
    "FINDING_VERBS",
    "FINDING_NOUNS",
    "ORGANIZATION_NOUNS",
    "INSCRIPTION_NOUNS",
    "RECORD_NOUNS",
    "CONTENT_NOUNS",
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
call characterize characterise defend dismiss reject refute cast
""".split()
)

# Verbs of thinking that the list above holds because they also report speech ("“Why now?” she
# wondered aloud"): cues only for quoted words. "Slemp still sometimes wonders whether …" is no statement.
THOUGHT_VERBS = frozenset({"wonder", "muse", "speculate", "theorize"})

# Cues that things do as well as speakers: "The value of the pound crashed, signalling that …", "the
# move underscores …". With these a subject that is not a speaker (see frames.speaks) makes no statement.
THING_CUES = frozenset(
    """
signal indicate suggest underscore highlight reveal echo reflect show confirm predict mean point
demonstrate prove illustrate raise
""".split()
)

# Rebuttals: their object is what is disputed ("denied the allegations", "rejected the suggestion that …")
REBUTTAL_VERBS = frozenset({"deny", "dismiss", "reject", "refute", "rebut", "dispute", "defend", "lament"})

# Verbs that report only with their particle: "he went on", "she shot back", "pushed back on Y's claim".
PARTICLE_CUES: dict[str, frozenset[str]] = {
    "go": frozenset({"on"}),
    "shoot": frozenset({"back"}),
    "fire": frozenset({"back"}),
    "chime": frozenset({"in"}),
    "push": frozenset({"back"}),
}

# Findings: "a Labor Department study found …", "the analysis showed …" are statements of the document
# (and of its issuer when named), typed as organisations.
# nouns whose that-clause is their own content, not the words of the sentence's speaker: "called for a
# ban because of concerns that terrorists might slip in"
CONTENT_NOUNS = frozenset(
    """concern concerns fear fears worry worries belief beliefs hope hopes fact notion idea claim claims
    allegation allegations accusation accusations report reports rumor rumors rumour suggestion evidence
    sign signs assertion speculation view argument charge charges possibility assumption expectation
    expectations warning warnings news impression perception sense theory""".split()
)
FINDING_VERBS = frozenset({"find", "show", "conclude", "demonstrate", "estimate", "reveal", "indicate"})
FINDING_NOUNS = frozenset(
    """
study report analysis survey poll review audit research investigation inquiry probe assessment
evaluation paper census data figures statistics estimate estimates forecast projection report's
""".split()
)

# Common nouns for organisations that speak: "the agency said", "the company disputes that …".
ORGANIZATION_NOUNS = frozenset(
    """
agency company firm department ministry office court party union bank council board commission
committee government administration campaign team group organization organisation association
institute center centre foundation network newspaper paper broadcaster station network
university school college hospital church military army navy police force service authority
authorities regulator county city state district embassy delegation coalition alliance federation
corporation business bureau house senate congress parliament cabinet panel family
""".split()
)

# Things that say something in print besides the documents above: "emails suggesting that …", "court
# filings revealed …", "her financial disclosure suggests …". They speak; a currency or a move does not.
RECORD_NOUNS = frozenset(
    """
email emails e-mail message messages text texts filing filings record records affidavit cable cables
result results remark remarks comment comments disclosure disclosures document documents polling
numbers evidence testimony transcript footage tape tapes recording recordings website site page
account book memoir article story column editorial ad ads commercial speech interview platform
proposal plan bill legislation order ruling opinion brief motion work literature missive note notes
minutes letter letters tweet tweets post posts video videos slide show guidance warning notice
""".split()
)

# Objects that carry written words, which are no statements: "a jacket reading “…”", "a plaque that says".
INSCRIPTION_NOUNS = frozenset(
    """
plaque jacket shirt t-shirt tshirt hat sign banner placard poster sticker mural billboard
inscription tattoo headstone gravestone graffiti button badge mug sweatshirt hoodie flag scarf
wristband bracelet sash
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

# offices one person holds: "the senator" is nobody the article calls its prime minister
OFFICES = frozenset(
    """senator congressman congresswoman representative governor mayor president minister secretary
    chancellor judge justice ambassador sheriff admiral general premier prosecutor commissioner
    councilman councilwoman councillor chairman chairwoman speaker director spokesman spokeswoman
    spokesperson""".split()
)

TITLES = frozenset(
    """
mr mr. mrs mrs. ms ms. miss dr dr. sen sen. rep rep. gov gov. gen gen. maj maj. col col. lt lt. sgt sgt.
capt capt. adm adm. president vice senator representative governor secretary minister prime chancellor
judge justice mayor ambassador general admiral colonel major sergeant captain lieutenant professor prof
prof. rev rev. pope king queen prince princess sheriff chief deputy former acting
""".split()
)
