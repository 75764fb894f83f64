"""Which web pages count as official: the responsible public body's own site.

Only these are shown to users as a service's source. News, universities,
agencies and blogs may be kept as ``evidence`` in the YAML for reviewers,
never shown. A domain is added here only with the public body it belongs to.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlparse

if TYPE_CHECKING:
    from catalogue.records import Service

# Korean government (.go.kr) and the public institutions users are sent to.
GOVERNMENT_SUFFIXES = (".go.kr",)
PUBLIC_BODIES = {
    "nhis.or.kr": "National Health Insurance Service",
    "nps.or.kr": "National Pension Service",
    "comwel.or.kr": "Korea Workers' Compensation & Welfare Service",
    "hrdkorea.or.kr": "Human Resources Development Service of Korea (EPS)",
    "liveinkorea.kr": "Danuri portal, Ministry of Gender Equality and Family",
    "familynet.or.kr": "Korea Healthy Family Support Agency (Family Centers)",
    "kosaf.go.kr": "Korea Student Aid Foundation",
    "visitkorea.or.kr": "Korea Tourism Organization",
    "knto.or.kr": "Korea Tourism Organization",
    "klac.or.kr": "Korea Legal Aid Corporation",
    "kli.re.kr": "Korea Labor Institute",
    "ksif.or.kr": "King Sejong Institute Foundation",
    "kiiptest.org": "KIIP test centre, Ministry of Justice",
    "hira.or.kr": "Health Insurance Review & Assessment Service",
    "nts.go.kr": "National Tax Service",
    "k-guide.kr": "Korean life guide, Ministry of Justice and Korea Immigration Service",
    "women1366.kr": "Women's Emergency Hotline 1366, Korea Women's Human Rights Institute",
    "stop.or.kr": "Korea Women's Human Rights Institute",
    "kihf.or.kr": "Korea Foundation for Women's Rights",
    "seoul.go.kr": "Seoul Metropolitan Government",
    "junggu.seoul.kr": "Jung-gu District Office, Seoul",
    "korea.kr": "Korea Policy Briefing (Ministry of Culture, Sports and Tourism)",
    "korea.net": "Korea.net, Korean Culture and Information Service (Ministry of Culture, Sports and Tourism)",
    "touristcomplaint.or.kr": "Tourist Complaint Center, Korea Tourism Organization",
    "gov.kr": "Government24 (gov.kr), Ministry of the Interior and Safety",
    "dong.daegu.kr": "Dong-gu District Office, Daegu",
    "dalseong.daegu.kr": "Dalseong-gun County Office, Daegu",
    "bfic.kr": "Busan Foundation for International Cooperation (Busan Global City Foundation), Busan Metropolitan City",
}


def host_of(url: str) -> str:
    return (urlparse(url).hostname or "").lower().removeprefix("www.").removeprefix("m.")


def is_official(url: str) -> bool:
    """True for a page of a Korean public body (government domain or a listed public institution)."""
    host = host_of(url)
    if not host:
        return False
    if any(host.endswith(suffix) or host == suffix.lstrip(".") for suffix in GOVERNMENT_SUFFIXES):
        return True
    return any(host == domain or host.endswith("." + domain) for domain in PUBLIC_BODIES)


def is_home_page(url: str) -> bool:
    """A bare site address or its start page, not the page of one service."""
    parsed = urlparse(url)
    path = parsed.path.rstrip("/").lower()
    return not parsed.query and path in ("", "/index.do", "/main.do", "/main.pt", "/index.html", "/index.jsp",
                                         "/main.jsp", "/index.asp", "/main.asp")


def first_official(urls: tuple[str, ...] | list[str]) -> str | None:
    """The first official page among ``urls``: the only kind of source users are shown."""
    return next((u for u in urls if is_official(u)), None)


def shown_source(service: Service) -> str | None:
    """The source users are shown for a service: its first official page, none when it is unverified."""
    return None if service.unverified else first_official(service.sources)
