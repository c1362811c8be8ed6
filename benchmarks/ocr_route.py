"""OCR per frame through pipes (the anonymizer's route) against pytesseract's temp-file route, same frames,
same run: the word lists must match, and the time per frame is reported for both.

    PYTHONPATH=src python benchmarks/ocr_route.py [--frames 12] [--rounds 2]

The frames are the bundled sample sessions' screenshots (rendered into a temporary raw store). pytesseract is
the reference only; it is not a dependency of the toolkit (`pip install pytesseract` to run this).
"""

import argparse
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=12)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()

    import pytesseract
    from PIL import Image

    from proagentbench.anonymizer.image.ocr import dark_on_light, ocr_words
    from proagentbench.demo.sample import build_sample_store
    from proagentbench.paths import screenshots_dir

    with tempfile.TemporaryDirectory() as folder:
        raw = Path(folder) / "raw.sqlite"
        build_sample_store(raw)
        files = sorted(p for p in screenshots_dir(raw).rglob("*") if p.is_file())[: args.frames]
        images = [Image.open(path).convert("RGB") for path in files]
        for round_number in range(1, args.rounds + 1):
            started = time.perf_counter()
            ours = [[w.text for w in ocr_words(image)] for image in images]
            piped = (time.perf_counter() - started) / len(images)
            started = time.perf_counter()
            theirs = []
            for image in images:
                data = pytesseract.image_to_data(
                    dark_on_light(image), output_type=pytesseract.Output.DICT, config="--psm 11"
                )
                theirs.append([text.strip() for text in data["text"] if text and text.strip()])
            temp_files = (time.perf_counter() - started) / len(images)
            words = sum(len(w) for w in ours)
            print(
                f"round {round_number}: {len(images)} frames, {words} words, identical: {ours == theirs}; "
                f"pipes {piped:.3f} s/frame, pytesseract {temp_files:.3f} s/frame, "
                f"ratio {temp_files / piped:.2f}"
            )


if __name__ == "__main__":
    main()
