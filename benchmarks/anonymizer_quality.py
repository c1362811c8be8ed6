"""Recall/precision per entity type and F2 on the synthetic desktop set: ours against plain Presidio.

    PYTHONPATH=src python benchmarks/anonymizer_quality.py [--per-template 12] [--images 12]

Scoring: a gold span is found when predicted spans (of any type: what matters is that it is redacted)
cover at least 90% of its letters and digits. A predicted span is correct when it overlaps a gold span.
Recall is per gold entity type, precision per predicted type; F2 weighs recall twice. Words outside gold
spans are "kept" when no predicted span touches them. Plain Presidio is the reference: its default
recognizers, the no-op NLP engine (no spaCy model here) and its default score threshold, with tldextract
made offline. With --images N, N rendered 1280x720 screens of eval lines are redacted and re-OCR'd: a value
is leaked when its letters and digits are still in the OCR text of the output (among values that OCR could
read in the source).
"""

import argparse
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from anonymizer_evalset import Item, build_evalset  # noqa: E402

Predict = Callable[[str], list[tuple[int, int, str]]]


def _alnum_positions(text: str, start: int, end: int) -> set[int]:
    return {i for i in range(start, end) if text[i].isalnum()}


def score(items: list[Item], predict: Predict) -> dict[str, object]:
    found, total = Counter(), Counter()
    correct, predicted = Counter(), Counter()
    words_total = words_kept = 0
    for item in items:
        predictions = predict(item.text)
        covered = set().union(*(range(s, e) for s, e, _ in predictions)) if predictions else set()
        for start, end, entity in item.spans:
            total[entity] += 1
            chars = _alnum_positions(item.text, start, end)
            if chars and len(chars & covered) >= 0.9 * len(chars):
                found[entity] += 1
        for start, end, entity in predictions:
            predicted[entity] += 1
            if any(start < g_end and g_start < end for g_start, g_end, _ in item.spans):
                correct[entity] += 1
        gold = set().union(*(range(s, e) for s, e, _ in item.spans)) if item.spans else set()
        position = 0
        for word in item.text.split():
            start = item.text.index(word, position)
            position = start + len(word)
            span = set(range(start, position))
            if span & gold:
                continue
            words_total += 1
            words_kept += not (span & covered)
    recall_all = sum(found.values()) / max(1, sum(total.values()))
    precision_all = sum(correct.values()) / max(1, sum(predicted.values()))
    f2 = 5 * precision_all * recall_all / max(1e-9, 4 * precision_all + recall_all)
    return {
        "recall": {e: (found[e], total[e]) for e in sorted(total)},
        "precision": {e: (correct[e], predicted[e]) for e in sorted(predicted)},
        "recall_all": recall_all,
        "precision_all": precision_all,
        "f2": f2,
        "words_kept": words_kept / max(1, words_total),
    }


def ours() -> Predict:
    from proagentbench.anonymizer.context import ScrubSetup, make_scrubber
    from proagentbench.anonymizer.policy import Policy

    scrubber = make_scrubber(ScrubSetup(Policy(machine_identity=False), b"benchmark-key-000000000000000000"))
    return lambda text: [(s.start, s.end, s.entity) for s in scrubber.analyze(text)]


def plain_presidio() -> Predict:
    import tldextract

    from proagentbench.anonymizer.analyzer import plain_presidio_analyzer
    from proagentbench.anonymizer.recognizers.offline_email import offline_extractor

    tldextract.extract = offline_extractor()  # the stock email recognizer would fetch the suffix list
    analyzer = plain_presidio_analyzer()
    return lambda text: [(r.start, r.end, r.entity_type) for r in analyzer.analyze(text=text, language="en")]


def image_leaks(items: list[Item], screens: int) -> dict[str, object]:
    from proagentbench.anonymizer.context import ScrubSetup, make_scrubber
    from proagentbench.anonymizer.image.frame import FrameTask, new_ocr_state, redact_frame
    from proagentbench.anonymizer.image.fuzzy import KnownValues, normalise
    from proagentbench.anonymizer.image.loading import load_image
    from proagentbench.anonymizer.image.ocr import ocr_words
    from proagentbench.anonymizer.policy import Policy
    from tests.anonymizer.rawstore import render_screen

    setup = ScrubSetup(Policy(machine_identity=False), b"benchmark-key-000000000000000000")
    scrubber = make_scrubber(setup)
    positives = [item for item in items if item.spans and "\\" not in item.text]
    negatives = [item for item in items if not item.spans]
    readable = leaked = words_seen = words_kept = 0
    seconds = 0.0
    with tempfile.TemporaryDirectory() as folder:
        for index in range(screens):
            lines = [positives[(index * 7 + k * 13) % len(positives)] for k in range(10)]
            lines += [negatives[(index * 5 + k) % len(negatives)] for k in range(4)]
            source = render_screen([i.text for i in lines], Path(folder) / f"{index}.png", font_size=18)
            target = Path(folder) / f"{index}-out.png"
            started = time.perf_counter()
            redact_frame(
                FrameTask(index, source, target), scrubber, KnownValues(()), new_ocr_state(setup.policy)
            )
            seconds += time.perf_counter() - started
            before = normalise(" ".join(w.text for w in ocr_words(load_image(source, max_pixels=10**8))))
            after = normalise(" ".join(w.text for w in ocr_words(load_image(target, max_pixels=10**8))))
            for item in lines:
                for start, end, _ in item.spans:
                    value = normalise(item.text[start:end])
                    if len(value) >= 4 and value in before:
                        readable += 1
                        leaked += value in after
                if not item.spans:
                    for word in item.text.split():
                        norm = normalise(word)
                        if len(norm) >= 3 and norm in before:
                            words_seen += 1
                            words_kept += norm in after
    return {
        "screens": screens,
        "values_readable_in_source": readable,
        "leaked_after_redaction": leaked,
        "image_recall": 1 - leaked / max(1, readable),
        "negative_words_kept": words_kept / max(1, words_seen),
        "seconds_per_screen": seconds / max(1, screens),
    }


_REPO = Path(__file__).resolve().parents[1]
# ../shared beside the repository (the main checkout) or beside the worktrees' folder.
PROACTIVEBENCH_CANDIDATES = [
    base / "shared" / "data" / "proactivebench" for base in (_REPO.parent, _REPO.parent.parent)
]


def third_party_text(predict: Predict) -> dict[str, object] | None:
    """Desktop event descriptions nobody on this project wrote (ProactiveBench test data, Apache-2.0): no gold
    labels, so report the share of words kept and what was flagged."""
    import json

    folder = next((c for c in PROACTIVEBENCH_CANDIDATES if c.is_dir()), None)
    if folder is None:
        return None
    texts: list[str] = []
    for path in sorted((folder / "test_data").glob("*.json")):
        data = json.loads(path.read_text())
        if isinstance(data, list):
            texts += [
                row["observation"]["event"] for row in data if isinstance(row, dict) and "observation" in row
            ]
    for line in (folder / "reward_test.jsonl").read_text().splitlines():
        texts += [observation["event"] for observation in json.loads(line)["obs"]]
    texts = list(dict.fromkeys(texts))
    words = kept = 0
    flagged: Counter[str] = Counter()
    for text in texts:
        predictions = predict(text)
        covered = set().union(*(range(s, e) for s, e, _ in predictions)) if predictions else set()
        flagged.update(entity for _, _, entity in predictions)
        position = 0
        for word in text.split():
            start = text.index(word, position)
            position = start + len(word)
            words += 1
            kept += not (set(range(start, position)) & covered)
    return {"texts": len(texts), "words": words, "words_kept": kept / max(1, words), "flagged": dict(flagged)}


def _print(name: str, result: dict[str, object]) -> None:
    print(f"\n### {name}\n")
    print("| entity | recall | precision |")
    print("| --- | --- | --- |")
    recall = result["recall"]
    precision = result["precision"]
    assert isinstance(recall, dict) and isinstance(precision, dict)
    for entity in sorted(set(recall) | set(precision)):
        r = recall.get(entity)
        p = precision.get(entity)
        r_text = f"{r[0] / r[1]:.3f} ({r[0]}/{r[1]})" if r else "-"
        p_text = f"{p[0] / p[1]:.3f} ({p[0]}/{p[1]})" if p else "-"
        print(f"| {entity} | {r_text} | {p_text} |")
    print(
        f"\noverall recall {result['recall_all']:.3f}, precision {result['precision_all']:.3f}, "
        f"F2 {result['f2']:.3f}, non-PII words kept {result['words_kept']:.3f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-template", type=int, default=12)
    parser.add_argument("--images", type=int, default=0)
    parser.add_argument("--seed", type=int, default=20261125)
    args = parser.parse_args()
    items = build_evalset(args.per_template, seed=args.seed)
    print(
        f"{len(items)} items ({sum(len(i.spans) for i in items)} gold spans, "
        f"{sum(1 for i in items if not i.spans)} negatives)"
    )
    _print("proagentbench anonymizer (no NER)", score(items, ours()))
    _print("plain Presidio (default recognizers, no-op NLP engine)", score(items, plain_presidio()))
    for name, predict in (("ours", ours()), ("plain Presidio", plain_presidio())):
        external = third_party_text(predict)
        if external is not None:
            print(f"\n### third-party desktop event text (ProactiveBench test data), {name}\n")
            for key, value in external.items():
                print(f"- {key}: {value:.3f}" if isinstance(value, float) else f"- {key}: {value}")
    if args.images:
        print("\n### rendered screenshots\n")
        for key, value in image_leaks(items, args.images).items():
            print(f"- {key}: {value:.3f}" if isinstance(value, float) else f"- {key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
