"""`verify`'s independent methods: findings per method and read, and seconds, on a clean store (false
positives when the store holds no personal data), and detection of PII values planted into titles, with the
analyzer alone (what `verify` ran before issue 9) as the reference in the same run.
    PYTHONPATH=src python benchmarks/verify_methods.py --db CLEAN [--raw RAW] [--no-images]
    PYTHONPATH=src python benchmarks/verify_methods.py --synthetic 3000 --work /tmp/pab-verify --planted 400

Planted values come from Faker (not a generator the checks were written against) in eight locales, one per
window-title template of a real application; a case counts as found when any finding names its title.
"""

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
LOCALES = ("en_US", "de_DE", "fr_FR", "es_ES", "it_IT", "pl_PL", "pt_BR", "nl_NL")
TEMPLATES = (
    "{value} - Slack",
    "Inbox - {value} - Mozilla Thunderbird",
    "notes for {value}.md - Visual Studio Code",
    "Customer {value} - Stripe Dashboard",
    "Re: {value} - Outlook",
    "{value} | Jira",
)


def store_figures(db: Path, raw: Path | None, images: bool) -> dict[str, Any]:
    from proagentbench.anonymizer import load_policy, verify_store

    start = time.perf_counter()
    report = verify_store(db, load_policy(None), images=images, raw_db=raw)
    seconds = time.perf_counter() - start
    return {
        "store": str(db),
        "raw": str(raw) if raw else None,
        "texts": report.texts_checked,
        "images": report.images_checked,
        "known_values": report.known_values,
        "findings": len(report.findings),
        "by_method": dict(Counter(f"{f.method}/{f.read}" for f in report.findings)),
        "by_entity": dict(Counter(f"{f.method}:{f.entity}" for f in report.findings)),
        "seconds": round(seconds, 1),
    }


def planted_cases(count: int, seed: int) -> list[tuple[str, str]]:
    from faker import Faker

    fakers = [Faker(locale) for locale in LOCALES]
    for number, faker in enumerate(fakers):
        faker.seed_instance(seed + number)
    makers = {
        "name": lambda f: f.name(),
        "email": lambda f: f.email(),
        "phone": lambda f: f.phone_number(),
        "iban": lambda f: f.iban(),
        "handle": lambda f: "@" + f.user_name(),
        "secret": lambda f: f.password(length=24, special_chars=False),
        "account": lambda f: f"acct {f.random_number(digits=10, fix_len=True)}",
    }
    rng = random.Random(seed)
    cases = []
    for index in range(count):
        category = list(makers)[index % len(makers)]
        value = makers[category](fakers[index % len(fakers)])
        cases.append((category, rng.choice(TEMPLATES).format(value=value)))
    return cases


def planted_figures(count: int, seed: int) -> dict[str, Any]:
    from proagentbench.anonymizer import Policy
    from proagentbench.anonymizer.residual.known import KnownSet
    from proagentbench.anonymizer.verify import verification_scrubber, verify_texts

    cases = planted_cases(count, seed)
    scrubber = verification_scrubber(Policy(machine_identity=False))
    start = time.perf_counter()
    findings = verify_texts([(str(i), title) for i, (_, title) in enumerate(cases)], scrubber, KnownSet())
    seconds = time.perf_counter() - start
    methods: dict[str, set[str]] = {}
    for finding in findings:
        methods.setdefault(finding.where, set()).add(finding.method)
    table: dict[str, dict[str, int]] = {}
    for index, (category, _) in enumerate(cases):
        row = table.setdefault(category, {"cases": 0, "any_method": 0, "shape": 0, "analyzer": 0})
        found = methods.get(str(index), set())
        row["cases"] += 1
        row["any_method"] += bool(found)
        row["shape"] += "shape" in found
        row["analyzer"] += "analyzer" in found
    return {"planted": count, "seed": seed, "seconds": round(seconds, 2), "per_category": table}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--db", type=Path, help="a clean store to verify")
    parser.add_argument("--raw", type=Path, help="its raw store (known values)")
    parser.add_argument("--no-images", action="store_true")
    parser.add_argument("--synthetic", type=int, help="build a synthetic clean store of this many events")
    parser.add_argument("--work", type=Path, default=Path("/tmp/pab-verify"))
    parser.add_argument("--planted", type=int, default=0, help="Faker values planted into titles")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    results: list[dict[str, Any]] = []
    if args.synthetic:
        sys.path.insert(0, str(HERE))
        from synthetic_store import build_synthetic_store

        args.work.mkdir(parents=True, exist_ok=True)
        db = args.work / f"synthetic-{args.synthetic}.sqlite"
        if not db.exists():
            build_synthetic_store(db, events=args.synthetic, users=2, sessions_per_user=2, seed=args.seed)
        results.append(store_figures(db, None, not args.no_images))
    if args.db:
        results.append(store_figures(args.db, args.raw, not args.no_images))
    if args.planted:
        results.append(planted_figures(args.planted, args.seed))
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
