"""Relevance and restraint: on-sector topics get ideas, big off-sector news is context, a tragedy
gets a restraint note, the CM's own brand in a crisis gets response steps and a holding statement."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.digest.helpers import NOW, analysis, settings, topic
from trendwatch.digest import digest_from_analysis, render
from trendwatch.digest.relevance import Sector

SERUM = topic(
    "t-serum",
    "Bakuchiol",
    [
        "Bakuchiol : l'alternative végétale au rétinol séduit la cosmétique",
        "Sérum au bakuchiol : 40 % des marques de beauté l'adoptent",
        "Is bakuchiol the new retinol for clean beauty?",
    ],
    score=2.0,
)
SHOOTING = topic(
    "t-shoot",
    "Shooting in Chicago",
    [
        "Shooting in Chicago: five killed at a school",
        "Chicago shooting: victims named as city mourns",
        "Live: vigil tonight for the victims of the Chicago shooting",
    ],
    status="new",
    baseline_mean=0,
    score=9.0,
)
ELECTION = topic(
    "t-vote",
    "Municipal elections",
    ["Municipal elections: turnout at 45 %", "Who won the municipal elections?", "Elections: what next"],
    score=5.0,
)
CRISIS = topic(
    "t-crisis",
    "Crème contaminée : Verdelys face à la colère",
    [
        "Crème contaminée : Verdelys face à la colère des clientes",
        "Verdelys rappelle un lot de crème hydratante",
        "Verdelys faces complaints over allergic reactions: 120 cases",
    ],
    key_phrase="crème contaminée Verdelys",
    entities=["Verdelys"],
    score=6.0,
)
FOCUS = {"digest": {"focus": ["cosmétique", "beauté", "beauty", "skincare"], "language": "en"}}
PROMO_OR_FIGURES = {"infographic", "contest", "poll", "live", "short_video"}


def test_the_sector_is_the_focus_plus_brand_and_trends_keywords(tmp_path: Path) -> None:
    s = settings(tmp_path, digest={"focus": ["beauté"]}, brand={"names": ["Verdelys"]},
                 trends={"keywords": ["bakuchiol"]})  # fmt: skip
    sector = Sector.from_settings(s)
    assert sector.configured and {"beauté", "Verdelys", "bakuchiol"} <= set(sector.terms)
    assert sector.on_sector(SERUM) and sector.on_sector(CRISIS) and not sector.on_sector(SHOOTING)
    assert not Sector.from_settings(settings(tmp_path, brand={"names": ["Verdelys"]})).configured


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_an_off_sector_tragedy_is_context_with_a_restraint_note_and_no_idea(
    tmp_path: Path, lang: str
) -> None:
    s = settings(tmp_path, digest={**FOCUS["digest"], "language": lang})
    digest = digest_from_analysis(analysis([SHOOTING, ELECTION, SERUM]), s, now=NOW)
    assert [d.topic_id for d in digest.topics] == ["t-serum"], "on-sector topics only, with ideas"
    assert digest.topics[0].rank == 1 and digest.topics[0].ideas
    assert [c.topic_id for c in digest.context] == ["t-shoot", "t-vote"]
    assert digest.context[0].sensitive and not digest.context[1].sensitive
    assert digest.context[0].sources[0] == (SHOOTING.articles[0].title, SHOOTING.articles[0].url)
    assert [n.values["label"] for n in digest.restraint] == ["Shooting in Chicago"]
    assert not any(i.topic_id == "t-shoot" for d in digest.topics for i in d.ideas)
    md, html = render(digest, "md"), render(digest, "html")
    heading = "Context this week" if lang == "en" else "Le contexte de la semaine"
    check = "check the promotional posts" if lang == "en" else "vérifiez les posts promotionnels"
    for text in (md, html):
        assert heading in text and check in text and "Chicago shooting: victims named" in text
    doc = render(digest, "json")
    assert '"context"' in doc and '"digest.restraint_check"' in doc


def test_without_a_focus_every_topic_is_on_sector_and_a_tragedy_is_informed_not_promoted(
    tmp_path: Path,
) -> None:
    digest = digest_from_analysis(analysis([SHOOTING, SERUM]), settings(tmp_path), now=NOW)
    assert [d.topic_id for d in digest.topics] == ["t-shoot", "t-serum"] and not digest.context
    shooting = digest.topics[0]
    assert shooting.ideas and not {i.format for i in shooting.ideas} & PROMO_OR_FIGURES
    assert [n.code for n in digest.restraint] == ["digest.restraint_check"]


@pytest.mark.parametrize(
    ("lang", "first_step", "statement"),
    [
        ("en", "Acknowledge fast", "We are aware of reports about"),
        ("fr", "Réagir vite", "Nous avons connaissance des informations concernant"),
    ],
)
def test_the_own_brand_in_a_crisis_gets_response_steps_and_a_holding_statement(
    tmp_path: Path, lang: str, first_step: str, statement: str
) -> None:
    s = settings(tmp_path, digest={**FOCUS["digest"], "language": lang}, brand={"names": ["Verdelys"]})
    digest = digest_from_analysis(analysis([CRISIS, SERUM]), s, now=NOW)
    assert [d.topic_id for d in digest.topics] == ["t-crisis", "t-serum"]
    crisis = digest.topics[0]
    assert crisis.ideas == [], "no key figures, no promotion: response steps instead"
    assert any("Verdelys" in c for c in crisis.caution)
    (plan,) = digest.crisis
    assert plan.brand == "Verdelys" and plan.steps[0].startswith(first_step) and len(plan.steps) == 6
    assert plan.steps[-1].casefold().startswith("escalat" if lang == "en" else "escalad")
    assert plan.holding_statement.startswith(statement)
    assert "Crème contaminée Verdelys" in plan.holding_statement
    md = render(digest, "md")
    assert first_step in md and statement in md
    assert "chiffres clés" not in md.casefold() and "key figures" not in md.casefold()
    assert not any("Verdelys" in i.title for d in digest.topics for i in d.ideas)


def test_an_open_alert_on_a_brand_in_crisis_does_not_repeat_the_response_steps(tmp_path: Path) -> None:
    from trendwatch.cm.alerts import Alert
    from trendwatch.digest.sections import alert_lines

    s = settings(tmp_path, digest={**FOCUS["digest"], "language": "en"}, brand={"names": ["Verdelys"]})
    alert, other = (
        Alert(name=name, kind="negative", count=9, baseline=0.0, message="negative mentions spike",
              articles=[], steps=["Acknowledge fast."])
        for name in ("Verdelys", "Acme")
    )
    digest = digest_from_analysis(analysis([CRISIS, SERUM]), s, alerts=[alert, other], now=NOW)
    (verdelys, _, _), (acme, _, _) = alert_lines(digest)
    assert verdelys.startswith("Verdelys") and acme.startswith("Acme")
    assert [steps for _, steps, _ in alert_lines(digest)] == [[], ["Acknowledge fast."]]
    assert render(digest, "md").count("Acknowledge fast") == 2  # once in the crisis plan, once for Acme


def test_a_competitor_or_a_calm_brand_week_is_not_a_crisis(tmp_path: Path) -> None:
    launch = topic("t-launch", "Verdelys lance un baume", ["Verdelys lance un baume", "Le baume Verdelys"])
    s = settings(tmp_path, brand={"names": ["Verdelys"], "competitors": ["Crema"]})
    digest = digest_from_analysis(analysis([launch]), s, now=NOW)
    assert digest.crisis == [] and digest.topics[0].ideas


def test_in_a_french_digest_the_holding_statement_names_the_story_in_french(tmp_path: Path) -> None:
    mixed = topic(
        "t-mixed",
        "Contaminated cream: anger at Verdelys on social media",
        [
            "Contaminated cream: anger at Verdelys on social media",
            "Crème contaminée : Verdelys face à la colère des clientes",
            "Crème contaminée : Verdelys face à la colère sur les réseaux sociaux",
        ],
    )
    s = settings(tmp_path, digest={"language": "fr"}, brand={"names": ["Verdelys"]})
    (plan,) = digest_from_analysis(analysis([mixed]), s, now=NOW).crisis
    assert "« Crème contaminée »" in plan.holding_statement
