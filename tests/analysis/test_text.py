"""Tokenising: accents folded, elisions cut, stop words and URLs dropped, digit words and phrases kept."""

from __future__ import annotations

from trendwatch.analysis.text import (
    fold,
    normalized_title,
    stop_words,
    surface_forms,
    terms,
    words_with_surface,
)


def test_fold_strips_accents_and_ligatures() -> None:
    assert fold("Élysée, ŒUVRE, Noël") == "elysee, oeuvre, noel"


def test_french_elisions_and_stop_words() -> None:
    got = terms("L’invasion de l'Ukraine : qu’en pense d’abord l’Élysée ?", "fr")
    assert "invasion" in got and "ukraine" in got and "elysee" in got
    assert not {"l", "de", "qu", "en", "d"} & set(got)
    assert not any("'" in t for t in got)


def test_urls_are_dropped_and_bare_numbers_live_only_inside_phrases() -> None:
    got = terms("Bourse 2022 record https://example.org/x?id=3 www.foo.fr tempête", "fr")
    assert got == ["bourse", "record", "bourse 2022", "2022 record", "tempete"]


def test_words_with_digits_are_kept_whole() -> None:
    got = terms("COP27 : le G7 et la 5G, Covid-19 et l'A320 ; l'iPhone 16 sort", "fr")
    assert {"cop27", "g7", "5g", "covid-19", "a320", "iphone 16"} <= set(got)
    assert "16" not in got  # a bare number is not a term alone
    assert surface_forms([("L'iPhone 16 sort", "fr")])["iphone 16"] == "iPhone 16"


def test_a_live_blogs_time_stamps_are_no_terms_and_no_names() -> None:
    """"8.13pm GMT 13 min: …", "12pm": a live blog's stamps made "GMT" and "12pm" a topic's first
    keywords and tied every live blog of a day together."""
    from trendwatch.analysis.names import entities

    stamp = "Latest updates from the 8pm kick-off at Wembley. 8.13pm GMT: Spurs lead. G7 summit at 12pm"
    got = terms(stamp, "en")
    assert {"kick-off wembley", "g7", "wembley", "spurs"} <= set(got)
    assert not [t for t in got if "pm" in t.split() or "gmt" in t or "8pm" in t or "12pm" in t], got
    assert [w[0] for _, clause in words_with_surface(stamp, "en") for w in clause if "pm" in w[0]] == []
    assert entities([(stamp, "en"), (stamp, "en")]) == ["G7", "Wembley"]
    assert "20h30" not in terms("Le match à 20h30 au Stade de France", "fr")


def test_phrases_skip_stop_words_but_not_clause_breaks() -> None:
    got = terms("La Coupe du monde commence. Football ailleurs", "fr")
    assert "coupe monde" in got
    assert "monde football" not in got  # a sentence ends between them


def test_english_stop_words_and_possessive() -> None:
    got = terms("The Queen's funeral: what we know about the ceremony", "en")
    assert got[:2] == ["queen", "funeral"]
    assert "the" not in got and "about" not in got


def test_unknown_language_uses_every_shipped_list() -> None:
    assert {"the", "les", "avec", "about"} <= stop_words(None)
    assert "les" not in stop_words("en")


def test_terms_and_surface_words_agree() -> None:
    text = "L’Ukraine et la Russie : négociations à Minsk, 3 jours"
    folded = [w[0] for _, clause in words_with_surface(text, "fr") for w in clause if not w[0].isdigit()]
    assert [t for t in terms(text, "fr") if " " not in t] == folded


def test_surface_forms_keep_accents_case_and_inner_stop_words() -> None:
    forms = surface_forms(
        [("Coupe du monde au Qatar", "fr"), ("la coupe du monde", "fr"), ("la coupe du monde", "fr")]
    )
    assert forms["coupe monde"] == "coupe du monde"
    assert forms["qatar"] == "Qatar"
    assert surface_forms([("L’Élysée répond", "fr")])["elysee"] == "Élysée"


def test_normalized_title_ignores_case_accents_and_punctuation() -> None:
    assert normalized_title("Guerre en Ukraine : l’ONU réagit") == normalized_title(
        "guerre en ukraine - l'ONU reagit !"
    )


def test_german_and_spanish_lists_apply_only_to_their_language() -> None:
    got = terms("Der Krieg in der Ukraine und die Folgen", "de")
    assert got == ["krieg", "ukraine", "folgen", "krieg ukraine", "ukraine folgen"]
    assert "guerra" in terms("La guerra en Ucrania según los expertos", "es-ES")
    assert "war" in terms("The war in Ukraine", None)  # the German list is not used for unknown text


def test_a_label_cut_from_mid_headline_starts_with_a_capital() -> None:
    from trendwatch.analysis.names import shorten

    title = ("Dans le Cantal, une randonneuse de 25 ans tuée par un tir de chasse lors d'une battue au "
             "sanglier organisée ce week-end près d'Aurillac")
    assert shorten(title, {"cantal", "chasse", "randonneuse"}).startswith("Une randonneuse")
    assert shorten("iPhone 16 launch", {"iphone"}) == "iPhone 16 launch"


def test_a_label_keeps_the_subject_its_clause_continues() -> None:
    from trendwatch.analysis.names import shorten

    benin = ("Résultats des législatives 2022 : la secrétaire d’Etat Justine Benin, battue en "
             "Guadeloupe, devra démissionner du gouvernement")
    assert shorten(benin, {"demissionner", "gouvernement"}) == (
        "Résultats des législatives 2022 : la secrétaire d’Etat Justine Benin")
    minister = ("Chrysoula Zacharopoulou, secrétaire d’Etat et gynécologue, visée par une troisième "
                "plainte ; des accusations « inacceptables et révoltantes », selon elle")
    assert shorten(minister, {"secretaire", "gynecologue"}) == (
        "Chrysoula Zacharopoulou, secrétaire d’Etat et gynécologue")
    own_subject = ("Pour Emmanuel Macron, la nécessité de « bâtir des compromis » en France est "
                   "« affreusement banale au niveau européen »")
    assert shorten(own_subject, {"compromis"}).startswith("La nécessité de « bâtir des compromis »")


def test_a_label_whose_clause_refers_back_keeps_the_name_it_refers_to() -> None:
    """"Sa rémunération estimée à 66 millions d'euros choque": whose? The headline's name comes
    first. English headlines are cut at their colon too ("deals go through: transfer deadline day")."""
    from trendwatch.analysis.names import shorten

    pay = ("Carlos Tavares, directeur général de Stellantis : sa rémunération estimée à 66 millions "
           "d’euros choque")  # fmt: skip
    assert shorten(pay, {"remuneration", "millions"}) == (
        "Carlos Tavares : sa rémunération estimée à 66 millions d’euros choque")
    guardian = ("Moura joins Spurs; Giroud, Batshuayi, Aubameyang deals go through: transfer deadline "
                "day – live!")  # fmt: skip
    assert shorten(guardian, {"transfer", "deadline"}) == "Transfer deadline day"


def test_a_label_is_never_only_where_the_story_happens() -> None:
    """"En Afrique du Sud, inondations historiques…" was labelled "En Afrique du Sud": the frame
    before the comma says where, the clause after it what. The frame stays when both fit, or when
    the clause names no one ("le recul de la forêt amazonienne": in Bolsonaro's Brazil)."""
    from trendwatch.analysis.names import shorten

    floods = "En Afrique du Sud, inondations historiques et dévastation dans la région de Durban"
    assert shorten(floods, {"afrique", "sud", "durban"}) == (
        "Inondations historiques et dévastation dans la région de Durban")
    lockdown = ("A Shanghaï, le ras-le-bol de la population à l’égard du strict confinement, qui "
                "dure depuis trois semaines")  # fmt: skip
    assert shorten(lockdown, {"shanghai", "confinement"}) == (
        "A Shanghaï, le ras-le-bol de la population à l’égard du strict confinement")
    amazon = "Au Brésil de Jair Bolsonaro, le recul de la forêt amazonienne en cartes"
    assert shorten(amazon, {"bresil", "bolsonaro"}) == (
        "Au Brésil de Jair Bolsonaro, le recul de la forêt amazonienne…")
    assert shorten("In a sense, the most remarkable thing about the new budget is what it leaves out "
                   "entirely", {"sense"}).startswith("In a sense"), "no place named: not a frame"


def test_a_label_leaves_its_quotation_marks_paired() -> None:
    from trendwatch.analysis.names import shorten

    quote = "« Comme son père, Mahamat Idriss Déby dirige le Tchad d’une main de fer »"
    assert shorten(quote, {"tchad"}) == "« Mahamat Idriss Déby dirige le Tchad d’une main de fer »"
    cut = ("Présidentielle 2022 : « Les jeunes ruraux ne se sentent pas représentés, ni dans leurs "
           "préoccupations ni par quelqu’un qui leur ressemble »")
    label = shorten(cut, {"ruraux"})
    assert label.endswith("… »") and len(label.split()) <= 12, "the closing mark is a word too"


def test_a_cut_label_ends_on_a_word_that_says_something() -> None:
    """"Coreia do Norte anuncia reabertura de canal de comunicação com vizinho do…": a label cut
    at twelve words ends on its last word that is not a short function word, never on a negation
    dropped ("ne se sentent pas…" keeps "pas")."""
    from trendwatch.analysis.names import shorten

    korea = "Coreia do Norte anuncia reabertura de canal de comunicação com vizinho do Sul, diz Seul"
    assert shorten(korea, {"coreia"}) == (
        "Coreia do Norte anuncia reabertura de canal de comunicação com vizinho…"
    )
    shooting = ("New York : la police recherche toujours le tireur qui a fait dix blessés par balle "
                "dans le métro")  # fmt: skip
    assert shorten(shooting, {"police", "tireur"}) == "New York : la police recherche toujours le tireur…"
    assert "pas…" in shorten("Présidentielle 2022 : « Les jeunes ruraux ne se sentent pas représentés, ni "
                             "dans leurs préoccupations »", {"ruraux"})  # fmt: skip
    art = "Gérard Garouste : « L’art, c’est fondamental pour un enfant. Ça le construit, ça le structure »"
    assert shorten(art, {"art"}) == "Gérard Garouste : « L’art, c’est fondamental pour un enfant »"
    dangling = "Pour lui, la nécessité de « bâtir des compromis » en France est « affreusement banale »"
    assert shorten(dangling, {"compromis"}).endswith("est…")


def test_entities_leave_out_the_possessive() -> None:
    from trendwatch.analysis.names import entities

    texts = [("Donald Trump’s first address", "en"), ("A night Donald Trump loves", "en"),
             ("Critics of Donald Trump's speech", "en")]  # fmt: skip
    assert entities(texts) == ["Donald Trump"]


def test_title_case_headlines_name_nothing() -> None:
    from trendwatch.analysis.names import name_words

    titles = ["How The Eagles Became The League's Wokest Team", "Tariffs Hit The Steel Industry",
              "Pundits Say Tariffs Will Stay", "Steel prices rise after Tariffs set by Biden"]  # fmt: skip
    assert name_words(titles) == {"biden", "tariffs"}


def test_one_word_in_the_singular_and_the_plural() -> None:
    from trendwatch.analysis.text import one_word

    assert one_word("foret", "forets") and one_word("feux", "feu") and one_word("incendie", "incendies")
    assert not one_word("pari", "parti") and not one_word("bu", "bus") and not one_word("euro", "europe")


def test_english_auxiliaries_are_no_terms() -> None:
    """"did" was a keyword of the Guardian's State of the Union ("So, how did conservatives like
    the State of the Union?"): scikit-learn's list lacks it."""
    got = terms("So, how did conservatives like it? What does Trump say, having spoken", "en", ngram_max=1)
    assert not {"did", "does", "having"} & set(got), got


def test_keywords_keep_a_name_or_phrase_whole_not_its_words_apart() -> None:
    """"Contamination, Verdelys, colère, complaints, media, social…": the words of "social media"
    were picked one by one before the phrase came. A phrase whose words were all picked alone
    takes their place when the articles write them side by side ("Yvan Colonna"); one written
    with a word between them ("Macron et Marine") does not."""
    from trendwatch.analysis.names import distinct_keywords

    forms = {"social media": "social media", "yvan": "Yvan", "colonna": "Colonna",
             "yvan colonna": "Yvan Colonna", "macron marine": "Macron et Marine"}  # fmt: skip
    assert distinct_keywords(["media", "anger", "social", "social media"], forms, [], 10) == [
        "social media", "anger"]  # fmt: skip
    assert distinct_keywords(["colonna", "yvan", "corse", "yvan colonna"], forms, [], 10) == [
        "Yvan Colonna", "corse"]  # fmt: skip
    assert distinct_keywords(["macron", "marine", "macron marine"], forms, [], 10) == ["macron", "marine"]


def test_a_compound_of_names_is_a_name_even_opening_a_headline() -> None:
    """"Arménie-Azerbaïdjan : cessez-le-feu…": the headline's first word is capitalised whatever it
    is, but the capital after the hyphen says it is a name; "Cessez-le-feu" is none."""
    from trendwatch.analysis.names import name_words

    found = name_words(["Arménie-Azerbaïdjan : affrontements meurtriers", "Cessez-le-feu respecté à Bakou"])
    assert "armenie-azerbaidjan" in found and "bakou" in found
    assert "cessez-le-feu" not in found


def test_a_frame_after_a_rubric_gives_way_like_any_other() -> None:
    """"Enquête : au Mali et ailleurs, des enfants « volés »…" was labelled "Enquête : au Mali et
    ailleurs"."""
    from trendwatch.analysis.names import shorten

    mali = "Enquête : au Mali et ailleurs, des enfants « volés » pour être adoptés en France"
    assert shorten(mali, {"mali", "enfants"}) == "Enquête : des enfants « volés » pour être adoptés en France"


def test_keywords_leave_out_the_forms_of_common_verbs() -> None:
    """"Mots-clés : Bakuchiol serums, rétinol, dermatologues, disent, plant-based, essayer": "disent"
    (of "ce qu'en disent les dermatologues") and "essayer" say nothing of the story. Only the
    keyword list leaves them out: the detection's terms keep them."""
    from trendwatch.analysis.names import distinct_keywords

    ranked = ["bakuchiol serums", "retinol", "dermatologues", "disent", "plant-based", "essayer", "formules"]
    got = distinct_keywords(ranked, {}, [], 10)
    assert got == ["bakuchiol serums", "retinol", "dermatologues", "plant-based", "formules"]
    assert "disent" in terms("ce qu'en disent les dermatologues", "fr")
