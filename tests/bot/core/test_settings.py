import re
from pathlib import Path

from bot.core.settings import DOCUMENTED, PROJECT_ROOT, Settings

README = (PROJECT_ROOT / "README.md").read_text()


def test_defaults_need_no_environment() -> None:
    config = Settings.from_env({})
    assert config.database_url == f"sqlite:///{PROJECT_ROOT / 'var' / 'ieum.db'}"
    assert config.allowed_origins == () and not config.production and config.agent_token is None


def test_values_are_parsed_once_into_types() -> None:
    config = Settings.from_env({"IEUM_ALLOWED_ORIGINS": " https://a.example ,https://b.example/,", "IEUM_ENV": "Production",
                                "IEUM_PUBLIC_URL": "https://ieum.example/", "IEUM_VAR_DIR": "/srv/ieum"})
    assert config.allowed_origins == ("https://a.example", "https://b.example")
    assert config.production and config.public_url == "https://ieum.example"
    assert config.dev_key_file == Path("/srv/ieum/arn.key")
    assert config.database_url == "sqlite:////srv/ieum/ieum.db"


def test_every_setting_is_in_the_readme_table() -> None:
    missing = [s.env for s in DOCUMENTED if f"`{s.env}`" not in README]
    assert not missing, f"add these to the README's settings table: {missing}"


def test_no_module_reads_ieum_settings_from_the_environment_itself() -> None:
    reads = re.compile(r"""(environ\.get\(|getenv\(|environ\[)\s*["']IEUM_""")
    offenders = [str(p.relative_to(PROJECT_ROOT)) for d in ("bot", "actions", "catalogue", "channels")
                 for p in (PROJECT_ROOT / d).rglob("*.py")
                 if p.name != "settings.py" and reads.search(p.read_text())]
    assert not offenders
