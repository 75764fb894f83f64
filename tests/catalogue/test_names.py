"""Services a message names outright, in any language."""

from __future__ import annotations

import pytest

from catalogue.loader import read_catalogue
from catalogue.names import NameIndex

RECORDS = read_catalogue()
INDEX = NameIndex(RECORDS.services, RECORDS.documents)


@pytest.mark.parametrize("text, service", [
    ("where's the nearest family center, we live in gimpo", "FAM-CENTER"),
    ("may Family Center po ba malapit sa Cheonan?", "FAM-CENTER"),
    ("gần nhà em có trung tâm gia đình đa văn hoá ko chị", "FAM-CENTER"),
    ("아동수당은 또 따로예요?", "FAM-CHILDBEN"),
    ("अनि मलाई 출입국사실증명 पनि चाहिएको छ", "CERT-ENTRYEXIT"),   # a Korean name inside Nepali
    ("Family-Center", "FAM-CENTER"),                                 # spacing and punctuation fold away
])
def test_a_service_name_in_the_message_names_that_service(text: str, service: str) -> None:
    assert INDEX.named(text)[0] == service


@pytest.mark.parametrize("text", [
    "how much is the visa?",          # "visa" is in many titles: a word, not a name
    "can I change to F-6?",           # too short to be a name
    "",
])
def test_generic_words_name_nothing(text: str) -> None:
    assert INDEX.named(text) == []
