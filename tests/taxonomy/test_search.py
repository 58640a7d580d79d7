"""The pure label search: typos, word order, compounds, languages."""

from banenbrug.taxonomy.search import ALTERNATIVE, HIDDEN, PREFERRED, Label, LabelIndex, normalise

LABELS = [
    Label(1, "electrician", "en", PREFERRED), Label(1, "elektricien", "nl", PREFERRED),
    Label(1, "wireman", "en", ALTERNATIVE),
    Label(2, "solar panel installer", "en", PREFERRED),
    Label(2, "monteur zonnepanelen", "nl", PREFERRED),
    Label(3, "software developer", "en", PREFERRED),
    Label(3, "softwareontwikkelaar", "nl", PREFERRED),
    Label(4, "data analyst", "en", PREFERRED), Label(4, "data-analist", "nl", PREFERRED),
    Label(5, "electrical engineer", "en", PREFERRED),
    Label(5, "ingenieur elektrotechniek", "nl", PREFERRED),
    Label(6, "baker", "en", PREFERRED), Label(6, "bakker", "nl", PREFERRED),
    Label(6, "bread maker", "en", HIDDEN),
]
INDEX = LabelIndex(LABELS)


def top(query: str, lang: str = "nl") -> int:
    return INDEX.search(query, lang=lang, limit=3)[0].concept


def test_exact_labels_in_both_languages():
    assert top("elektricien") == 1
    assert top("electrician", "en") == 1
    assert top("bakker") == 6


def test_typos_word_order_compounds_and_punctuation():
    assert top("electricain") == 1
    assert top("zonnepanelen monteur") == 2
    assert top("software ontwikkelaar") == 3
    assert top("data analist") == 4
    assert top("ELEKTRICIËN!") == 1


def test_scores_are_ordered_and_bounded_and_concepts_unique():
    hits = INDEX.search("elektr", limit=10)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert all(0 <= h.score <= 1 for h in hits)
    assert len({h.concept for h in hits}) == len(hits)


def test_the_matched_label_is_reported():
    assert INDEX.search("wireman", lang="en", limit=1)[0].label == "wireman"


def test_nothing_resembling_gives_no_hits():
    assert INDEX.search("") == []
    assert INDEX.search("qqqq zzzz") == []


def test_normalise_folds_case_accents_and_punctuation():
    assert normalise("Data-Analist (m/v)") == "data analist m v"
    assert normalise("Elektriciën") == "elektricien"


def test_informal_words_are_spelled_out_as_esco_writes_them() -> None:
    from banenbrug.taxonomy.informal import expand

    assert expand("CV-monteur") == "centrale verwarming monteur"
    assert expand("VIG'er") == "verzorgende ig"
    assert expand("netbeheerder Utrecht") == "monteur elektriciteitsnetten utrecht"
    assert expand("cvs") is None  # a word that only starts like one is left alone
    assert expand("elektricien") is None


def test_a_named_occupation_puts_its_skills_before_spelling_look_alikes() -> None:
    from banenbrug.taxonomy.search import Hit
    from banenbrug.taxonomy.search_service import BRIDGE, Named, with_skills_of

    lasers = Hit(1, 0.70, "lasers", "en")  # scores high, but only looks like "lasser"
    named_with_the_word = Hit(2, 0.95, "lasser certificeren", "nl")
    weld = Hit(3, 0.30, "weld", "en")
    named = Named("lasser", 0.96, [4, 3, 5])
    ranked = with_skills_of(named, [named_with_the_word, lasers, weld], {"lasser"})
    assert [h.concept for h in ranked] == [2, 3, 4, 5, 1]
    assert ranked[1].label == "lasser"  # shown as found via the occupation
    assert ranked[1].score == round(BRIDGE * 0.96, 4)  # the best own match leads the job's skills
