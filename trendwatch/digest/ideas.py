"""Content ideas grounded in a topic's articles, by fixed rules: same topic, same ideas.

Each idea rests on something an article says (see :mod:`trendwatch.digest.angles`) and names it:
a figure → infographic carrying that figure; two options a title weighs, a yes/no question or a
debate → poll; a how/why question or a rising search → FAQ; a how-to → carousel; an event with
its date → live, without a date → short video; a fast-moving story → short video on its latest
turn; several sources → thread from the first article's date to the last; a festive occasion →
contest. A post on the most central article no other idea quotes closes the list; at most three
ideas per topic.

A sensitive topic only gets informative formats (post, thread, FAQ, an infographic whose figure
is not a toll): never a contest, a poll, a live or a promotional video. The subject an idea
names is the story's key phrase or name, never one generic word.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from trendwatch.analysis.model import Topic
from trendwatch.analysis.text import fold, stop_words
from trendwatch.digest import angles
from trendwatch.digest.angles import Angle, content_words
from trendwatch.digest.caution import Caution, counts_victims, find_terms
from trendwatch.digest.i18n import colon, date_text, day_word, evidence_sentence, t
from trendwatch.digest.subject import subject_in, subject_of
from trendwatch.messages import Note, catalogue, list_separator, render

MAX_IDEAS = 3
INFORMATIVE_FORMATS = ("infographic", "thread", "post", "faq")
FAST_GROWTH = 3.0  # this week's articles over the baseline mean
THREAD_MIN_SOURCES = 3
STRAY_CHECK_MIN = 5  # from this many articles, one sharing no word with the story is a stray
SHORT_SUBJECT = 5  # a longer subject is a headline: not repeated in front of an idea's own words
_WH = re.compile(
    r"^\s*(?:how|why|what|when|where|which|who|comment|pourquoi|quel|quelle|quels|quelles|quand|"
    r"où|ou en est|que|qu['’]est|c['’]est quoi|combien|de combien|qui|[àa] quoi|de quoi|"
    r"how much|how many)\b",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Idea:
    """One content idea for a topic."""

    idea_id: str  # stable hash of week + topic_id + format
    topic_id: str
    rank: int  # 1 = the topic's best idea
    title: str
    format: str  # post | carousel | short_video | infographic | poll | contest | thread | live | faq
    why_now: str
    sources: list[str]  # article URLs (http(s) only)
    caution: list[str] = field(default_factory=list)
    slot: dt.datetime | None = None
    on: dt.date | None = None  # the day a live is for: its slot is that day, or none if not a coming one
    subject: str = ""  # the story's name the idea uses (never one generic word)
    evidence: str = ""  # the article title (or search) the idea's angle rests on
    evidence_url: str | None = None


@dataclass(frozen=True, slots=True)
class Plan:
    """A format chosen for a topic, with the catalogue text and the angle it rests on."""

    format: str
    key: str  # message code in the [digest] table
    values: dict[str, Any]
    angle: Angle | None = None
    evidence: str = ""  # when it rests on something else than an article (a rising search)
    story: frozenset[str] = frozenset()  # the words naming the story (label, key phrase, subject)


def idea_id(week: str, topic_id: str, fmt: str) -> str:
    """Stable id of an idea: the same week, topic and format give the same id."""
    return hashlib.sha1(f"{week}|{topic_id}|{fmt}".encode()).hexdigest()[:16]


def is_fast_moving(topic: Topic) -> bool:
    """New this week, or at least ``FAST_GROWTH`` times its usual weekly volume."""
    if topic.status == "new" or topic.baseline_mean <= 0:
        return True
    return topic.n_articles / topic.baseline_mean >= FAST_GROWTH


def subject(topic: Topic) -> str:
    """What ideas call the topic (see :func:`trendwatch.digest.subject.subject_of`)."""
    return subject_of(topic)


def _names_subject(text: str, subj: str) -> bool:
    """Whether ``text`` already names the subject (shares one of its content words)."""
    own = set(content_words(subj))
    return bool(own & set(content_words(text))) if own else True


GLOOMY_TERMS = (
    "greve", "strike", "perturbation", "perturbe", "disrupt", "disrupts", "disruption", "annule",
    "cancelled", "canceled", "penurie", "shortage", "crise", "crisis", "colere", "anger", "boycott",
    "rappel", "recall", "plainte", "complaint", "scandale", "scandal", "polemique", "backlash",
)


def _gloomy(topic: Topic) -> bool:
    """A story about a strike, a shortage, a crisis or anger: no place for a giveaway."""
    text = "\n".join([topic.label, *(a.title for a in topic.articles)])
    return bool(find_terms(text, GLOOMY_TERMS))


def plan(
    topic: Topic, caution: Caution, lang: str, queries: Sequence[str] = ()
) -> list[Plan]:
    """The ideas suited to a topic, best first, at most ``MAX_IDEAS``, each with its angle; two
    ideas of a topic rest on two different articles (a thread may repeat one)."""
    subj = subject_in(topic, lang)
    out: list[Plan] = []
    used: set[str] = set()
    name = frozenset(content_words(" ".join([topic.label, topic.key_phrase, subj])))
    named = name | frozenset(content_words(" ".join(topic.keywords[:5])))
    story = named if len(topic.articles) >= STRAY_CHECK_MIN else frozenset()

    def add(fmt: str, key: str, angle: Angle | None, evidence: str = "", **values: Any) -> bool:
        if any(p.format == fmt for p in out):
            return True  # that format is taken: stop looking for another angle
        if caution.sensitive and fmt not in INFORMATIVE_FORMATS:
            return True
        if angle is not None and fmt != "thread" and angle.article.entry_id in used:
            return False  # try the next angle of this kind
        if angle is not None and story and not story & set(content_words(angle.article.title)):
            return False  # an article beside the story (a stray in its cluster): not a basis
        if caution.sensitive and key in ("digest.idea_post", "digest.idea_thread", "digest.idea_thread_day"):
            key += "_inform"
        out.append(Plan(fmt, key, {"subject": subj, **values}, angle, evidence, name))
        if angle is not None:
            used.add(angle.article.entry_id)
        return True

    for fig in angles.figures(topic, lang):
        if caution.sensitive and counts_victims(fig.extra):  # no infographic of a toll
            continue
        said = set(content_words(fig.article.title))
        if story and not name & said and len(named & said) < 2:
            continue  # "33 millions de touristes : Assaut du Capitole" came from "Paris attend 33
            # millions de touristes" (one keyword, "touristes"): a figure is the story's when its
            # headline names the story, or says two of its keywords
        if _DISTANCE.match(fold(fig.extra)):
            continue  # "300 kilomètres : Elizabeth II", "à quelque 100 kilomètres au sud de Djakarta":
            # a distance alone says where, not the story's figure
        # "50 %" of what? "187 minutes" of what? the clause says ("… : 187 minutes sans agir")
        bare = not re.search(r"[^\W\d_]{2,}", fig.extra) or bool(_DURATION.match(fold(fig.extra)))
        if bare or _names_subject(fig.text, subj) or len(subj.split()) > SHORT_SUBJECT:
            if fig.partial:
                continue  # the clause would be quoted, and it starts mid-phrase
            done = add("infographic", "digest.idea_infographic_clause", fig, clause=fig.text)
        else:
            done = add("infographic", "digest.idea_infographic", fig, figure=fig.extra)
        if done:
            break
    for two in angles.sides(topic, lang):
        if add("poll", "digest.idea_poll_sides", two, a=two.text, b=two.extra):
            break
    for q in angles.questions(topic, lang):
        # the whole title when the question alone misses the subject ("Inondations : comment…?")
        asked = q.extra if q.extra and not _names_subject(q.text, subj) else q.text
        if _WH.match(q.text):
            add("faq", "digest.idea_faq_question", q, question=asked)
        else:
            add("poll", "digest.idea_poll_question", q, question=asked)
    for d in angles.debates(topic, lang):  # a debate already asked stays a question
        if d.text.endswith("…"):
            continue  # "… et le… : pour ou contre ?" asks nothing
        key = "digest.idea_poll_question" if d.text.endswith("?") else "digest.idea_poll_debate"
        if add("poll", key, d, clause=d.text, question=d.text):
            break
    matched = _matching_queries(topic, subj, queries)
    if matched:
        searched = render("digest.idea_evidence_search", lang, query=matched[0])
        add("faq", "digest.idea_faq_query", None, evidence=searched, query=matched[0])
    for h in angles.howtos(topic, lang):
        if add("carousel", "digest.idea_carousel", h, clause=h.text):
            break
    for e in angles.events(topic, lang):
        if e.extra:
            done = add("live", "digest.idea_live", e, clause=e.text, date=day_word(e.extra, lang))
        else:
            done = add("short_video", "digest.idea_video_event", e, clause=e.text)
        if done:
            break
    if is_fast_moving(topic):
        last = angles.latest(topic, lang, skip=used)
        if last is not None:
            add("short_video", "digest.idea_video_latest", last, clause=last.text)
    if topic.n_sources >= THREAD_MIN_SOURCES and topic.articles:
        first = min(topic.articles, key=lambda a: a.published)
        newest = max(topic.articles, key=lambda a: a.published)
        since, until = _day(first.published, lang), _day(newest.published, lang)
        key = "digest.idea_thread" if since != until else "digest.idea_thread_day"  # not "du 13 au 13"
        if since != until and since.split(" ", 1)[1:] == until.split(" ", 1)[1:]:
            since = since.split(" ", 1)[0]  # "du 2 au 5 mars", not "du 2 mars au 5 mars"
        # the thread runs to the story's latest turn its other ideas do not already quote: a
        # thread titled by its subject and dates alone reads the same for every topic
        # (one naming the story first: "Arménie et l'Azerbaïdjan : Kirghizistan : trente-six morts…"
        # followed another border war that the topic's clash vocabulary had brought in)
        aside = {a.entry_id for a in topic.articles if not _names_subject(a.title, subj)}
        turn = (
            angles.latest(topic, lang, skip=used | aside)
            or angles.latest(topic, lang, skip=used)
            or angles.latest(topic, lang)
        )
        if turn is not None:
            add("thread", key, turn, first=since, last=until, clause=turn.text)
    festive = angles.festive(topic, lang)
    if len(festive) >= 2 and not _gloomy(topic):  # a contest needs a festive story, not a word
        for f in festive:
            if add("contest", "digest.idea_contest", f, clause=f.text):
                break
    # a closing post on an article no other idea quotes; on an idea's article only when it is the
    # topic's one idea ("FAQ — Greatest Oscar winners ever: who is…?" then "Explainer — Greatest
    # Oscar winners ever: who is…?" is one idea twice)
    c = angles.central(topic, lang, skip=used) or (None if out else angles.central(topic, lang))
    if len(out) < MAX_IDEAS and (c is not None or not out):
        post_key = "digest.idea_post_inform" if caution.sensitive else "digest.idea_post"
        out.append(Plan("post", post_key, {"subject": subj, "clause": c.text if c else subj}, c, story=name))
    return out[:MAX_IDEAS]


def _day(when: dt.datetime, lang: str) -> str:
    """``2 March`` / ``2 mars`` (the year is the digest's)."""
    return date_text(when.date(), lang).rsplit(" ", 1)[0]


def choose_formats(topic: Topic, caution: Caution, lang: str = "en") -> list[str]:
    """The formats suited to a topic, best first, at most ``MAX_IDEAS``."""
    return [p.format for p in plan(topic, caution, lang)]


def _matching_queries(topic: Topic, subj: str, queries: Sequence[str]) -> list[str]:
    """Rising searches that share a content word with the topic's subject or first keywords."""
    own = set(content_words(" ".join([subj, *topic.keywords[:3], *topic.entities[:2]])))
    return [q for q in queries if own & set(content_words(q))]


def why_now(topic: Topic, lang: str) -> str:
    """The evidence for acting this week, in words."""
    parts = [evidence_sentence(topic.n_articles, topic.n_sources, topic.baseline_mean, lang)]
    status_key = f"status_{topic.status}"
    if status_key in ("status_new", "status_growing"):
        parts[0] += f" ({t(status_key, lang)})"
    parts.extend(_text(e, lang) for e in topic.evidence)
    return list_separator(lang).join(parts)


def _text(line: Note | str, lang: str) -> str:
    """An evidence line: a Note rendered in ``lang`` (a plain string is shown as it came)."""
    return line.render(lang) if isinstance(line, Note) else str(line)


def safe_url(url: str | None) -> str | None:
    """The URL when it is http(s) with a host, else None: other schemes never become links.
    Characters that could break out of an attribute or a Markdown link are percent-encoded."""
    if not url:
        return None
    u = url.strip()
    if not re.match(r"^https?://[^/\s?#]+", u, re.I):
        return None
    return quote(u, safe="/:?#[]@!$&()*+,;=%~-._")


def idea_title(p: Plan, lang: str) -> str:
    """The idea's title: the catalogue text for its angle, naming the subject when the angle's own
    words don't ("Prix de l'énergie — le gouvernement prévoit un chèque de 100 euros")."""
    values = dict(p.values)
    for slot in ("clause", "question", "a"):  # a clause cut from mid-headline starts a sentence here
        text = str(values.get(slot, ""))
        if text[:2].islower():
            values[slot] = text[:1].upper() + text[1:]
    subj = str(values.get("subject", ""))
    sep = colon(lang)
    if subj and len(subj.split()) <= SHORT_SUBJECT and "{subject}" not in catalogue(lang)[p.key]:
        for slot in ("clause", "question"):
            if slot in values and not _names_subject(str(values[slot]), subj):
                kicker, rest = _kicker(str(p.values[slot]))
                if not kicker:
                    # a clause cut from after its headline's kicker goes under that kicker again
                    # when the kicker is not a wider frame of the story: "Holodomor : au moins 32
                    # personnes tuées dans la région de Kherson…" was "Guerre en Ukraine : …"
                    clause = str(p.values[slot])
                    cut, after = _kicker(p.angle.article.title) if p.angle else ("", "")
                    if cut and clause.rstrip("…") in after and not _wider_frame(cut, after, p.story):
                        values[slot] = f"{cut}{sep}{clause}"
                    else:
                        values[slot] = f"{subj}{sep}{_after_colon(str(p.values[slot]), lang)}"
                elif _wider_frame(kicker, rest, p.story):
                    values[slot] = f"{subj}{sep}{rest}"  # not "Carlos Tavares : Election… : peu de…"
                # else the headline's own kicker says what the rest is about, or who speaks: the
                # headline is quoted as written, never under two kickers ("Statut de candidat :
                # Guerre en Ukraine en direct : deux terminaux de grains bombardés")
                break
        else:
            title = render(p.key, lang, **values)
            if not _names_subject(title, subj):
                kind, dash, rest = title.partition(" — ")  # "Sondage — Viens je t'emmène : A ou B ?"
                return f"{kind} — {subj}{sep}{rest}" if dash else f"{subj}{sep}{title}"
            return title
    return render(p.key, lang, **values)


# a figure that is only a distance, or only a length of time
_DISTANCE = re.compile(r"^[\d\s.,]+\s*(?:km|kilometres?|kilometers?|miles?|metres?|meters?)$")
_DURATION = re.compile(
    r"^[\d\s.,]+\s*(?:heures?|hours?|minutes?|jours?|days?|ans|years?|semaines?|weeks?|mois|months?)$"
)


_ELIDED = re.compile(r"['’].*$")  # "L'Ukraine" → "L"


def _after_colon(clause: str, lang: str) -> str:
    """``clause`` as a French headline writes it after a colon: "Mario Draghi : la crainte d'une
    nouvelle crise…", not ": La crainte…" (a name keeps its capital; English keeps the headline's)."""
    first = clause.split(" ", 1)[0]
    if lang == "fr" and first[:1].isupper() and fold(_ELIDED.sub("", first)) in stop_words("fr"):
        return clause[:1].lower() + clause[1:]
    return clause

_KICKER = re.compile(r"^([^:«»“”\"?!]{2,60}?)\s?:\s+(\S.*)$")
KICKER_WORDS = 6


def _kicker(text: str) -> tuple[str, str]:
    """A headline's kicker and what follows it ("Guerre en Ukraine", "la France ne reçoit plus de
    gaz russe"), or ("", ``text``) when it has none."""
    m = _KICKER.match(text)
    if m is None or len(m.group(1).split()) > KICKER_WORDS:
        return "", text
    return m.group(1), m.group(2)


def _wider_frame(kicker: str, rest: str, story: frozenset[str]) -> bool:
    """Does a headline's ``kicker`` frame its story more widely than the subject would ("Election
    présidentielle 2022 : peu de réactions à la rémunération…" in Carlos Tavares's pay)? Only when
    the rest is about the story (shares a word of its name: ``story``) and the kicker is not (nor
    says who speaks: "Jane Fonda : « … »"). A word the story merely shares with a side piece is
    not enough: "Guerre en Ukraine en direct : … treize blessés à Dnipro" read "Holodomor : …"
    because Dnipro was among the keywords of a topic on the Holodomor's recognition."""
    if rest[:1] in "«“\"" or story & set(content_words(kicker)):
        return False
    return bool(story & set(content_words(rest)))


def make_ideas(
    topic: Topic, caution: Caution, week: str, lang: str, queries: Sequence[str] = ()
) -> list[Idea]:
    """1–3 ideas for a topic; none when it touches a confidential name."""
    if caution.confidential:
        return []
    urls = [u for u in (safe_url(a.url) for a in topic.articles) if u]
    sources = list(dict.fromkeys(urls))[:3]
    reason = why_now(topic, lang)
    flags = caution.flags(lang)
    ideas: list[Idea] = []
    for rank, p in enumerate(plan(topic, caution, lang, queries), 1):
        evidence = p.angle.evidence if p.angle else p.evidence
        url = safe_url(p.angle.article.url) if p.angle else None
        ideas.append(
            Idea(
                idea_id=idea_id(week, topic.topic_id, p.format),
                topic_id=topic.topic_id,
                rank=rank,
                title=idea_title(p, lang),
                format=p.format,
                why_now=reason,
                sources=sources,
                caution=list(flags),
                subject=str(p.values["subject"]),
                evidence=evidence,
                evidence_url=url,
                on=angles.event_day(p.angle) if p.format == "live" and p.angle else None,
            )
        )
    return ideas


def faq_titles(queries: list[str], lang: str) -> list[str]:
    """FAQ idea titles from rising search queries."""
    return [render("digest.idea_faq_query", lang, query=q, subject="") for q in queries]
