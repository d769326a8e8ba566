"""Generate `monitor/data/countries.json`, the facts behind `@country:XX`.

Sources: pycountry (ISO 3166-1 codes, names, official and common names) and the JSON files of
the `countryinfo` package (capital, demonym, alternative spellings, native name). countryinfo
is only needed to regenerate the file, not at run time:

    pip download --no-deps -d /tmp/ci countryinfo && unzip -q -d /tmp/ci /tmp/ci/*.whl
    python -m monitor.rules.gen_countries /tmp/ci/countryinfo/data

The output keeps the facts as the sources give them (minus ISO codes used as words and
inverted "Korea, Republic of" forms); what the data lacks or gets wrong for news text is
curated by hand in `monitor/rules/gazetteer.py`.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import pycountry

OUT = Path(__file__).resolve().parents[1] / "data" / "countries.json"


def _load_countryinfo(data_dir: Path) -> dict[str, list[dict]]:
    by_code: dict[str, list[dict]] = {}
    for path in sorted(data_dir.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        code = (data.get("ISO") or {}).get("alpha2")
        if code:
            by_code.setdefault(code.upper(), []).append(data)
    return by_code


def _split(value) -> list[str]:
    """A value that may be a list, or several names joined by '/', ',' or ' and '."""
    if not value:
        return []
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        out += [p.strip() for p in re.split(r"\s*/\s*|,(?! )", str(item)) if p.strip()]
    return out


def _is_code(text: str, codes: set[str]) -> bool:
    return text.upper() in codes or (text.isupper() and len(text) <= 4 and text.isalpha())


def _is_inverted(name: str) -> bool:
    """ "Korea, Republic of", "Virgin Islands, U.S.", "Taiwan, Province of China"."""
    if ", " not in name:
        return False
    tail = name.rsplit(", ", 1)[1]
    return bool(re.search(r"\bof( the)?$|^Province\b", tail)) or len(tail.split()) == 1


def _unique(items) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        item = item.strip()
        if item and item not in seen and not _is_inverted(item):
            seen[item] = None
    return list(seen)


def country_facts(country, infos: list[dict]) -> dict:
    """Names, demonyms and capitals of one pycountry country, merged with countryinfo."""
    codes = {country.alpha_2, country.alpha_3}
    names = [country.name, getattr(country, "official_name", ""),
             getattr(country, "common_name", "")]
    demonyms: list[str] = []
    capitals: list[str] = []
    for info in infos:
        names.append(info.get("name") or "")
        names += [a for a in info.get("altSpellings") or [] if not _is_code(a.strip(), codes)]
        names += _split(info.get("nativeName"))
        demonyms += [d for part in _split(info.get("demonym"))
                     for d in re.split(r"\s+and\s+", part)]
        capitals += _split(info.get("capital"))
    return {"alpha3": country.alpha_3, "names": _unique(names),
            "demonyms": _unique(demonyms), "capitals": _unique(capitals)}


def main(argv: list[str] | None = None) -> int:
    """Write the data file from a countryinfo data directory."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("countryinfo_data", type=Path, help="countryinfo's data/ directory")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    infos = _load_countryinfo(args.countryinfo_data)
    facts = {c.alpha_2: country_facts(c, infos.get(c.alpha_2, []))
             for c in sorted(pycountry.countries, key=lambda c: c.alpha_2)}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(facts, ensure_ascii=False, indent=0, sort_keys=True) + "\n",
                        encoding="utf-8")
    print(f"wrote {len(facts)} countries to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
