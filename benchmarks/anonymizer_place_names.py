"""What the place-name list costs on the PII side: Faker person names in real-application titles, scrubbed
with the bundled place names and, in the same process, with the place lookup switched off.

    PYTHONPATH=src python benchmarks/anonymizer_place_names.py [--per-locale 600] [--seed 3]

Many places are named like people (`Hoàng Mai`, `Casa Grande`, `Bento Gonçalves`), so keeping listed places
as they are may keep a person's name too. For each locale, `--per-locale` values of Faker's `name()` (in the
locale's own order, with its titles such as `Dr.` or `Bà` before the name: only the name after them is the
value) fill five title templates in turn. A title counts as a leak when any letter or digit of the name is
left uncovered; the script prints the leaks with and without the place list per locale, and every title
whose findings differ.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from anonymizer_quality import ours  # noqa: E402
from faker import Faker  # noqa: E402

LOCALES = ("vi_VN", "pt_BR", "es_ES", "hu_HU", "tr_TR", "ro_RO", "id_ID", "el_GR")
TEMPLATES = (
    "Chat | {} | Microsoft Teams",
    "Meeting with {}",
    "{} - Slack",
    "From: {}",
    "Review by {} · GitHub",
)


def titles(locale: str, count: int, seed: int) -> list[tuple[str, int, int]]:
    """(title, start, end of the name) for `count` names of `locale`."""
    fake = Faker(locale)
    fake.seed_instance(seed)
    titles_ = {fake.prefix() for _ in range(200)} | {fake.suffix() for _ in range(200)}
    out = []
    for index in range(count):
        name, template = fake.name(), TEMPLATES[index % len(TEMPLATES)]
        words = name.split(" ")
        while len(words) > 2 and words[0] in titles_:
            words = words[1:]
        while len(words) > 2 and words[-1] in titles_:
            words = words[:-1]
        value = " ".join(words)
        start = template.index("{}") + name.index(value)
        out.append((template.format(name), start, start + len(value)))
    return out


def findings(cases: list[tuple[str, int, int]]) -> list[tuple[bool, list[str]]]:
    """Per title: (the name leaked, the flagged texts)."""
    predict = ours()
    result = []
    for text, start, end in cases:
        spans = predict(text)
        covered = {i for s, e, _ in spans for i in range(s, e)}
        leaked = any(text[i].isalnum() and i not in covered for i in range(start, end))
        result.append((leaked, sorted(text[s:e] for s, e, _ in spans)))
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-locale", type=int, default=600)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    from proagentbench.anonymizer.recognizers import joined_names, person_gazetteer

    cases = {locale: titles(locale, args.per_locale, args.seed) for locale in LOCALES}
    with_places = {locale: findings(rows) for locale, rows in cases.items()}
    for module in (person_gazetteer, joined_names):
        module.place_spans = lambda text, words=None: []  # type: ignore[assignment]
    without = {locale: findings(rows) for locale, rows in cases.items()}
    print("| locale | titles | names leaked, with the place list | without it |")
    print("| --- | --- | --- | --- |")
    for locale in LOCALES:
        leaks = sum(leaked for leaked, _ in with_places[locale])
        leaks_without = sum(leaked for leaked, _ in without[locale])
        print(f"| {locale} | {len(cases[locale])} | {leaks} | {leaks_without} |")
    print("\ntitles whose findings differ:")
    for locale in LOCALES:
        rows = zip(cases[locale], with_places[locale], without[locale], strict=True)
        for (text, _, _), (_, a), (_, b) in rows:
            if a != b:
                print(f"- [{locale}] {text!r}: with the list {a}, without {b}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
