"""The week's emerging stories as a scikit-learn-style estimator.

``EmergingTopics(min_articles=3, ...).fit(window).topics_``: parameters are stored untouched in
``__init__``, checked in :meth:`EmergingTopics.fit`, and what is learnt ends in ``_``. The window
(:class:`~trendwatch.analysis.stories.StoryWindow`) holds stories of the analysed week and its
baseline weeks; the estimator never reads the store. The method is in ``bursts.py`` (finding
stories) and ``names.py`` (naming them); it has no random step, so ``random_state`` changes
nothing: it is kept so that a configuration setting it stays valid.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from typing import Any

import numpy as np

from trendwatch.analysis import bursts, names, text
from trendwatch.analysis.model import Article, Topic
from trendwatch.analysis.score import Emergence, emergence
from trendwatch.analysis.stories import Story, StoryWindow
from trendwatch.analysis.text import surface_forms, terms
from trendwatch.errors import AnalysisError

KEYWORDS = 10
ARTICLES = 5
LABEL_CANDIDATES = 20  # central titles a label is chosen from
PHRASE_TITLES = 40  # central titles a key phrase is drawn from
LEAD_KEYWORDS = 6  # distinctive terms whose words a label should carry
NAMING_STORIES = 60  # central stories read for surface forms and entities
MAX_TOPICS = 100  # topics named and returned at most (best first)
CORE_WORDS = 2  # words a topic id is derived from
TAKEN_KEYWORDS = 5  # a better topic's first keywords are not repeated by a lesser one
DESCRIBING_TOPICS = 30  # better topics whose keyword candidates may describe a lesser one
MEMBER_QUANTILE = 0.5  # a past story as close to a topic's centre as this quantile of its stories belonged
LONE_SHARE = 0.5  # at most this share of stories carrying a joined term: a topic held by its seed
THIN_WEEK_STORIES = 60  # a week with fewer stories (about a dozen a weekday) is thin: ...
THIN_MIN_ARTICLES = 2  # ... two stories sharing a name that bursts are a topic there (see ``named_pair``)


class EmergingTopics:
    """Find the stories growing in a window's last week, ranked by emergence, named."""

    def __init__(
        self,
        *,
        min_articles: int = 3,
        min_sources: int = 1,
        min_score: float = 1.0,
        random_state: int = 0,
        language: str | None = None,
    ) -> None:
        self.min_articles = min_articles
        self.min_sources = min_sources
        self.min_score = min_score
        self.random_state = random_state
        self.language = language

    def _validate(self) -> None:
        for name in ("min_articles", "min_sources"):
            value = getattr(self, name)
            if not isinstance(value, int) or value < 1:
                raise AnalysisError(
                    f"The {name!r} parameter of EmergingTopics must be an int ≥ 1. Got {value!r} instead."
                )
        if not isinstance(self.min_score, (int, float)) or self.min_score < 0:
            raise AnalysisError(
                "The 'min_score' parameter of EmergingTopics must be a number ≥ 0. "
                f"Got {self.min_score!r} instead."
            )

    def fit(self, window: StoryWindow) -> EmergingTopics:
        """Learn ``topics_`` (best first) and ``active_sources_`` from ``window``."""
        self._validate()
        self.topics_: list[Topic] = []
        self.young_: dict[str, int] | None = None  # the window's past is too small to compare: its counts
        weeks = window.story_weeks
        now_rows = np.flatnonzero(weeks == window.last)
        self.active_sources_ = len({s for i in now_rows for s in window.stories[i].sources})
        if not len(now_rows) or window.matrix.shape[1] == 0:
            return self
        fit = _Fit(self, window, weeks, now_rows)
        self.young_ = fit.young
        self.topics_ = fit.topics()
        return self


class _Fit:
    """The state of one fit: the window's term statistics, shared by every step."""

    def __init__(self, est: EmergingTopics, win: StoryWindow, weeks: np.ndarray, now_rows: np.ndarray):
        self.est, self.win, self.weeks, self.now_rows = est, win, weeks, now_rows
        self.binary = (win.matrix > 0).astype(np.float32).tocsr()
        self.binary_csc = self.binary.tocsc()
        self.totals = np.asarray(win.totals, dtype=np.float64)
        self.df = bursts.week_df(self.binary, weeks, len(win.weeks))
        self.burst = bursts.term_bursts(self.df, self.totals)
        self.past_rows = np.flatnonzero(weeks < win.last)
        self.young = self._young()
        self.has_baseline = bool((self.totals[:-1] > 0).any()) and self.young is None
        live = self.totals[:-1] > 0
        self.presence = (self.df[:-1][live] > 0).mean(axis=0) if live.any() else np.zeros(self.df.shape[1])
        self.background = self.df.sum(axis=0) / max(1, len(win.stories))
        self.active = len({s for i in now_rows for s in win.stories[i].sources})
        self._word_columns: dict[str, list[int]] | None = None
        self._names: set[str] | None = None
        self._stems: dict[str, list[int]] | None = None
        self._telling: np.ndarray | None = None
        self.past_matrix = win.matrix[self.past_rows]

    def word_columns(self, words: set[str]) -> np.ndarray:
        """Columns of every term containing one of ``words``."""
        if self._word_columns is None:
            index: dict[str, list[int]] = {}
            for j, term in enumerate(self.win.vocabulary):
                for w in term.split(" "):
                    index.setdefault(w, []).append(j)
            self._word_columns = index
        cols = {c for w in words for c in self._word_columns.get(w, ())}
        return np.asarray(sorted(cols), dtype=np.int64)

    def everyday(self, term: int) -> bool:
        """A single word seen in most baseline weeks: not evidence of a story on its own."""
        return (
            self.has_baseline
            and " " not in self.win.vocabulary[term]
            and (self.presence[term] >= bursts.EVERYDAY_WEEKS)
        )

    def binding_terms(self) -> np.ndarray:
        """Per term (bools): may it tie two topics in different languages into one story (a phrase,
        an uncommon word, or a common word bursting this week)?"""
        vocab = self.win.vocabulary
        if not self.has_baseline:
            return np.ones(len(vocab), dtype=bool)
        phrase = np.array([" " in v for v in vocab], dtype=bool)
        common = ~phrase & (self.presence >= bursts.EVERYDAY_WEEKS)
        expected = bursts.baseline_share(self.df[:-1], self.totals[:-1]) * self.totals[-1]
        bursting = self.df[-1] >= bursts.EVERYDAY_RATIO * np.maximum(expected, 1e-9)
        return np.asarray(~common | bursting, dtype=bool)

    def _young(self) -> dict[str, int] | None:
        """Stories in this week's main language before the week and in it, when there are fewer
        before (a new store, or feeds whose past was never stored: a term's growth says nothing)."""
        stories = self.win.stories
        language = Counter(stories[i].language for i in self.now_rows).most_common(1)[0][0]
        before = sum(1 for i in self.past_rows if stories[i].language == language)
        now = sum(1 for i in self.now_rows if stories[i].language == language)
        return {"before": before, "now": now} if before < now else None

    def name_words(self) -> set[str]:
        """Words this week's titles write as names (see :func:`names.name_words`)."""
        if self._names is None:
            self._names = names.name_words([self.win.stories[i].title for i in self.now_rows])
        return self._names

    def name_or_phrase(self) -> np.ndarray:
        """Per term (bools): a phrase, a word with digits, or a word this week's titles write as a name."""
        if self._telling is None:
            known = self.name_words()
            self._telling = np.array(
                [" " in v or v in known or any(c.isdigit() for c in v) for v in self.win.vocabulary],
                dtype=bool,
            )
        return self._telling

    def new_name(self, term: int) -> bool:
        """A term never seen in the baseline weeks and written as a name (or with digits: "COP27"):
        the story itself, even alone. A common word new to the store ("continue", "quarta-feira"
        in a feed the baseline never held) is not."""
        if self.young or (self.has_baseline and self.presence[term] > 0):
            return False  # in a young store every word is new
        known = self.name_words()
        return all(any(c.isdigit() for c in w) or w in known for w in self.win.vocabulary[term].split(" "))

    def held_by_one_word(self, topic: bursts.Seeded) -> bool:
        """Does nothing but its seed hold most of the topic's stories together? True for one term,
        and for a seed whose stories mostly carry none of the terms that joined it ("faiblesse" in
        four unrelated titles, two of them also sharing a phrase, is still one word)."""
        if len(topic.terms) == 1:
            return True
        others = self.distinct(topic.terms[1:])
        seed_words = set(self.win.vocabulary[topic.terms[0]].split(" "))
        # with its other number: "assurances" adds nothing to "assurance"
        seed_words.update(self.win.vocabulary[t] for t in self.number_forms(topic.terms[0]))
        others = [t for t in others if not set(self.win.vocabulary[t].split(" ")) <= seed_words]
        if not others:
            return True
        carried = np.asarray(self.binary[topic.rows][:, others].sum(axis=1)).ravel()
        return bool((carried >= 1).mean() <= LONE_SHARE)

    def coincidence(self, topic: bursts.Seeded) -> bool:
        """Stories held together by one known word (see :meth:`held_by_one_word`) and with nothing
        else in common (their vectors, the topic's own words removed, barely alike). A seed that
        is no everyday word and bursts far beyond chance (``SIGNIFICANT_BURST``) is an event
        whatever its stories' other words: titles alone ("Guerre en Ukraine : …" on 114 short,
        diverse headlines) are barely alike once the seed's words are gone."""
        if not self.held_by_one_word(topic) or self.new_name(topic.terms[0]):
            return False
        seed = topic.terms[0]
        if self.significant(seed):
            return False  # no chance ties over a hundred diverse "Guerre en Ukraine : …" titles
        vocab = self.win.vocabulary
        words = {w for t in topic.terms for w in vocab[t].split(" ")}
        vectors = bursts.own_words_removed(self.win.matrix, topic.rows, self.word_columns(words))
        return bursts.coherence(vectors) < bursts.COHERENCE_MIN

    def split(self, topic: bursts.Seeded) -> list[bursts.Seeded]:
        """``topic``, or its two stories when its stories fall into two groups with nothing in
        common but the seed's words (see :func:`bursts.split_or_keep`)."""
        if len(topic.rows) < 2 * bursts.SPLIT_PART:
            return [topic]
        vocab = self.win.vocabulary
        own = self.word_columns(set(vocab[topic.terms[0]].split(" ")))
        apart = bursts.own_words_removed(self.win.matrix, topic.rows, own)
        languages = [names.lang_code(self.win.stories[i].language) or None for i in topic.rows]
        parts = bursts.split_or_keep(topic, apart, self.est.min_articles, self.binary, languages)
        # a part left with the seed alone is checked again: "discours" held Charles III's first
        # speech, Liz Truss's and a Lebanese politician's, and split off with nothing else shared
        return [p for p in parts if len(parts) == 1 or not self.coincidence(p)]

    def lead_forms(self, topic: bursts.Seeded) -> list[int]:
        """A topic's leading terms and every form of those that are names ("ukrainienne",
        "ukrainiens" for "Ukraine"): a story using any of them names the topic."""
        if self._stems is None:
            index: dict[str, list[int]] = {}
            for j, v in enumerate(self.win.vocabulary):
                if " " not in v:
                    index.setdefault(text.stem(v), []).append(j)
            self._stems = index
        known = self.name_words()
        lead = list(topic.terms[: bursts.LEAD_TERMS])
        vocab = self.win.vocabulary
        for t in topic.terms[: bursts.LEAD_TERMS]:  # a leading word that is a name ("Ukraine"), not
            # a word inside a phrase ("Euro" in "Euro féminin" would reach the euro zone)
            if " " not in vocab[t] and vocab[t] in known:
                lead.extend(self._stems.get(text.stem(vocab[t]), ()))
        return sorted(set(lead))

    def ratio(self, term: int) -> float:
        """This week's stories carrying ``term`` over the number its baseline share predicts."""
        share = bursts.baseline_share(self.df[:-1][:, [term]], self.totals[:-1])[0]
        return float(self.df[-1][term] / max(share * self.totals[-1], 1e-9))

    def topics(self) -> list[Topic]:
        vocab = self.win.vocabulary
        now_bin = self.binary[self.now_rows].tocsc()
        share = bursts.baseline_share(self.df[:-1], self.totals[:-1]) if self.has_baseline else None
        ratios = self.df[-1] / np.maximum(share * self.totals[-1], 1e-9) if share is not None else None
        expands = (
            np.ones(len(vocab), dtype=bool)
            if ratios is None
            else (self.presence < bursts.EVERYDAY_WEEKS) | (ratios >= bursts.EVERYDAY_RATIO)
        )
        burst = self.burst
        if self.young:  # every word is new to a young store: only names and phrases tell a story
            burst = np.where(self.name_or_phrase(), burst, 0.0)
        seeded = bursts.seed_topics(
            now_bin, self.now_rows, burst, self.df[-1], vocab, expands, self.win.matrix[self.now_rows]
        )
        checked: list[bursts.Seeded] = []
        for topic in seeded:
            seed = topic.terms[0]
            if self.everyday(seed) and self.ratio(seed) < bursts.EVERYDAY_RATIO:
                continue  # an everyday word, only a little more frequent than usual
            if self.coincidence(topic):
                continue  # stories sharing one known word and nothing else: a coincidence
            checked.extend(self.split(topic))
        quick = {id(t): self.emergence(t, similar=False).score for t in checked}
        ranked = sorted(checked, key=lambda t: (-quick[id(t)], vocab[t.terms[0]]))
        binding = self.binding_terms()
        main_language = [
            Counter(names.lang_code(self.win.stories[i].language) for i in t.rows).most_common(1)[0][0]
            or None
            for t in ranked
        ]
        leads = [self.lead_forms(t) for t in ranked]
        folded: list[bursts.Seeded] = []
        for s in bursts.fold_angles(self.binary, self.win.matrix, ranked, binding, main_language, leads):
            alike = self.members(s)
            # the stories dropped may have been what held two stories together ("norte" tied North
            # Korea to a Portuguese charity through a bus crash in northern Peru): checked again
            folded.extend(self.split(alike) if len(alike.rows) < len(s.rows) else [alike])
            pair = self.shed_pair(s, alike)
            if pair is not None:
                folded.append(pair)
        kept = [(s, em) for s, em in ((s, self.shown(s)) for s in folded) if em is not None]
        kept.sort(key=lambda se: -se[1].score)
        kept = self.shown_once(self.described_angles(_one_story_one_topic(kept)))
        out: list[Topic] = []
        taken: set[str] = set()
        above: set[str] = set()
        for s, em in kept[:MAX_TOPICS]:  # best first: a keyword leading a better topic is its own
            out.append(self.make_topic(s, em, frozenset(taken), frozenset(above)))
            leading = out[-1].keywords[:TAKEN_KEYWORDS]
            taken.update(vocab[t] for t in s.terms[: bursts.LEAD_TERMS])
            taken.update(" ".join(terms(k, None, ngram_max=1)) for k in leading)
            # its names ("Mahsa", "Amini", "Iran"), but not one every week names ("France", "Macron"
            # in a French paper) unless it bursts this week
            written = [w for k in leading for w in k.split() if w[:1].isupper()]
            capitals = {t for w in written for t in terms(w, None, ngram_max=1)}
            news = [w for w in capitals if any(vocab[j] == w and binding[j] for j in self.word_columns({w}))]
            above.update(text.stem(w) for w in news)
        out.sort(key=lambda t: (-t.score, t.topic_id))
        seen: Counter[str] = Counter()
        for t in out:  # two topics of one week sharing their core terms: the lesser gets a suffix
            seen[t.topic_id] += 1
            if seen[t.topic_id] > 1:
                t.topic_id = f"{t.topic_id}-{seen[t.topic_id]}"
        return out

    def described_angles(
        self, kept: list[tuple[bursts.Seeded, Emergence]]
    ) -> list[tuple[bursts.Seeded, Emergence]]:
        """``kept`` (best first) with a topic that a better one already describes folded into it:
        its seed is among the better topic's keyword candidates and its leading words are all
        words of those. Charles III's proclamation ("charles iii", "roi") is a turn of the Queen's
        death, whose keywords name "Charles III" and "roi"; the war's "russie ukraine" topic is not
        the power cuts', whose candidates hold "russie" and "ukraine" but not the phrase."""
        vocab = self.win.vocabulary
        out: list[tuple[bursts.Seeded, Emergence]] = []
        said: list[tuple[set[str], set[str]]] = []  # per describing topic: its terms and their words
        for s, em in kept:
            lead = _words({vocab[t] for t in s.terms[: bursts.LEAD_TERMS]})
            seed = vocab[s.terms[0]]
            host = next((k for k, (known, words) in enumerate(said) if seed in known and lead <= words), None)
            if host is not None:
                b, _ = out[host]
                joined = b.terms + [t for t in s.terms if t not in b.terms]
                merged = bursts.Seeded(joined, np.union1d(b.rows, s.rows), b.past_scale)
                out[host] = (merged, self.emergence(merged))
                continue
            out.append((s, em))
            if len(said) < DESCRIBING_TOPICS:  # the topics a digest shows, and a margin
                candidates = self.distinctive_terms(self.win.matrix[s.rows], 3 * KEYWORDS)
                known = {vocab[t] for t in s.terms[:2]} | set(candidates)
                said.append((known, _words(known)))
        out.sort(key=lambda se: -se[1].score)
        return out

    def shown_once(
        self, kept: list[tuple[bursts.Seeded, Emergence]]
    ) -> list[tuple[bursts.Seeded, Emergence]]:
        """``kept`` (best first) with a story two topics hold under the better one only, the lesser
        judged again without it: a reader meets one story once ("La Grèce, touchée par une vague de
        chaleur, combat plusieurs feux de forêt" was listed under the fires and the heat). A topic
        counts its own stories (``min_articles``, or a pair that is news in a thin week): Carlos
        Tavares's pay had two pieces and a third Le Monde filed under the election, and W16's
        "Eglise" topic two pieces on the Orthodox Church and one on the Catholic Church's silence in
        the campaign; "Trump diz que tem um botão nuclear" made Trump's disaster declaration for
        California a pair beside the Korean topic that lists it. A topic with enough stories of its
        own that would not stand on them alone keeps the shared ones."""
        seen: set[int] = set()
        out: list[tuple[bursts.Seeded, Emergence]] = []
        for s, em in kept:
            rows = s.rows[~np.isin(s.rows, list(seen))]
            if len(rows) < min(2, len(s.rows)):
                continue
            if 0 < len(rows) < len(s.rows):
                alone = bursts.Seeded(s.terms, rows, s.past_scale)
                if not self.enough(alone):
                    continue
                shown = self.shown(alone)
                if shown is not None:
                    s, em = alone, shown
            seen.update(s.rows.tolist())
            out.append((s, em))
        out.sort(key=lambda se: -se[1].score)
        return out

    def weekly_counts(self, topic: bursts.Seeded, *, similar: bool = True) -> list[float]:
        """Stories per week: this week the topic's own; in the baseline weeks, the stories that would
        have belonged to it: carrying one of its leading terms or two of its terms, or (``similar``)
        as close to the centre of its stories as half of them are."""
        lead = np.asarray(self.binary_csc[:, topic.terms[: bursts.LEAD_TERMS]].sum(axis=1)).ravel() > 0
        members = self.distinct(topic.terms[: bursts.MEMBER_TERMS])
        terms_carried = np.asarray(self.binary_csc[:, members].sum(axis=1)).ravel()
        carrying = lead | (terms_carried >= 2)
        past = np.bincount(self.weeks[carrying], minlength=len(self.win.weeks)).astype(np.float64)
        if similar and len(self.past_rows):
            members = self.win.matrix[topic.rows]
            total = np.asarray(members.sum(axis=0)).ravel()
            norm = float(np.linalg.norm(total))
            if norm and len(topic.rows) > 1:
                dots = np.asarray(members @ total).ravel()  # each story against the others' sum:
                others = np.sqrt(np.maximum(norm**2 - 2 * dots + 1, 1e-12))  # (leave-one-out cosine)
                cut = float(np.quantile((dots - 1) / others, MEMBER_QUANTILE))
                near = np.asarray(self.past_matrix @ (total / norm)).ravel() >= max(cut, 1e-6)
                near &= ~carrying[self.past_rows]
                past += np.bincount(self.weeks[self.past_rows[near]], minlength=len(self.win.weeks))
        counts = [float(c) * topic.past_scale for c in past[:-1]]
        return counts + [float(len(topic.rows))]

    def shed_pair(self, topic: bursts.Seeded, kept: bursts.Seeded) -> bursts.Seeded | None:
        """In a thin week, the stories ``topic`` lost to the members check that share one of its
        phrases, as a pair of their own (see :meth:`named_pair`): two North Korea stories tied by
        "Norte" to a charity's are still a story ("Coreia do Norte"). None otherwise."""
        if self.totals[-1] >= THIN_WEEK_STORIES:
            return None
        rows = np.setdiff1d(topic.rows, kept.rows)
        for t in topic.terms:
            if " " not in self.win.vocabulary[t]:
                continue
            held = rows[np.asarray(self.binary_csc[rows, t].todense()).ravel() > 0]
            if len(held) >= THIN_MIN_ARTICLES:
                on_all = [u for u in topic.terms if int(self.binary_csc[held, u].sum()) == len(held)]
                pair = bursts.Seeded([t, *(u for u in on_all if u != t)], held,
                                     topic.past_scale * len(held) / len(topic.rows))  # fmt: skip
                return pair if self.named_pair(pair) else None
        return None

    def members(self, topic: bursts.Seeded) -> bursts.Seeded:
        """``topic`` without the stories unlike it (see :func:`bursts.alike_members`)."""
        count = self.carried_count(topic.rows, topic.terms[: bursts.MEMBER_TERMS])
        return bursts.alike_members(
            topic,
            self.win.matrix,
            count,
            [names.lang_code(self.win.stories[i].language) for i in topic.rows],
            self.lone_term_words(topic, count),
        )

    def lone_term_words(self, topic: bursts.Seeded, count: np.ndarray) -> list[np.ndarray | None]:
        """Per story of ``topic``: when it carries one of the topic's terms only (``count``, from
        :meth:`carried_count`), the columns of the topic's words, else None. The term that brought
        a story in is no evidence that the story resembles the others: it must share something else
        with them ("Estados Unidos" brought a Mormon leader's death into two pieces on Trump, "60
        segundos" a football preview into the week's tax tables). Not for a term bursting far
        beyond chance (``SIGNIFICANT_BURST``): a hundred "Guerre en Ukraine : …" headlines are that
        story whatever their other words."""
        vocab = self.win.vocabulary
        terms = topic.terms[: bursts.MEMBER_TERMS]
        has = np.asarray(self.binary[topic.rows][:, terms].todense()) > 0
        own = self.word_columns({w for t in terms for w in vocab[t].split(" ")})
        return [
            None if count[k] != 1 or any(self.significant(terms[j]) for j in np.flatnonzero(has[k])) else own
            for k in range(len(topic.rows))
        ]

    def significant(self, term: int) -> bool:
        """A term that is no everyday word and bursts beyond what chance explains."""
        return self.has_baseline and not self.everyday(term) and self.burst[term] >= bursts.SIGNIFICANT_BURST

    def carried_count(self, rows: np.ndarray, terms: list[int]) -> np.ndarray:
        """Per story of ``rows``, how many of ``terms`` it carries, a word counting once with a
        phrase holding it that the story also carries, and with its other number ("bakuchiol" and
        "retinol" are two; "présidentielle" and "présidentielle 2022" one, "forêt" and "forêts" one:
        a piece on a forest in Glastonbury is no second tie to the Gironde fires). A word's other
        number is not the term ("populaires" in a piece on Uber is not the Nupes' "populaire")."""
        vocab = self.win.vocabulary
        has = np.asarray(self.binary[rows][:, terms].todense()) > 0  # rows × terms
        has &= has.sum(axis=0) >= min(2, len(rows))  # a term no other story of them carries is no tie
        inside = np.array(
            [[" " not in vocab[t] and (vocab[t] in vocab[p].split(" ") if " " in vocab[p]
                                       else k > j and text.one_word(vocab[t], vocab[p]))
              for j, p in enumerate(terms)]
             for k, t in enumerate(terms)],
            dtype=bool,
        )  # fmt: skip
        covered = has & ((has.astype(np.int32) @ inside.T.astype(np.int32)) > 0)
        return has.sum(axis=1) - covered.sum(axis=1)

    def number_forms(self, term: int) -> list[int]:
        """``term`` and, for a single word, the column of its other number ("assurance",
        "assurances"), when the window has it."""
        vocab = self.win.vocabulary
        word = vocab[term]
        if " " in word:
            return [term]
        others = {o for o in (word + "s", word + "x", word[:-1]) if text.one_word(word, o)}
        return [term] + [int(j) for j in self.word_columns(others) if vocab[j] in others]

    def distinct(self, terms: list[int]) -> list[int]:
        """``terms`` without the words of a phrase also listed: a story carrying "présidentielle 2022"
        carries "présidentielle" too, which is one piece of evidence, not two."""
        vocab = self.win.vocabulary
        inside = {w for t in terms if " " in vocab[t] for w in vocab[t].split(" ")}
        return [t for t in terms if " " in vocab[t] or vocab[t] not in inside]

    def emergence(self, topic: bursts.Seeded, *, similar: bool = True) -> Emergence:
        counts = self.weekly_counts(topic, similar=similar)
        sources: Counter[str] = Counter()
        for i in topic.rows:
            sources.update(self.win.stories[i].sources)
        totals = [int(n) for n in self.totals]
        return emergence(int(counts[-1]), counts[:-1], totals[:-1], totals[-1], sources, self.active)

    def shown(self, seeded: bursts.Seeded) -> Emergence | None:
        """The emergence of a topic worth showing; None when too small, too narrow or not growing."""
        sources = {s for i in seeded.rows for s in self.win.stories[i].sources}
        if len(sources) < self.est.min_sources:
            return None
        if not self.enough(seeded):
            return None
        if len(seeded.rows) >= self.est.min_articles and not self.shares_a_name(seeded):
            return None  # (a pair in a thin week is judged by its own rule)
        em = self.emergence(seeded)
        if self.has_baseline and (em.deviance <= 0 or em.score < self.est.min_score):
            return None  # not growing, or growth within noise
        return em

    def shares_a_name(self, seeded: bursts.Seeded) -> bool:
        """Do two of its stories write one name or phrase (see :meth:`name_or_phrase`)? Stories
        sharing only plain words share a theme, not a story: a review of Aharon Appelfeld's novel
        and two op-eds on Christianity ("chrétienne", "prêtre", "foi"); "le maître mot", "le fin
        mot de l'histoire" and "le mot laïcité"."""
        sub = self.binary[seeded.rows]
        columns, stories = np.unique(sub.indices, return_counts=True)
        return bool(self.name_or_phrase()[columns[stories >= 2]].any())

    def enough(self, seeded: bursts.Seeded) -> bool:
        """``min_articles`` stories, or a pair that is news in a thin week (see :meth:`named_pair`)."""
        return len(seeded.rows) >= self.est.min_articles or self.named_pair(seeded)

    def named_pair(self, seeded: bursts.Seeded) -> bool:
        """In a thin week (a small sector, a sampled paper: ~35 stories), two stories are as much
        evidence as several in a full week, but only when they share a name that is news: two words
        that burst this week and are not everyday words, alone or in a phrase ("Incendies en
        Gironde", "Giorgia Meloni"), never one common word ("jeunesse", "procès") nor a phrase of one
        ("let them know"). In a young store, where every word is new, a single word must be written
        as a name by the two stories themselves, and a phrase must hold such a name: the week's
        "Premier League" made "league" a name, and the Guardian's NFL and NBA pieces ("the league")
        a pair with "Philadelphia"; "Oscar" and "film director" paired a piece on the best directors
        of all time with one on Michael Haneke's next series. Plain words without a name count only
        when both headlines say them ("laissé" and "engagé" in two summaries paired a writer's
        obituary with a film review)."""
        if len(seeded.rows) < THIN_MIN_ARTICLES or self.totals[-1] >= THIN_WEEK_STORIES:
            return False
        shared = np.flatnonzero(np.asarray(self.binary[seeded.rows].min(axis=0).todense()).ravel() > 0)
        telling = self.name_or_phrase() if self.young else np.ones(len(self.win.vocabulary), dtype=bool)
        vocab, stories = self.win.vocabulary, self.win.stories
        own = names.name_words([x for i in seeded.rows for x in (stories[i].title, stories[i].summary) if x])
        named = [
            t for t in shared.tolist()
            if any(w in own or any(c.isdigit() for c in w) for w in vocab[t].split(" "))
        ]  # fmt: skip
        kept = [
            t for t in shared.tolist()
            if self.burst[t] > 0 and not self.everyday(t) and telling[t] and (not self.young or t in named)
        ]  # fmt: skip
        words = {word for t in kept for word in vocab[t].split(" ") if not word.isdigit()}
        if len(words) < 2:
            return False
        headlines = [set(terms(stories[i].title, stories[i].language, ngram_max=1)) for i in seeded.rows]
        return bool(set(kept) & set(named) or words.intersection(*headlines))

    def make_topic(
        self,
        seeded: bursts.Seeded,
        em: Emergence,
        taken: frozenset[str] = frozenset(),
        names_above: frozenset[str] = frozenset(),
    ) -> Topic:
        """The topic shown for a seeded story: its evidence, scores and names. ``taken``: the
        leading terms and keywords of the better topics of the week; ``names_above``: the light
        stems of the names among them."""
        est, win, vocab = self.est, self.win, self.win.vocabulary
        rows = [int(i) for i in seeded.rows]
        stories = win.stories
        sources = sorted({s for i in rows for s in stories[i].sources})
        vectors = win.matrix[rows]
        centre = np.asarray(vectors.sum(axis=0)).ravel()
        closeness = np.asarray(vectors @ centre).ravel()
        ranked = [rows[j] for j in np.argsort(-closeness, kind="stable")]
        central = ranked[:NAMING_STORIES]
        forms = surface_forms(
            [(f"{stories[i].title}. {stories[i].summary}", stories[i].language) for i in central]
        )
        sentence_case = [i for i in central if not names.title_case(stories[i].title)]
        people = names.entities(  # a Title Case headline's capitals name nothing
            [(stories[i].title, stories[i].language) for i in sentence_case]
            + [(stories[i].summary, stories[i].language) for i in central if stories[i].summary]
        )
        ranked_terms = self.distinctive_terms(vectors, 3 * KEYWORDS)
        seed_terms = [vocab[t] for t in seeded.terms]
        keywords = names.distinct_keywords(
            list(dict.fromkeys(seed_terms[:2] + ranked_terms)), forms, people, KEYWORDS, taken
        )
        lead = {w for t in seed_terms[:3] + ranked_terms[:LEAD_KEYWORDS] for w in t.split(" ")}
        # a headline naming a better topic of the week ("A l'ONU, le président iranien se montre
        # accusateur", under the Iranian protests) is no label and is listed after the topic's own:
        # the first headlines a reader meets tell this story apart from the ones above it
        above = names_above - {text.stem(w) for w in lead}
        elsewhere = {i for i in ranked if _names_any(stories[i], above)}
        candidates = ranked[:LABEL_CANDIDATES]
        pool = [i for i in candidates if i not in elsewhere] or candidates
        label, source = names.choose_label(
            [(stories[i].title, stories[i].language) for i in pool], lead, est.language
        )
        ranked = [i for i in ranked if i not in elsewhere] + [i for i in ranked if i in elsewhere]
        if source >= 0:  # the article the label comes from is the first evidence shown
            ranked.remove(pool[source])
            ranked.insert(0, pool[source])
        titles = [(stories[i].title, stories[i].language) for i in ranked]
        seed = seeded.terms[0]
        # the subject holds the story's own bursting terms, not a side phrase its titles repeat
        # ("ce qu'en disent les dermatologues" is how bakuchiol pieces end, not what they are about)
        core = {w for t in seed_terms[:3] + ranked_terms[:2] for w in t.split(" ")}
        phrase = names.key_phrase(
            titles[:PHRASE_TITLES],
            core,
            forms.get(vocab[seed], vocab[seed]),
            # without a comparable past no word is known not to be everyday: "league" named a
            # young store's sports week, and its ideas read "£95 m price tag: League"
            self.everyday(seed) or not self.has_baseline,
        )
        languages = Counter(stories[i].language for i in rows if stories[i].language)
        status = "new" if em.baseline_mean < 0.5 else ("emerging" if em.ratio >= 2 else "growing")
        shown = self.weekly_counts(seeded)
        return Topic(
            topic_id=_topic_id(_core_words(stories, rows, CORE_WORDS)),
            label=label or (keywords[0] if keywords else "untitled"),
            keywords=keywords,
            score=round(em.score if self.has_baseline else math.sqrt(len(rows)) * em.breadth, 4),
            n_articles=len(rows),
            n_sources=len(sources),
            baseline_mean=round(em.baseline_mean / win.sample_rate, 2),
            weekly_counts=[
                (w, round(c / win.sample_rate) if k < len(shown) - 1 else int(c))
                for k, (w, c) in enumerate(zip(win.weeks, shown, strict=True))
            ],
            articles=[_article(stories[i]) for i in ranked[:ARTICLES]],
            entry_ids=[e for i in ranked for e in stories[i].entry_ids],
            language=languages.most_common(1)[0][0] if languages else None,
            status=status if self.has_baseline else "new",
            key_phrase=phrase,
            entities=people,
        )

    def distinctive_terms(self, vectors: Any, n: int) -> list[str]:
        """Terms that set these stories apart from the window (class-based TF-IDF), best first."""
        weight = np.asarray(vectors.sum(axis=0)).ravel()
        presence = np.asarray((vectors > 0).sum(axis=0)).ravel()
        shared = presence >= min(2, vectors.shape[0])
        score = weight * np.log1p(1.0 / np.maximum(self.background, 1e-9)) * shared
        return [self.win.vocabulary[j] for j in _top(score, n) if score[j] > 0]


def _one_story_one_topic(
    kept: list[tuple[bursts.Seeded, Emergence]],
) -> list[tuple[bursts.Seeded, Emergence]]:
    """``kept`` (best first) without a topic that has a good share of its stories in a better one
    (``ABSORB_SHARE`` and at least two, as when folding): a story can seed two topics ("Moscou nie
    toute implication" listed three of the grain deal's four stories again under its own name, "La
    France va être touchée par une vague de chaleur précoce" two of the heatwave's five)."""
    out: list[tuple[bursts.Seeded, Emergence]] = []
    for s, em in kept:
        rows = set(s.rows.tolist())
        need = max(2.0, bursts.ABSORB_SHARE * len(rows))  # one story in common tells nothing
        if not any(len(rows & set(b.rows.tolist())) >= need for b, _ in out):
            out.append((s, em))
    return out


def _top(score: np.ndarray, n: int) -> np.ndarray:
    """The indices of the ``n`` highest scores, best first, ties by index: what a stable sort of
    the whole array gives, without sorting a vocabulary of a million terms for ten of them."""
    if n >= len(score):
        return np.argsort(-score, kind="stable")
    threshold = -np.partition(-score, n - 1)[n - 1]
    above = np.flatnonzero(score > threshold)
    tied = np.flatnonzero(score == threshold)[: n - len(above)]
    chosen = np.concatenate([above, tied])
    return chosen[np.lexsort((chosen, -score[chosen]))]


def _words(terms_: set[str]) -> set[str]:
    """The single words of some terms (phrases split)."""
    return {w for t in terms_ for w in t.split(" ")}


def _names_any(story: Story, stems: frozenset[str]) -> bool:
    """Does ``story``'s headline hold a word of one of these light ``stems``?"""
    return bool(stems) and any(text.stem(w) in stems for w in terms(story.title, story.language, ngram_max=1))


def _core_words(stories: list[Story], rows: list[int], n: int) -> list[str]:
    """The single words most of a topic's titles share (ties alphabetically): its id's source."""
    df: Counter[str] = Counter()
    for i in rows:
        df.update({t for t in terms(stories[i].title, stories[i].language, ngram_max=1)})
    return [w for w, _ in sorted(df.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]


def _topic_id(words: list[str]) -> str:
    """Stable id from a topic's core terms: the same terms, the same id (links week to week)."""
    return hashlib.sha1(" ".join(sorted(words)).encode("utf-8")).hexdigest()[:12]


def _article(story: Story) -> Article:
    return Article(
        entry_id=story.entry_ids[0],
        title=story.title,
        url=story.url,
        published=story.published,
        source=story.source,
        sources=list(story.sources),
        summary=story.summary,
    )


__all__ = ["EmergingTopics"]
