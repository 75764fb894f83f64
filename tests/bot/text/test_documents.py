from bot.text.documents import find_documents, name_index
from catalogue.records import Document


def test_longest_name_wins_and_latin_names_need_word_boundaries() -> None:
    names = {"arc": "RESIDENCE-CARD", "arc certificate": "CERT-ARC"}
    assert [e["value"] for e in find_documents("I need an ARC certificate", names, "t")] == ["CERT-ARC"]
    assert find_documents("search for archive", names, "t") == []


def test_one_index_from_titles_aliases_and_names_seen_in_training() -> None:
    document = Document(id="CERT-ARC", service="CERT-ARC", printable_at_home=True,
                        names={"en": "Certificate of Alien Registration Facts", "vi": "Giấy xác nhận"},
                        aliases=("ARC cert", "ID"))
    index = name_index([document], {"Xác nhận ĐKNN": "CERT-ARC"})
    assert index["giay xac nhan"] == "CERT-ARC" and index["arc cert"] == "CERT-ARC"
    assert index["xac nhan dknn"] == "CERT-ARC"
    assert "id" not in index  # too short: it would match inside other words
