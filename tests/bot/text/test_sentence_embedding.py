import numpy as np
import pytest

from bot.text import sentence_embedding
from bot.text.sentence_embedding import DIMENSIONS, MAX_CHARS, SentenceEncoder, clean, shared_encoder

LOST_CARD = {
    "ko": "외국인등록증을 잃어버렸어요",
    "vi": "Tôi bị mất thẻ cư trú",
    "uz": "Men ID kartamni yoʻqotib qoʻydim",
    "mn": "Би гадаад иргэний үнэмлэхээ гээчихлээ",
    "ne": "मेरो ARC हरायो",
}
KINDERGARTEN = {
    "ko": "아이 어린이집 보내고 싶어요",
    "vi": "Con tôi muốn đi nhà trẻ",
    "uz": "Bolamni bogʻchaga bermoqchiman",
    "mn": "Хүүхдээ цэцэрлэгт оруулмаар байна",
    "ne": "मेरो बच्चालाई किन्डरगार्टेन पठाउन चाहन्छु",
}


def test_clean_removes_control_characters_and_bounds_length() -> None:
    assert clean("abc\x00def\u200b\tghi") == "abc def ghi"
    assert clean("\ud800x") == "x"
    assert clean(None) == ""  # type: ignore[arg-type]
    assert len(clean("한" * 100_000)) == MAX_CHARS


def test_vectors_are_normalised_and_deterministic() -> None:
    vectors = shared_encoder().encode(["I lost my residence card", "I lost my residence card", ""])
    assert vectors.shape == (3, DIMENSIONS)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    assert np.array_equal(vectors[0], vectors[1])


def test_a_nul_byte_does_not_cut_the_message() -> None:
    # The C engine reads a C string: without cleaning it would see only "I lost".
    with_nul, spaced, cut = shared_encoder().encode(["I lost\x00 my residence card", "I lost my residence card",
                                                      "I lost"])
    assert np.allclose(with_nul, spaced)
    assert not np.allclose(with_nul, cut)


@pytest.mark.timeout(120)
def test_a_huge_message_is_encoded_from_its_beginning() -> None:
    huge, head = shared_encoder().encode(["비자 연장 " * 20_000, ("비자 연장 " * 20_000)[:MAX_CHARS]])
    assert np.allclose(huge, head)


@pytest.mark.parametrize("lang", sorted(LOST_CARD))
def test_meaning_carries_across_languages(lang: str) -> None:
    english, same_need, other_need = shared_encoder().encode(
        ["I lost my residence card", LOST_CARD[lang], KINDERGARTEN[lang]])
    assert english @ same_need > english @ other_need


def test_repeated_texts_are_encoded_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[list[str]] = []

    class FakeModel:
        def query(self, texts):
            calls.append(list(texts))
            return np.ones((len(texts), DIMENSIONS), dtype=np.float32)

    encoder = SentenceEncoder(cache_size=2)
    monkeypatch.setattr(encoder, "_load", lambda: FakeModel())
    encoder.encode(["hi", "hi", "ok"])
    encoder.encode(["hi"])
    encoder.encode(["a", "b", "hi"])  # "hi" is cached; adding "a" and "b" evicts "ok" and "hi" (size 2)
    encoder.encode(["hi"])
    assert calls == [["hi", "ok"], ["a", "b"], ["hi"]]


def test_a_model_file_that_is_not_the_pinned_one_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sentence_embedding, "MODEL_SHA256", "0" * 64)
    with pytest.raises(sentence_embedding.EncoderUnavailable, match="expected 0000"):
        SentenceEncoder().encode(["hello"])
