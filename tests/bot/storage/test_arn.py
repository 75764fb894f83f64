import base64

import pytest
from cryptography.exceptions import InvalidTag

from bot.core.settings import reload as reload_settings
from bot.storage.arn import ArnKeyError, decrypt, encrypt, load_key, lookup_hash, mask, parse_arn, redact

KEY = bytes(range(32))


@pytest.mark.parametrize("text, digits", [
    ("950101-5123456", "9501015123456"), ("9501015123456", "9501015123456"), ("950101 6123456", "9501016123456"),
    ("내 번호는 ０３０２２８－７１２３４５６ 입니다", "0302287123456"), ("050505-8000000", "0505058000000"),
])
def test_valid_numbers_by_shape_date_and_gender_digit(text: str, digits: str) -> None:
    parsed = parse_arn(text)
    assert parsed is not None and parsed.digits == digits


@pytest.mark.parametrize("text", ["950101-1234567", "951301-5123456", "950230-5123456", "12345", "", None,
                                  "99010151234567", "x" * 10_000])
def test_invalid_numbers(text: object) -> None:
    assert parse_arn(text) is None


def test_old_checksum_is_not_required() -> None:
    assert parse_arn("950101-5000001") is not None


def test_one_masking_rule() -> None:
    assert mask("9501015123456") == "950101-5******"


def test_redact_masks_valid_and_invalid_13_digit_runs() -> None:
    text, found = redact("ARN 950101-5123456, wrong 950101-1234567, phone 010-1234-5678")
    assert "5123456" not in text and "1234567" not in text
    assert "950101-5******" in text and "950101-1******" in text and "010-1234-5678" in text
    assert [a.digits for a in found] == ["9501015123456"]


def test_encryption_round_trip_and_fails_closed() -> None:
    value = parse_arn("950101-5123456")
    blob = encrypt(value, KEY)
    assert b"9501015123456" not in blob
    assert decrypt(blob, KEY) == value
    with pytest.raises(InvalidTag):
        decrypt(blob, bytes(32))
    with pytest.raises(InvalidTag):
        decrypt(blob[:-1] + bytes([blob[-1] ^ 1]), KEY)


def test_lookup_hashes_are_keyed_and_per_purpose() -> None:
    assert lookup_hash("9501015123456", KEY, "arn") != lookup_hash("9501015123456", KEY, "last4")
    assert lookup_hash("9501015123456", KEY, "arn") != lookup_hash("9501015123456", bytes(32), "arn")


def test_key_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("IEUM_ARN_KEY", base64.b64encode(KEY).decode())
    reload_settings()
    assert load_key() == KEY
    monkeypatch.setenv("IEUM_ARN_KEY", base64.b64encode(b"short").decode())
    reload_settings()
    with pytest.raises(ArnKeyError):
        load_key()
    monkeypatch.delenv("IEUM_ARN_KEY")
    monkeypatch.setenv("IEUM_VAR_DIR", str(tmp_path))
    reload_settings()
    first = load_key()
    assert len(first) == 32 and load_key() == first
    assert (tmp_path / "arn.key").stat().st_mode & 0o077 == 0


def test_production_never_makes_a_development_key(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("IEUM_ARN_KEY", raising=False)
    monkeypatch.setenv("IEUM_VAR_DIR", str(tmp_path))
    monkeypatch.setenv("IEUM_ENV", "production")
    reload_settings()
    with pytest.raises(ArnKeyError, match="production"):
        load_key()
    assert not (tmp_path / "arn.key").exists()
