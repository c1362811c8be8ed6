"""Screenshots from a generator the image path was not written against, redacted by each image mode and by
presidio-image-redactor, then re-OCR'd, in one run.

    PYTHONPATH=src python benchmarks/anonymizer_screens.py [--per-cell 2] [--seed 11]
    PYTHONPATH=src python benchmarks/anonymizer_screens.py --generator browser --per-cell 1 --seed 11

Screens come from benchmarks/screen_generator.py (`pillow`, the default: URW fonts drawn by Pillow, chat /
mail / terminal / code-host layouts, light and dark themes, 1x/2x/3x, Faker data of eight locales) or from
benchmarks/screen_browser.py (`browser`: HTML pages rendered by Debian's chromium, six app layouts, 1366 to
4096 px wide at 1x and 2x, light and dark, Faker data of eleven other locales), not from the tests'
`render_screen`. Every screen bears PII. For each theme and scale (or width), with Wilson 95% intervals:
- found in source: the share of drawn PII values and of other words that Tesseract reads in the unredacted
  screen (how well text on that theme and scale is found at all);
- zero readable PII: the share of screens in which no PII value readable in the source is readable after
  redaction (a value counts as readable when any of its letter-and-digit runs of four or more characters is
  in the re-OCR'd text, or, for a secret, any ten-character piece of it; `--strong-scorer` reads with
  verify's three reads together, plain, upscaled 2x and inverted per region, which see more than the
  anonymizer's own read);
- other words readable: the share of other words readable in the source that are still readable after
  (words cluster by screen, so that interval is narrower than a per-screen one would be).
Methods: this anonymizer in `pii`, `allowlist` and `all-text` modes (blur), and presidio-image-redactor
0.0.62 (fill) with plain Presidio's analyzer on the same offline no-op NLP engine.
"""

import argparse
import dataclasses
import os
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

from anonymizer_external import wilson  # noqa: E402
from screen_generator import LAYOUTS, THEMES, Screen, generate  # noqa: E402

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
MODES = ("pii", "allowlist", "all-text")
REFERENCE = "presidio-image-redactor"
SCALES = (1, 2, 3)
Redactor = Callable[[Path, Path], None]


def _ocr(path: Path, strong: bool = False) -> list[str]:
    """The words Tesseract reads, normalised; ``strong``: those of verify's three reads (as the anonymizer
    reads, upscaled 2x, inverted per region) together, a reader that sees more than the anonymizer's own."""
    from proagentbench.anonymizer.image.fuzzy import normalise
    from proagentbench.anonymizer.image.loading import load_image
    from proagentbench.anonymizer.image.ocr import ocr_words
    from proagentbench.anonymizer.residual.reads import strong_reads

    image = load_image(path, max_pixels=10**8)
    if not strong:
        texts = [word.text for word in ocr_words(image)]
    else:
        texts = [word.text for _, words in strong_reads(image, "tesseract") for word in words]
    return [normalise(text) for text in texts]


def _runs(value: str) -> list[str]:
    from proagentbench.anonymizer.image.fuzzy import normalise

    return [run for run in (normalise(part) for part in value.split()) if len(run) >= 4]


def _readable_parts(value: str, secret: bool, joined: str) -> list[str]:
    """The pieces of ``value`` that make it readable in ``joined`` (the read words run together)."""
    from proagentbench.anonymizer.image.fuzzy import normalise

    if secret:
        flat = normalise(value)
        return [flat[i : i + 10] for i in range(max(1, len(flat) - 9)) if flat[i : i + 10] in joined]
    return [run for run in _runs(value) if run in joined]


WORD_ALIGNED = {"on": False}  # --word-aligned
MAX_ALIGN_SLACK = 2  # characters of OCR junk a word may have around a run and still count as that run
MAX_ALIGN_WORDS = 4


def _readable(value: str, secret: bool, words: list[str], joined: str) -> bool:
    if not WORD_ALIGNED["on"] or secret:
        return bool(_readable_parts(value, secret, joined))
    return any(_aligned(run, words) for run in _runs(value))


def _aligned(run: str, words: list[str]) -> bool:
    """--word-aligned: ``run`` is read as whole words: it starts near the start of a read word and ends
    near the end of the same or a later one (OCR split it), not inside longer words (`Ferenc` in
    `difference`, `Lars` across `popular` `six`)."""
    for first in range(len(words)):
        window = ""
        for last in range(first, min(len(words), first + MAX_ALIGN_WORDS)):
            window += words[last]
            where = window.find(run)
            while where != -1:
                if where <= MAX_ALIGN_SLACK and len(window) - (where + len(run)) <= MAX_ALIGN_SLACK:
                    return True
                where = window.find(run, where + 1)
    return False


def explain_leak(value: str, secret: bool, words: list[str]) -> str:
    """For --explain-leaks: each piece of a leaked value that is read, with the read words its first
    occurrence overlaps (one word that holds more than the piece, or a piece made of several words)."""
    joined = "".join(words)
    starts = [0]
    for word in words:
        starts.append(starts[-1] + len(word))
    found = {}
    for part in _readable_parts(value, secret, joined):
        at = joined.index(part)
        spans = zip(words, starts[:-1], starts[1:], strict=True)
        found[part] = [word for word, start, end in spans if start < at + len(part) and end > at]
    return f"{value!r} read as " + "; ".join(f"{part} in {seen}" for part, seen in found.items())


def our_redactor(mode: str) -> Redactor:
    from proagentbench.anonymizer.context import ScrubSetup, make_scrubber
    from proagentbench.anonymizer.image.frame import FrameTask, new_ocr_state, redact_frame
    from proagentbench.anonymizer.image.fuzzy import KnownValues
    from proagentbench.anonymizer.policy import Policy

    policy = dataclasses.replace(Policy(machine_identity=False), image_mode=mode)
    scrubber = make_scrubber(ScrubSetup(policy, b"benchmark-key-000000000000000000"))

    def run(source: Path, target: Path) -> None:
        redact_frame(FrameTask(0, source, target), scrubber, KnownValues(()), new_ocr_state(policy))

    return run


def reference_redactor() -> Redactor:
    import tldextract
    from PIL import Image
    from presidio_image_redactor import ImageAnalyzerEngine, ImageRedactorEngine

    from proagentbench.anonymizer.analyzer import plain_presidio_analyzer
    from proagentbench.anonymizer.recognizers.offline_email import offline_extractor

    tldextract.extract = offline_extractor()  # the stock email recognizer would fetch the suffix list
    engine = ImageRedactorEngine(ImageAnalyzerEngine(analyzer_engine=plain_presidio_analyzer()))

    def run(source: Path, target: Path) -> None:
        with Image.open(source) as image:
            engine.redact(image.convert("RGB"), fill=(0, 0, 0)).save(target)

    return run


Tally = dict[str, list[int]]  # metric -> [successes, total]


def score(screen: Screen, before: list[str], after: list[str], tally: Tally) -> list[str]:
    """Adds the screen to ``tally``; returns the PII values still readable after redaction."""
    joined_before, joined_after = "".join(before), "".join(after)
    leaked = readable = 0
    leaks = []
    for value in screen.pii:
        secret = value in screen.secrets
        if _readable(value, secret, before, joined_before):
            readable += 1
            if _readable(value, secret, after, joined_after):
                leaked += 1
                leaks.append(value)
    if readable:
        tally["zero readable PII"][0] += leaked == 0
        tally["zero readable PII"][1] += 1
    seen_before, seen_after = set(before), set(after)
    for word in screen.other:
        runs = _runs(word)
        if runs and runs[0].isalpha() and runs[0] in seen_before:
            tally["other words readable"][0] += runs[0] in seen_after
            tally["other words readable"][1] += 1
    return leaks


def source_found(screen: Screen, before: list[str], tally: Tally) -> None:
    joined, seen = "".join(before), set(before)
    for value in screen.pii:
        if _runs(value) or value in screen.secrets:
            tally["PII found in source"][0] += _readable(value, value in screen.secrets, before, joined)
            tally["PII found in source"][1] += 1
    for word in screen.other:
        runs = _runs(word)
        if runs and runs[0].isalpha():
            tally["other words found in source"][0] += runs[0] in seen
            tally["other words found in source"][1] += 1


class Case(NamedTuple):
    screen: Screen
    groups: tuple[str, ...]  # "all", then per theme and per size
    label: str  # names the screen in --show-leaks lines


def pillow_cases(per_cell: int, seed: int) -> Iterator[Case]:
    for theme in THEMES:
        for scale in SCALES:
            for layout in LAYOUTS:
                for index in range(per_cell):
                    screen = generate(layout, theme, scale, index, seed)
                    groups = ("all", f"theme={theme}", f"scale={scale}x", f"{theme} {scale}x")
                    yield Case(screen, groups, f"{theme} {scale}x {layout} #{index}")


def browser_cases(per_cell: int, seed: int) -> Iterator[Case]:
    """screen_browser.py's pages, rendered in one chromium that stays open while the cases are consumed."""
    import screen_browser

    with screen_browser.renderer() as render:
        for cell in screen_browser.cells(per_cell):
            screen = render(cell, seed)
            size = f"{screen.image.width}px {screen.scale}x"
            groups = ("all", f"theme={cell.theme}", f"width={size}", f"{cell.theme} {size}")
            yield Case(screen, groups, f"{cell.theme} {size} {cell.layout} {screen.locale} #{cell.index}")


GENERATORS: dict[str, tuple[Callable[[int, int], Iterator[Case]], str]] = {
    "pillow": (pillow_cases, "layout x theme x scale"),
    "browser": (browser_cases, "layout x theme x width"),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--generator",
        choices=sorted(GENERATORS),
        default="pillow",
        help="screen_generator.py's Pillow drawings or screen_browser.py's pages rendered by chromium",
    )
    parser.add_argument("--per-cell", type=int, default=2, help="screens per layout, theme and scale/width")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument(
        "--methods",
        default=",".join((*MODES, REFERENCE)),
        help="comma-separated image modes and/or " + REFERENCE,
    )
    parser.add_argument("--show-leaks", action="store_true", help="print every PII value still readable")
    parser.add_argument(
        "--word-aligned",
        action="store_true",
        help="a value's run counts as read only as whole read words (or OCR's pieces of one), not inside a "
        "longer word ('Ferenc' in 'difference'); secrets are matched anywhere either way",
    )
    parser.add_argument(
        "--explain-leaks",
        action="store_true",
        help="with --show-leaks, also print which pieces of each leaked value are read, in which OCR words",
    )
    parser.add_argument(
        "--strong-scorer",
        action="store_true",
        help="score with verify's three OCR reads together (2x, inverted) instead of one plain read",
    )
    args = parser.parse_args()
    WORD_ALIGNED["on"] = args.word_aligned
    methods = args.methods.split(",")
    redactors: dict[str, Redactor] = {mode: our_redactor(mode) for mode in MODES if mode in methods}
    if REFERENCE in methods:
        try:
            redactors[REFERENCE] = reference_redactor()
        except ImportError as exc:
            print(
                f"{REFERENCE}: cannot run ({exc}); install it (pip install presidio-image-redactor==0.0.62)"
            )
    # groups: "all", "theme=dark", "scale=2x", "dark 2x"; method -> group -> tally
    tallies: dict[str, dict[str, Tally]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(lambda: [0, 0]))
    )
    seconds: dict[str, float] = defaultdict(float)
    screens = 0
    cases, cell_names = GENERATORS[args.generator]
    with tempfile.TemporaryDirectory() as folder:
        for screen, groups, label in cases(args.per_cell, args.seed):
            source = Path(folder) / f"{screens}.png"
            screen.image.save(source)
            screens += 1
            before = _ocr(source, args.strong_scorer)
            for group in groups:
                source_found(screen, before, tallies["source"][group])
            for method, redactor in redactors.items():
                target = Path(folder) / f"{screens}-{method}.png"
                started = time.perf_counter()
                redactor(source, target)
                seconds[method] += time.perf_counter() - started
                after = _ocr(target, args.strong_scorer)
                for group in groups:
                    leaks = score(screen, before, after, tallies[method][group])
                if args.show_leaks and leaks:
                    print(f"{method} {label}: {leaks}", flush=True)
                    if args.explain_leaks:
                        for value in dict.fromkeys(leaks):
                            print("    " + explain_leak(value, value in screen.secrets, after), flush=True)
    scorer = "verify's three reads" if args.strong_scorer else "one plain read"
    scorer += ", whole words" if args.word_aligned else ", anywhere in the words run together"
    print(
        f"{screens} screens ({args.per_cell} per {cell_names}, {args.generator}), seed {args.seed}, "
        f"scored by {scorer}"
    )
    for method, groups in tallies.items():
        rate = f", {seconds[method] / screens:.2f} s/screen" if method in seconds else ""
        print(f"\n{method}{rate}")
        for group, tally in sorted(groups.items(), key=lambda item: (item[0] != "all", item[0])):
            cells = []
            for metric, (hits, total) in sorted(tally.items()):
                share, low, high = wilson(hits, total)
                cells.append(f"{metric} {share:.3f} [{low:.3f}, {high:.3f}] ({hits}/{total})")
            print(f"  {group:12} " + "; ".join(cells))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
