"""Ideas rest on what the articles say and name the story, never one generic word."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.digest.helpers import WEEK, topic
from trendwatch.analysis.model import Topic
from trendwatch.config import settings_from_dict
from trendwatch.digest.angles import content_words, is_generic
from trendwatch.digest.caution import assess
from trendwatch.digest.ideas import Idea, make_ideas, subject

LANGS = ("fr", "en")


def ideas_of(t: Topic, lang: str, queries: tuple[str, ...] = ()) -> list[Idea]:
    return make_ideas(t, assess(t, settings_from_dict({}, base_dir=Path("."))), WEEK, lang, queries)


DEATHS = topic(
    "t-deaths",
    "Person",
    [
        "Rasual Butler, NBA veteran, killed in car crash aged 38",
        "Las Vegas shooting: person of interest says he sold ammunition",
        "Glee actor Mark Salling found dead aged 35",
    ],
    key_phrase="Person",
)
UNION = topic(
    "t-sotu",
    "State",
    [
        "Trump's State of the Union address promised unity",
        "Fact-checking the State of the Union",
        "What to watch in the State of the Union address on Tuesday",
    ],
    key_phrase="State",
)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("t", [DEATHS, UNION], ids=["person", "state"])
def test_a_generic_word_is_never_the_subject_alone(t: Topic, lang: str) -> None:
    ideas = ideas_of(t, lang)
    assert ideas
    for idea in ideas:
        assert idea.subject.casefold() != t.key_phrase.casefold()
        assert not is_generic(idea.subject), idea.subject
        assert not idea.title.startswith(f"{t.key_phrase} :"), idea.title
        assert not idea.title.startswith(f"{t.key_phrase}:"), idea.title
    assert subject(UNION) == "State of the Union"


def test_a_name_written_in_the_titles_is_a_subject() -> None:
    crisis = topic("t-v", "Verdelys", ["Verdelys rappelle une crème", "Colère contre Verdelys"])
    assert subject(crisis) == "Verdelys"
    cop = topic("t-cop", "COP27", ["COP27 opens in Sharm el-Sheikh", "What to expect from COP27"])
    assert subject(cop) == "COP27"


@pytest.mark.parametrize(("lang", "figure"), [("fr", "12 %"), ("en", "12 %")])
def test_an_infographic_carries_the_figure_an_article_reports(lang: str, figure: str) -> None:
    t = topic(
        "t-power",
        "Prix de l'électricité",
        [
            "Les prix de l'électricité augmentent de 12 % au 1er février",
            "Électricité : les ménages face à la hausse",
            "Le gouvernement défend le bouclier tarifaire",
        ],
    )
    (info,) = [i for i in ideas_of(t, lang) if i.format == "infographic"]
    assert figure in info.title
    assert info.evidence == "Les prix de l'électricité augmentent de 12 % au 1er février"
    assert info.evidence_url == "https://news.example/t-power/0"


def test_a_figure_in_a_summary_counts_and_a_model_number_does_not() -> None:
    t = topic(
        "t-phone",
        "iPhone 16 launch",
        ["Apple unveils the iPhone 16", "iPhone 16 reviews are in", "Queues for the iPhone 16"],
        summaries=["", "Apple expects to sell 80 million units this year.", ""],
    )
    (info,) = [i for i in ideas_of(t, "en") if i.format == "infographic"]
    assert "80 million units" in info.title
    plain = topic("t-os", "Windows 11", ["Windows 11 update", "Windows 11 tips", "Windows 11 again"])
    assert "infographic" not in {i.format for i in ideas_of(plain, "en")}


def test_a_figure_never_ends_on_a_stop_word_of_the_articles_language() -> None:
    from trendwatch.digest.angles import figures

    t = topic("t-pt", "Raríssimas", ["Fundadora da Raríssimas", "Nova direção", "Utentes reagem"],
              summaries=["A associação apoia 120 utentes na cidade.", "", ""])
    t.language = "pt"
    (angle,) = figures(t, "pt")
    assert angle.extra == "120 utentes"


def test_a_figure_in_a_run_on_summary_is_quoted_with_the_words_around_it() -> None:
    from trendwatch.digest.angles import figures

    run_on = ("Latest transfer deals in Europe’s top five leagues Manchester City end interest in Mahrez "
              "over £95m price tag Full story on the other moves Email Nick with any tip-offs")
    t = topic("t-live", "Transfer deadline day – live!", ["Transfer deadline day – live!", "Spurs sign Moura",
              "Deadline deals"], summaries=[run_on, "", ""])  # fmt: skip
    (angle,) = figures(t, "en")
    assert angle.text == "Manchester City end interest in Mahrez over £95m price tag"



def test_a_briefings_length_in_its_title_kicker_is_no_figure() -> None:
    """A feed's daily briefings read "Meio dia em 60 segundos: <one story>": the infographic counted
    "60 segundos" and read "60 segundos: Retenção de IRS". The rubric's length is not the story's
    figure; the figure after the colon is. A duration the story reports still counts."""
    from trendwatch.digest.angles import figures

    t = topic("t-irs", "Retenção de IRS", [
        "Meio dia em 60 segundos: Salários até 632 euros brutos isentos de retenção de IRS",
        "Primeira página em 60 segundos: Tabelas de IRS publicadas",
        "Novas tabelas de retenção de IRS",
    ])  # fmt: skip
    t.language = "pt"
    assert [a.extra for a in figures(t, "pt")] == ["632 euros"]
    race = topic("t-race", "Marathon", ["Marathon: record broken by 30 seconds", "Marathon day", "Runners"])
    assert [a.extra for a in figures(race, "en")] == ["30 seconds"]


def test_an_idea_quotes_a_briefing_without_its_rubric() -> None:
    """"Short video — Primeira página em 60 segundos: Erros levam EDP a cobrar a mais": the idea
    quoted the briefing's name. It quotes the news; the article it rests on is still named whole."""
    t = topic("t-edp", "Erros na leitura levam EDP a cobrar milhares a mais", [
        "Primeira página em 60 segundos: Erros levam EDP a cobrar a mais",
        "EDP: clientes reclamam",
        "Erros na leitura levam EDP a cobrar milhares a mais",
    ], n_sources=1)  # fmt: skip
    t.language = "pt"
    ideas = ideas_of(t, "en")
    assert any("Primeira página" in i.evidence for i in ideas), [i.evidence for i in ideas]
    assert not [i.title for i in ideas if "60 segundos" in i.title]


def test_an_amount_is_of_what_follows_de_not_of_the_verb_after_it() -> None:
    """"Carlos Tavares : sa rémunération estimée à 66 millions d'euros choque" gave the infographic
    "66 millions d'euros choque : Carlos Tavares"; "réduire de 15 % la consommation" "15 % la
    consommation". An amount says what it is of with "de" or "of"; an English amount's noun stays."""
    from trendwatch.digest.angles import figures

    pay = topic("t-pay", "Carlos Tavares", ["Sa rémunération de 66 millions d'euros choque", "b", "c"])
    pay.language = "fr"
    gifts = topic("t-dons", "Notre-Dame", ["Notre-Dame : 5 millions d'euros de dons en un jour", "b", "c"])
    gifts.language = "fr"
    deal = topic("t-deal", "Mahrez", ["City end interest over £95m price tag", "Up 12% this year", "c"])
    deal.language = "en"
    assert [a.extra for a in figures(pay, "fr")] == ["66 millions d'euros"]
    assert [a.extra for a in figures(gifts, "fr")] == ["5 millions d'euros de dons"]
    assert [a.extra for a in figures(deal, "en")] == ["£95m price tag", "12%"]


def test_a_figure_cut_from_a_long_sentence_keeps_its_name_and_ends_on_a_word() -> None:
    """Cut from a long summary, a figure's clause ran "… 200 millions d'euros chez Credit" and
    "… 2 000 euros d'amende pour": a name runs to its end, a trailing function word goes."""
    from trendwatch.digest.angles import figures

    long_a = ("Selon les documents consultés par nos journalistes au terme d'une longue enquête "
              "le souverain a placé au moins 200 millions d'euros chez Credit Suisse entre 2005 et 2015 "
              "sans jamais être inquiété")
    long_b = ("Poursuivie par son père devant le tribunal correctionnel de Paris au terme d'une longue "
              "procédure elle a été condamnée à 2 000 euros d'amende pour diffamation envers lui")
    for summary, ending in ((long_a, "chez Credit Suisse"), (long_b, "d'amende")):
        t = topic("t-cut", "Affaire", ["Une affaire", "Une autre", "Encore"], summaries=[summary, "", ""])
        (angle,) = figures(t, "fr")
        assert angle.text.endswith(ending), angle.text


@pytest.mark.parametrize("lang", LANGS)
def test_questions_become_faq_and_polls_with_their_words(lang: str) -> None:
    t = topic(
        "t-baku",
        "Bakuchiol",
        [
            "Bakuchiol ou rétinol ? Ce qu'en disent les dermatologues",
            "Pourquoi le bakuchiol séduit les marques ?",
            "Sérum au bakuchiol : le test de la rédaction",
        ],
    )
    by_format = {i.format: i for i in ideas_of(t, lang)}
    sides = "Bakuchiol ou rétinol ?" if lang == "fr" else "Bakuchiol or rétinol?"
    assert by_format["poll"].title.endswith(sides)
    assert "Pourquoi le bakuchiol séduit les marques ?" in by_format["faq"].title
    assert by_format["faq"].evidence == "Pourquoi le bakuchiol séduit les marques ?"


def test_a_rising_search_about_the_story_becomes_an_faq() -> None:
    t = topic("t-baku", "Bakuchiol", ["Bakuchiol arrive en pharmacie", "Le bakuchiol, nouvel actif"])
    faq = [i for i in ideas_of(t, "fr", ("bakuchiol grossesse", "météo paris")) if i.format == "faq"]
    assert [i.evidence for i in faq] == ["recherche en hausse « bakuchiol grossesse »"]
    assert "bakuchiol grossesse" in faq[0].title


def test_a_howto_becomes_a_carousel_and_a_dated_event_a_live() -> None:
    t = topic(
        "t-salon",
        "Salon du bio",
        [
            "Salon du bio : ouverture le 12 mars à Lyon",
            "Comment préparer sa visite au salon du bio",
            "Les exposants du salon du bio",
        ],
    )
    by_format = {i.format: i for i in ideas_of(t, "fr")}
    assert "Comment préparer sa visite au salon du bio" in by_format["carousel"].title
    assert "12 mars" in by_format["live"].title


def _shape(idea: Idea, t: Topic) -> str:
    own = set(content_words(" ".join([t.label, *(a.title for a in t.articles)])))
    return " ".join("_" if w in own else w for w in content_words(idea.title))


@pytest.mark.parametrize("lang", LANGS)
def test_two_topics_ideas_are_not_one_template_with_the_name_swapped(lang: str) -> None:
    a = topic(
        "t-a",
        "Grève des dockers",
        ["Grève des dockers : 40 % des navires bloqués", "Faut-il réformer les ports ?", "Vote des dockers"],
    )
    b = topic(
        "t-b",
        "Shampoing solide",
        ["Comment utiliser un shampoing solide", "Shampoing solide ou liquide ?", "Le solide séduit"],
    )
    ideas_a, ideas_b = ideas_of(a, lang), ideas_of(b, lang)
    assert ideas_a and ideas_b
    for x in ideas_a:
        for y in ideas_b:
            assert x.title.replace(x.subject, y.subject) != y.title
    assert {_shape(x, a) for x in ideas_a} != {_shape(y, b) for y in ideas_b}


def test_same_topic_same_ideas() -> None:
    assert [(i.title, i.format, i.evidence) for i in ideas_of(UNION, "fr")] == [
        (i.title, i.format, i.evidence) for i in ideas_of(UNION, "fr")
    ]


def test_a_festive_word_in_a_strike_story_brings_no_giveaway() -> None:
    t = topic(
        "t-rail",
        "Rail strike",
        ["Rail strike disrupts holiday travel", "Christmas trains cancelled by the strike", "Strike: day 2"],
    )
    ideas = ideas_of(t, "en")
    assert ideas and "contest" not in {i.format for i in ideas}
    own = [i.evidence for i in ideas if i.format != "thread"]
    assert len(set(own)) == len(own), "two ideas rest on two different articles"


def test_an_event_word_alone_widens_to_the_story_name() -> None:
    queen = topic(
        "t-queen",
        "Mort",
        ["Mort d'Elizabeth II : le pays en deuil", "Mort d'Elizabeth II : les hommages", "Charles III roi"],
        key_phrase="Mort",
    )
    assert subject(queen) == "Mort d'Elizabeth II"


def test_a_poll_weighs_two_short_options_never_a_name_or_a_subtitle() -> None:
    from trendwatch.digest.angles import sides

    choice = topic("t-c", "Bakuchiol", ["Bakuchiol ou rétinol ? Ce qu'en disent les dermatologues", "b", "c"])
    assert [(s.text, s.extra) for s in sides(choice, "fr")] == [("Bakuchiol", "rétinol")]
    case = topic("t-r", "Roe", ["Droit à l’avortement : quelles conséquences peut avoir l’annulation de "
                                "l’arrêt Roe vs Wade aux Etats-Unis ?", "b", "c"])  # fmt: skip
    subtitle = topic("t-s", "Film", ["« Viens je t’emmène » : Alain Guiraudie ou la folle sarabande du "
                                     "vivre-ensemble", "b", "c"])  # fmt: skip
    assert sides(case, "fr") == [] and sides(subtitle, "fr") == []


def test_idea_titles_read_as_sentences() -> None:
    from trendwatch.digest.angles import questions
    from trendwatch.digest.ideas import Plan, idea_title

    duels = topic("t-d", "Législatives", ["Nupes-Ensemble !, RN-Ensemble !, Nupes-RN… A quoi ressemblent les "
                                          "duels du second tour ?", "b", "c"])  # fmt: skip
    assert questions(duels, "fr")[0].text.startswith("Nupes-RN… A quoi")
    poll = Plan("poll", "digest.idea_poll_sides", {"subject": "Viens je t’emmène", "a": "Alain", "b": "Bo"})
    assert idea_title(poll, "fr") == "Sondage — Viens je t’emmène : Alain ou Bo ?"
    clause = {"subject": "Second tour", "clause": "les clés du second tour"}
    video = Plan("short_video", "digest.idea_video_latest", clause)
    assert idea_title(video, "fr") == "Vidéo courte — Les clés du second tour"
    mckinsey = {"subject": "Affaire McKinsey", "clause": "le rôle du cabinet"}
    after = Plan("carousel", "digest.idea_carousel", mckinsey)
    assert idea_title(after, "fr") == "Carrousel — Affaire McKinsey : le rôle du cabinet"


def test_a_bare_percentage_is_shown_with_its_clause() -> None:
    t = topic("t-p", "Marine Le Pen", ["Le RN crédité de 50 %", "Marine Le Pen en tête",
              "Marine Le Pen et Macron"])  # fmt: skip
    (info,) = [i for i in ideas_of(t, "fr") if i.format == "infographic"]
    assert info.title == "Infographie — Marine Le Pen : le RN crédité de 50 %"


def test_opposed_sides_are_two_names_and_a_debate_poll_asks_for_or_against() -> None:
    from trendwatch.digest.angles import debates, sides

    match = topic("t-m", "Mondial", ["Finale du Mondial : France contre Argentine", "b", "c"])
    assert [(s.text, s.extra) for s in sides(match, "fr")] == [("France", "Argentine")]
    crusade = topic("t-c", "Corrida", ["Aymeric Caron… en croisade contre la corrida", "b", "c"])
    assert sides(crusade, "fr") == []
    ruling = topic("t-w", "Roe", ["Roe vs Wade annulé : « C’est l’extrémisme »", "b", "c"])
    assert sides(ruling, "fr") == []
    strike = topic("t-s", "Grève", ["Un millier de vols annulés en raison d’une grève", "b", "c"])
    assert debates(strike, "fr") == [], "a strike alone is news, not a debate"
    row = topic("t-r", "Corrida", ["La corrida divise les députés", "Corrida : le vote", "Corrida encore"])
    (poll,) = [i for i in ideas_of(row, "fr") if i.format == "poll"]
    assert poll.title == "Sondage — La corrida divise les députés : pour ou contre ?"
    reports = ("Le recul du PIB provoque un débat sur la récession", "Une campagne sans débat",
               "Le débat s’anime entre les candidats", "Une majorité de plus en plus divisée")
    for reported in reports:
        t = topic("t-n", "Sujet", [reported, "Sujet b", "Sujet c"])
        assert debates(t, "fr") == [], f"{reported!r} reports a debate, it asks nothing"


def test_a_what_is_question_becomes_an_faq() -> None:
    t = topic("t-w", "Coupe du monde 2022", ["Coupe du monde 2022 : c’est quoi, une « semelle » ?",
              "Coupe du monde 2022 : le match", "Coupe du monde 2022 : les Bleus"])  # fmt: skip
    assert "faq" in {i.format for i in ideas_of(t, "fr")}


def test_an_events_day_is_given_in_the_digest_language() -> None:
    t = topic("t-l", "Spurs v United", ["Tottenham v Manchester United: Premier League match live tomorrow",
              "Spurs v United preview", "Spurs v United team news"])  # fmt: skip
    t.articles[0].published = t.articles[0].published.replace(day=8)  # a Sunday: the match is Monday
    (live,) = [i for i in ideas_of(t, "fr") if i.format == "live"]
    assert "(demain)" in live.title and "tomorrow)" not in live.title


def test_an_event_over_by_the_week_the_ideas_are_for_is_no_live() -> None:
    """"En direct (jeudi 1er décembre) — Japon-Espagne en direct : suivez le match" was proposed
    for the week after the match, "En direct (ce soir) — Tottenham Hotspur v Manchester United" a
    week after the game. The ideas are for the week after the digest's: an event of the digest's
    own week is over by then, and gets a recap (a short video), not a live."""
    from trendwatch.digest.angles import events

    match = topic("t-m", "Coupe du monde 2022", ["Japon-Espagne en direct : suivez le match du jeudi 5 mars",
                  "Coupe du monde 2022 : les Bleus", "Coupe du monde 2022 : le groupe E"])  # fmt: skip
    (angle,) = events(match, "fr")
    assert angle.extra == ""
    formats = {i.format for i in ideas_of(match, "fr")}
    assert "live" not in formats and "short_video" in formats
    for day in ("tonight", "ce soir", "samedi", "mercredi", "lundi", "ce week-end"):
        t = topic("t-d", "Festival", [f"Festival : concert en direct {day}", "b", "c"])
        assert events(t, "fr")[0].extra == "", day


def test_who_and_what_for_questions_are_faqs_and_a_quote_opened_before_goes() -> None:
    from trendwatch.digest.angles import questions

    for title in ("Assemblée : qui sont les candidats de la majorité ?", "M6 : à quoi ça sert ?",
                  "Crédit immobilier : de combien les taux vont-ils augmenter ?"):  # fmt: skip
        t = topic("t-q", "Sujet", [title, "Sujet b", "Sujet c"])
        assert "faq" in {i.format for i in ideas_of(t, "fr")}, title
    cnr = "Conseil national de la refondation : « Mais de quoi ont peur les oppositions ? »"
    quoted = topic("t-o", "CNR", [cnr, "b", "c"])
    assert questions(quoted, "fr")[0].text == "De quoi ont peur les oppositions ?"


def test_a_debate_cut_short_is_no_poll() -> None:
    long = ("Projet de loi : ONG, syndicats et patronat appellent à mieux prendre en compte la biodiversité "
            "et le débat public sur les énergies renouvelables")
    t = topic("t-d", "Énergies", [long, "Énergies b", "Énergies c"])
    assert not [i for i in ideas_of(t, "fr") if i.title.endswith("… : pour ou contre ?")]


def test_a_roman_numeral_alone_is_no_subject() -> None:
    """"saison II" of a series on family firms: "II" named the ideas ("Décryptage — II : …")."""
    t = topic("t-heirs", "Dans la famille de « JC » Decaux", [
        "Successions, saison II : dans la famille de « JC » Decaux, le partage du pouvoir",
        "Successions, saison II : les Gallimard ou le roman vrai d'un conflit fratricide",
        "Successions, saison II : la dynastie Peugeot a dû lâcher le volant",
    ], key_phrase="II")  # fmt: skip
    assert is_generic("II") and not is_generic("G7") and not is_generic("CIVIL")
    for idea in ideas_of(t, "fr"):
        assert idea.subject != "II" and not idea.title.split(" — ", 1)[-1].startswith("II :"), idea.title


def test_a_clause_naming_the_subject_in_a_compound_does_not_repeat_it() -> None:
    """"Arménie et l'Azerbaïdjan" is named by "Arménie-Azerbaïdjan : cessez-le-feu…": no idea reads
    "Arménie et l'Azerbaïdjan : Arménie-Azerbaïdjan : …"."""
    assert {"armenie", "azerbaidjan"} <= set(content_words("Arménie-Azerbaïdjan : cessez-le-feu"))
    assert "azerbaidjan" in content_words("Arménie et l'Azerbaïdjan")
    t = topic("t-caucasus", "Arménie-Azerbaïdjan : cessez-le-feu respecté après deux jours d'affrontements", [
        "Arménie-Azerbaïdjan : cessez-le-feu respecté après deux jours d'affrontements",
        "Retour de violences entre l'Arménie et l'Azerbaïdjan",
        "L'Arménie et l'Azerbaïdjan s'accusent de nouvelles attaques",
    ], key_phrase="Arménie et l'Azerbaïdjan")  # fmt: skip
    ideas = ideas_of(t, "fr")
    assert ideas
    assert not [i.title for i in ideas if i.title.count("Azerbaïdjan") > 1]


@pytest.mark.parametrize("lang", LANGS)
def test_a_thread_runs_to_a_turn_its_other_ideas_do_not_quote(lang: str) -> None:
    """"Thread — Rail strike, du 21 au 22 février" read the same for every topic but the name: the
    thread now quotes the story's latest turn, one no other idea of the topic already quotes."""
    t = topic("t-fires", "Incendies en Gironde", [
        "Incendies en Gironde : trois feux toujours en cours après une nuit difficile",
        "Incendies en Gironde : 19 000 hectares brûlés",
        "Incendies en Gironde : les pompiers allument des feux tactiques",
        "Incendies en Gironde : les habitants de La Teste-de-Buch autorisés à rentrer",
    ], n_sources=4)  # fmt: skip
    ideas = ideas_of(t, lang)
    (thread,) = [i for i in ideas if i.format == "thread"]
    assert "La Teste-de-Buch" in thread.title or "feux tactiques" in thread.title, thread.title
    others = [i.title for i in ideas if i.format != "thread"]
    assert not [o for o in others if thread.evidence in o], "the thread quotes an article of its own"
    assert thread.title.endswith({"fr": ", du 2 au 5 mars", "en": ", 2 to 5 March"}[lang]), thread.title
    import dataclasses

    one_day = dataclasses.replace(t, articles=[dataclasses.replace(a, published=t.articles[0].published)
                                               for a in t.articles])  # fmt: skip
    (same,) = [i for i in ideas_of(one_day, lang) if i.format == "thread"]
    assert same.title.endswith({"fr": ", le 2 mars", "en": ", 2 March"}[lang]), same.title


def test_a_thread_runs_to_the_latest_turn_that_names_the_story() -> None:
    """The border clashes between Kyrgyzstan and Tajikistan, the same week, shared the clash
    vocabulary of Armenia and Azerbaijan's: the thread read "Arménie et l'Azerbaïdjan :
    Kirghizistan : au moins trente-six morts…". It follows the latest turn naming its story."""
    t = topic("t-caucasus", "Arménie-Azerbaïdjan : cessez-le-feu", [
        "Arménie-Azerbaïdjan : cessez-le-feu respecté après deux jours d'affrontements",
        "Arménie-Azerbaïdjan : au moins 135 morts dans les récents affrontements",
        "Erevan accuse Bakou de nouvelles frappes à la frontière",
        "Kirghizistan : au moins trente-six morts dans les affrontements avec le Tadjikistan",
    ], key_phrase="Arménie-Azerbaïdjan", n_sources=4)  # fmt: skip
    (thread,) = [i for i in ideas_of(t, "fr") if i.format == "thread"]
    assert "Kirghizistan" not in thread.title, thread.title


def test_a_day_already_past_when_the_piece_was_published_is_no_live() -> None:
    """A piece of 2 March recalling "le 28 février" announces nothing: no live for a past day. A
    day to come (or "12 janvier" in a December piece: next year) still makes one."""
    from trendwatch.digest.angles import events

    past = topic("t-past", "Election", ["Election : ce que le vote du 28 février a changé", "Le bilan", "c"])
    (angle,) = events(past, "fr")
    assert angle.extra == ""
    assert "live" not in {i.format for i in ideas_of(past, "fr")}
    coming = topic("t-next", "Election", ["Election : le vote du 12 mars approche", "Le bilan", "c"])
    assert events(coming, "fr")[0].extra == "12 mars"
    winter = topic("t-jan", "Salon", ["Salon de l'auto : rendez-vous le 12 janvier", "b", "c"])
    winter.articles[0].published = winter.articles[0].published.replace(month=12)
    assert events(winter, "fr")[0].extra == "12 janvier"


def test_an_event_word_in_a_title_kicker_gives_the_title_not_the_kicker() -> None:
    """"Election présidentielle 2022 : peu de réactions politiques au salaire de Carlos Tavares"
    gave the short video "Carlos Tavares : Election présidentielle 2022"."""
    from trendwatch.digest.angles import events

    title = ("Election présidentielle 2022 : peu de réactions politiques au montant estimé de la "
             "rémunération de Carlos Tavares")  # fmt: skip
    t = topic("t-kick", "Carlos Tavares", [title, "Stellantis : 66 millions", "Carlos Tavares, patron"])
    (angle,) = events(t, "fr")
    assert angle.text.startswith("Election présidentielle 2022 : peu de réactions")


def test_an_idea_quotes_a_headline_under_one_kicker() -> None:
    """The subject goes in front of a clause that does not name it, never in front of a headline's
    own kicker: "Statut de candidat : Guerre en Ukraine en direct : …" read as two. A kicker that
    only frames the story more widely gives way to the subject; one saying who speaks stays."""
    from trendwatch.digest.ideas import Plan, idea_title

    def title(subj: str, clause: str, story: str) -> str:
        plan = Plan("short_video", "digest.idea_video_latest", {"subject": subj, "clause": clause},
                    story=frozenset(content_words(story)))  # fmt: skip
        return idea_title(plan, "fr").split(" — ", 1)[1]

    pay = "Carlos Tavares : sa rémunération choque Stellantis"
    election = "Election présidentielle 2022 : peu de réactions à sa rémunération"
    assert title("Carlos Tavares", election, pay) == "Carlos Tavares : peu de réactions à sa rémunération"
    live = "Guerre en Ukraine en direct : deux terminaux de grains bombardés"
    status = "Les Vingt-Sept accordent à l'Ukraine le statut de candidat"
    assert title("Statut de candidat", live, status) == live
    quote = "Jane Fonda : « La Cour suprême est devenue un cloaque »"
    assert title("Roe vs Wade", quote, "Droit à l'avortement : l'arrêt Roe vs Wade annulé") == quote
    assert title("Carlos Tavares", "Stellantis : des rémunérations indécentes", pay) == (
        "Stellantis : des rémunérations indécentes"
    )
    assert title("Carlos Tavares", "Des rémunérations", pay) == "Carlos Tavares : des rémunérations"
    assert title("Carlos Tavares", "Stellantis verse 66 millions", pay) == (
        "Carlos Tavares : Stellantis verse 66 millions"), "a name keeps its capital"


def test_no_two_ideas_of_a_topic_quote_one_article_but_a_thread() -> None:
    """The Guardian's two Oscar pieces gave "FAQ — Greatest Oscar winners ever: who is the best
    director of all time?", a short video on the other piece, then "Explainer — Greatest Oscar
    winners ever: …" again: one idea twice. A closing post needs an article no idea quotes."""
    t = topic("t-oscar", "Greatest Oscar winners ever", [
        "Greatest Oscar winners ever: who is the best director of all time?",
        "Oscar-winning director Michael Haneke to make 10-part TV series",
    ], n_sources=1, baseline_mean=0.0, status="new")  # fmt: skip
    ideas = ideas_of(t, "en")
    quoted = [i.evidence for i in ideas if i.format != "thread"]
    assert len(quoted) == len(set(quoted)), [i.title for i in ideas]
    lone = topic("t-one", "Haneke", ["Michael Haneke to make a TV series", "b"], n_sources=1)
    assert [i.format for i in ideas_of(lone, "en")], "a topic always gets an idea"


def test_a_sensitive_topic_gets_no_infographic_of_bodies_or_graves() -> None:
    """Izioum's mass graves gave "Infographie — 443 tombes : Izioum", the annexation referendums
    "447 corps": tolls, counted in graves and bodies rather than deaths; the Holodomor's topic "32
    personnes tuées" (killed, not dead)."""
    for figure in ("443 tombes", "447 corps", "12 bodies", "32 personnes tuées", "14 wounded"):
        t = topic("t-izioum", "Izioum : la découverte d'une fosse commune",
                  [f"Izioum : {figure} découverts dans une forêt", "Izioum : une fosse commune, des morts",
                   "Guerre en Ukraine : Izioum"])  # fmt: skip
        ideas = ideas_of(t, "fr")
        assert ideas and "infographic" not in {i.format for i in ideas}, [i.title for i in ideas]


def test_a_figure_cut_from_a_long_title_starts_on_its_subject() -> None:
    """"Volodymyr Zelensky annonce que l'armée ukrainienne a repris près de 6 000 kilomètres
    carrés…" gave "Annonce que l'armée ukrainienne a repris…": the figure's few words before it
    start on the sentence's subject a little further back when the whole still fits."""
    from trendwatch.digest.angles import figures

    title = ("Guerre en Ukraine, jour 200 : Volodymyr Zelensky annonce que l’armée ukrainienne a repris "
             "près de 6 000 kilomètres carrés aux Russes depuis début septembre")  # fmt: skip
    t = topic("t-km", "Contre-offensive", [title, "b", "c"])
    t.language = "fr"
    (angle,) = figures(t, "fr")
    assert angle.text.startswith("Zelensky annonce que"), angle.text
    assert "6 000 kilomètres" in angle.text


def test_a_question_too_long_to_quote_whole_is_no_poll() -> None:
    """"Sondage — Fin de vie : L'attente la plus profonde de tous n'est-elle pas l'aide active à
    vivre, plutôt que…" asked half a question."""
    from trendwatch.digest.angles import questions

    long = ("Fin de vie : « L’attente la plus profonde de tous n’est-elle pas l’aide active à vivre, "
            "plutôt que l’aide active à mourir ? »")  # fmt: skip
    t = topic("t-q", "Fin de vie", [long, "Fin de vie : le Comité d’éthique", "Fin de vie : le débat"])
    assert questions(t, "fr") == []
    assert not [i for i in ideas_of(t, "fr") if i.format in ("poll", "faq")]


def test_a_figure_clause_opening_on_its_verb_gets_its_subject_back() -> None:
    """A summary's "Le président russe, Vladimir Poutine, a annoncé la mobilisation partielle de
    300 000 réservistes, mercredi." gave "A annoncé la mobilisation partielle de 300 000
    réservistes": the comma-clause alone. The sentence is quoted when it fits."""
    from trendwatch.digest.angles import figures

    summary = ("Le président russe, Vladimir Poutine, a annoncé la mobilisation partielle de 300 000 "
               "réservistes, mercredi. Des manifestants se sont regroupés.")  # fmt: skip
    t = topic("t-mob", "Mobilisation partielle", ["Des Russes fuient la mobilisation", "b", "c"],
              summaries=[summary, "", ""])  # fmt: skip
    t.language = "fr"
    (angle,) = figures(t, "fr")
    assert angle.text == summary.split(", mercredi")[0]


def test_a_clause_cut_from_a_side_headline_keeps_its_own_kicker() -> None:
    """A topic on the Holodomor's recognition also held "Guerre en Ukraine : au moins 32 personnes
    tuées dans la région de Kherson…": its clause read "Holodomor : au moins 32 personnes tuées…",
    saying what the article does not. A clause cut from after a kicker that is not a wider frame of
    the story goes under that kicker; under a wider frame it goes under the subject."""
    from trendwatch.digest.angles import central
    from trendwatch.digest.ideas import Plan, idea_title

    side = ("Guerre en Ukraine : au moins 32 personnes tuées dans la région de Kherson depuis le retrait "
            "des forces russes il y a deux semaines")  # fmt: skip
    t = topic("t-h", "L'Allemagne va reconnaître l'Holodomor", [side, "b", "c"], key_phrase="Holodomor")
    angle = central(t, "fr")
    assert angle is not None and not angle.text.startswith("Guerre")
    name = frozenset(content_words("L'Allemagne va reconnaître l'Holodomor Holodomor"))
    values = {"subject": "Holodomor", "clause": angle.text}
    plan = Plan("post", "digest.idea_post_inform", values, angle, story=name)
    assert idea_title(plan, "fr").startswith("Ce que l'on sait — Guerre en Ukraine : au moins 32 personnes")
    pay = ("Election présidentielle 2022 : peu de réactions politiques au montant estimé de la rémunération "
           "de Carlos Tavares, directeur général de Stellantis")  # fmt: skip
    t = topic("t-t", "Carlos Tavares : sa rémunération choque", [pay, "b", "c"], key_phrase="Carlos Tavares")
    angle = central(t, "fr")
    assert angle is not None
    name = frozenset(content_words("Carlos Tavares : sa rémunération choque Carlos Tavares"))
    values = {"subject": "Carlos Tavares", "clause": angle.text}
    plan = Plan("post", "digest.idea_post", values, angle, story=name)
    assert "Election" not in idea_title(plan, "fr"), idea_title(plan, "fr")


def test_a_figure_from_a_stray_article_is_no_infographic() -> None:
    """The Capitol assault's topic held "Paris attend 33 millions de touristes cette année" (it
    shares "touristes" with the topic's keywords, nothing of its name): "Infographie — 33 millions
    de touristes : Assaut du Capitole" said what no article says. A figure counts when its headline
    names the story or says two of its keywords."""
    titles = ["Assaut du Capitole : des visiteurs étaient venus repérer les lieux",
              "Paris attend 33 millions de touristes cette année",
              "Assaut du Capitole : la commission dévoile des images",
              "Assaut du Capitole : 187 minutes sans agir", "Assaut du Capitole : Trump visé"]  # fmt: skip
    t = topic("t-cap", "Assaut du Capitole : la commission dévoile des images", titles,
              key_phrase="Assaut du Capitole")  # fmt: skip
    t.keywords = ["capitole", "touristes", "visiteurs", "commission", "images"]
    infographics = [i for i in ideas_of(t, "fr") if i.format == "infographic"]
    assert not [i.title for i in infographics if "touristes" in i.title]
    assert [i.title for i in infographics if "187 minutes" in i.title], "the story's own figure stays"


def test_a_figure_clause_cut_mid_phrase_is_not_quoted() -> None:
    """"…ont rapporté des votes favorables au rattachement à la Russie de l'ordre de 87 % à 99 %"
    gave "Infographie — Vladimir Poutine : Russie de l'ordre de 87 %": a piece cut after "la".
    A clause that would be quoted must start where a phrase starts; a figure shown with what it
    counts ("19 000 hectares : Incendies en Gironde") needs no clause."""
    from trendwatch.digest.angles import figures

    summary = ("Les quatre régions qui ont organisé des consultations – Louhansk, Donetsk, Zaporijia et "
               "Kherson – ont rapporté des votes favorables au rattachement à la Russie de l’ordre de "
               "87\u00a0% à 99\u00a0%.")  # fmt: skip
    t = topic("t-ref", "Vladimir Poutine officialise l'annexion", [
        "Référendums d’annexion en Ukraine : une victoire pour Moscou", "Vladimir Poutine officialise "
        "l'annexion", "Annexion : Vladimir Poutine signe"], summaries=[summary, "", ""],
        key_phrase="Vladimir Poutine")  # fmt: skip
    (fig,) = figures(t, "fr")
    assert fig.partial and fig.extra == "87 %"
    assert not [i.title for i in ideas_of(t, "fr") if "ordre de" in i.title]
    aside = ("Avec cette deuxième baisse du PIB – cette fois de 0,9\u00a0% au deuxième trimestre – "
             "l’économie américaine répond à la définition classique de la récession technique.")  # fmt: skip
    gdp = topic("t-gdp", "Etats-Unis : le PIB se contracte de nouveau", [
        "Etats-Unis : le PIB se contracte de nouveau au deuxième trimestre", "Le PIB américain recule",
        "Récession aux Etats-Unis"], summaries=[aside, "", ""])  # fmt: skip
    assert [f.partial for f in figures(gdp, "fr")] == [True], "an aside between dashes is no quote"


def test_a_past_day_gives_way_to_the_coming_date_the_piece_also_gives() -> None:
    """"…la France brise enfin le plafond de verre des quarts de finale": the piece told of
    Saturday's quarter-final and of the semi-final on 27 July. The day just gone is passed over,
    and the coming date makes the live."""
    from trendwatch.digest.angles import events

    summary = "Qualifiées samedi, les Bleues joueront la demi-finale le 12 mars."
    t = topic("t-euro", "Euro féminin", ["Euro féminin : la France en demi-finale", "b", "c"],
              summaries=[summary, "", ""])  # fmt: skip
    t.articles[0].published = t.articles[0].published.replace(day=8)  # the Sunday after the match
    assert events(t, "fr")[0].extra == "12 mars"
    assert "En direct (12 mars)" in [i.title.split(" — ")[0] for i in ideas_of(t, "fr")]


def test_a_distance_alone_is_no_infographic() -> None:
    """"Infographie — 300 kilomètres : Elizabeth II": 300 kilometres of what? ("Indonésie : à
    quelque 100 kilomètres au sud de Djakarta" quoted the clause, and said where, not what.) A
    figure that is only a distance is no story's figure; a length of time is shown with its
    clause ("Assaut du Capitole : 187 minutes sans agir", below)."""
    t = topic("t-queen", "Elizabeth II : le cortège quitte Balmoral", [
        "Elizabeth II : la reine est morte",
        "Balmoral : le cortège a parcouru 300 kilomètres jusqu'à Edimbourg",
        "Elizabeth II : les hommages"], key_phrase="Elizabeth II")  # fmt: skip
    assert not [i.title for i in ideas_of(t, "fr") if i.format == "infographic"]
    from trendwatch.digest.angles import figures

    assert [f.extra for f in figures(t, "fr")] == ["300 kilomètres"], "not '300 kilomètres jusqu'à'"


def test_a_news_roundup_is_no_angle_on_the_story() -> None:
    """"Coupe du monde, manifestations en Chine, glissement de terrain à Ischia… Les cinq infos à
    retenir du week-end" made the landslide's short video: a round-up lists the story among others."""
    from trendwatch.digest.angles import is_roundup

    roundup = ("Coupe du monde, manifestations en Chine, glissement de terrain à Ischia… Les cinq infos à "
               "retenir")
    t = topic("t-ischia", "Ischia", ["L'île italienne d'Ischia frappée par un glissement de terrain",
              "Italie : l'état d'urgence proclamé à Ischia", roundup])  # fmt: skip
    assert not [i.title for i in ideas_of(t, "fr") if i.evidence == roundup]
    assert is_roundup("Les infos politiques à retenir de la semaine") and is_roundup("Morning mail: …")
    assert not is_roundup("Pèlerinage de La Mecque : dix choses à savoir sur la Kaaba")
