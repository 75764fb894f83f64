import re

from bot.core.references import find_references, new_reference, normalise_reference


def test_new_references_are_unambiguous_and_unique() -> None:
    refs = {new_reference() for _ in range(500)}
    assert len(refs) == 500
    assert all(re.fullmatch(r"IEUM-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}", r) for r in refs)


def test_references_are_found_in_free_text_and_canonicalised() -> None:
    assert normalise_reference("my number is ieum 7k3m 9qx2 thanks") == "IEUM-7K3M-9QX2"
    assert normalise_reference("IEUM-7K3M-9QXO") == "IEUM-7K3M-9QX0"  # O read as zero
    assert find_references("no reference here") == []
    assert normalise_reference(None) is None
