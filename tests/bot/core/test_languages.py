import re

import pytest
import yaml

from bot.core.languages import ALL, BY_CODE, ENDONYMS, REGISTRY, TIER1, languages_written_in, script_languages
from bot.core.settings import PROJECT_ROOT


def test_registry_is_the_binding_spec_table() -> None:
    spec = PROJECT_ROOT.parent / "shared" / "spec" / "intents.md"
    if not spec.exists():
        pytest.skip("shared/spec/intents.md is not next to this checkout")
    rows = re.findall(r"^\| (\w\w) \| [^|]+ \| ([12]) \|$", spec.read_text(encoding="utf-8"), re.M)
    assert [(language.code, str(language.tier)) for language in REGISTRY] == rows
    assert TIER1[:3] == ("ko", "en", "zh")


def test_codes_are_unique_and_complete() -> None:
    assert len(BY_CODE) == len(REGISTRY) == len(ALL) and set(ENDONYMS) == set(ALL)


def test_domain_language_choice_values_come_from_the_registry() -> None:
    domain = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
    slot = domain["slots"]["language"]
    assert tuple(slot["values"]) == ALL, "domain.yml's language slot must list bot.core.languages.ALL in order"


def test_script_candidates() -> None:
    assert languages_written_in("hangul") == ("ko",)
    assert script_languages()["cyrillic"] == ("ru", "uz", "mn", "kk", "ky")
    assert "ne" not in script_languages()["latin"]
