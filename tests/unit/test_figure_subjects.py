"""What a figure is about: the word naming an amount, kinds of payment and people, months,
qualifiers and the stage of stolen data."""

from __future__ import annotations

import pytest

from briefcheck.figures import subjects


def _at(sentence: str, figure: str) -> tuple[int, int]:
    start = sentence.index(figure)
    return start, start + len(figure)


@pytest.mark.parametrize(
    ("sentence", "figure", "cue"),
    [
        ("T-Mobile will pay $350 million into a settlement fund.", "$350 million", "settlement"),
        ("Its $530 million settlement fund is large.", "$530 million", "settlement"),
        ("The company paid a ransom of 75 bitcoin, then worth about $4.4 million.", "$4.4 million",
         "ransom"),
        ("The deal was worth $4.4 million.", "$4.4 million", "deal"),
        ("Its shares were worth $4.4 million.", "$4.4 million", "worth"),
        ("The theft from the bridge was worth about $625 million.", "about $625 million",
         "theft"),
        ("Hackers stole 176,300 ETH from the bridge.", "176,300 ETH", "theft"),
        ("Regulators settled for $80 million.", "$80 million", "settlement"),
    ],
)  # fmt: skip
def test_the_word_naming_an_amount(sentence: str, figure: str, cue: str) -> None:
    start, end = _at(sentence, figure)
    assert (subjects.cue_after(sentence, end) or subjects.cue_before(sentence, start)) == cue


@pytest.mark.parametrize(
    ("a", "b", "match"),
    [
        ("payment", "ransom", True),
        ("payment", "settlement", False),  # a company pays many sums; only a ransom is implied
        ("ransom", "settlement", False),
        ("loss", "theft", True),  # what an exchange lost is what thieves stole from it
        ("theft", "ransom", False),
        ("person", "customer", True),
        ("customer", "user", False),
        ("record", "record", True),
    ],
)
def test_kinds_of_payment_and_people(a: str, b: str, match: bool) -> None:
    assert subjects.nouns_match(a, b) is match
    assert subjects.nouns_match(b, a) is match


def test_months_read_may_only_beside_a_number() -> None:
    assert subjects.months("In April 2023 it claimed 4 TB.") == {"april"}
    assert subjects.months("It may publish more on 3 May and in June.") == {"may", "june"}
    assert subjects.months("Regulators may act.") == frozenset()


def test_qualifiers_narrow_the_noun_and_names_do_not() -> None:
    assert subjects.qualifiers("older records", "records") == {"older"}
    assert subjects.qualifiers("British Airways customers", "customers") == frozenset()
    assert subjects.qualifiers("stolen data", "data") == {"taken"}


@pytest.mark.parametrize(
    ("sentence", "figure", "stage"),
    [
        ("The group claimed to have taken 4 TB of data from the firm.", "4 TB", "taken"),
        ("In June it published about 1.45 TB of the files.", "1.45 TB", "published"),
        ("Its release of 1,450 GB of files stolen from the firm.", "1,450 GB", "published"),
        ("A leak of 23 TB of material.", "23 TB", None),
    ],
)
def test_data_taken_or_published(sentence: str, figure: str, stage: str | None) -> None:
    assert subjects.stage(sentence, *_at(sentence, figure)) == stage


def test_a_capitalised_first_word_is_a_name_only_when_the_site_says_so() -> None:
    vocabulary = subjects.Vocabulary({"target": 1, "services": 3}, {"target": 3})
    assert subjects.name_phrases("Target's profit fell.", vocabulary) == [frozenset({"target"})]
    assert subjects.name_phrases("Services were down.", vocabulary) == []
    assert subjects.name_phrases("Acme was down.", vocabulary) == [frozenset({"acme"})]
