from bot.components.document_extractor import catalogue_names
from bot.text.documents import find_documents


def test_finds_catalogue_names_in_any_language() -> None:
    text = "Tôi cần 외국인등록사실증명 để mở tài khoản"
    (entity,) = find_documents(text, catalogue_names(), "test")
    assert entity["value"] == "CERT-ARC"
    assert text[entity["start"]:entity["end"]] == "외국인등록사실증명"
