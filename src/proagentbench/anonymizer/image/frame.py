"""Redacting one frame, and a chunk of consecutive frames as one picklable task for a process pool.

Tasks carry file paths, never pixels, so frames are not copied through process queues.
"""

import hashlib
import io
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from proagentbench.anonymizer.context import ScrubSetup, make_scrubber
from proagentbench.anonymizer.image.analysis import boxes_to_redact, title_words
from proagentbench.anonymizer.image.fuzzy import KnownValues
from proagentbench.anonymizer.image.incremental import IncrementalOcr, OcrStats
from proagentbench.anonymizer.image.loading import check_recorded_digest, load_image
from proagentbench.anonymizer.image.ocr import ocr_words
from proagentbench.anonymizer.image.redact import black_out, redact
from proagentbench.anonymizer.policy import Policy
from proagentbench.anonymizer.tempdir import ocr_temp_dir
from proagentbench.anonymizer.text import TextScrubber
from proagentbench.executors import ticks
from proagentbench.paths import use_temp_dir, write_private

Rect = tuple[int, int, int, int]
SAVE_FORMATS = {".png": "PNG", ".webp": "WEBP", ".jpg": "JPEG", ".jpeg": "JPEG"}


@dataclass(frozen=True)
class FrameTask:
    raw_id: int
    source: Path
    target: Path
    excluded_rects: tuple[Rect, ...] = ()
    sha256: str | None = None  # recorded at capture; a frame whose bytes differ is refused
    # What the text side found in this frame's window title: its words are redacted wherever the frame shows
    # them (the title bar above all), also apart or reordered ("Keller, Maria" for "Maria Keller").
    title_values: tuple[str, ...] = ()


@dataclass(frozen=True)
class FrameResult:
    raw_id: int
    target: Path
    width: int
    height: int
    bytes: int
    sha256: str
    entities: dict[str, int]


@dataclass(frozen=True)
class FrameChunk:
    setup: ScrubSetup
    known_values: tuple[str, ...]
    tasks: tuple[FrameTask, ...]
    # The run's private OCR temp folder, named explicitly: a worker may not have inherited TMPDIR.
    temp_dir: Path | None = None


@dataclass
class ChunkResult:
    frames: list[FrameResult] = field(default_factory=list)
    stats: OcrStats = field(default_factory=OcrStats)
    # Frames already reported one by one: through `counting_frames` (a chunk run in the driver's thread) or
    # the process pool's tick channel (a chunk run in a worker process).
    counted: int = 0


_listener = threading.local()


@contextmanager
def counting_frames(advance: Callable[[int], None]) -> Iterator[None]:
    """Frames of chunks run in this thread (the inline executor) are reported to ``advance`` one by one as
    each is redacted; so are those of a process pool's workers, through its tick channel (`ProcessExecutor.
    on_ticks`); a chunk run in a worker thread or on Ray is reported whole when its result is back."""
    _listener.advance = advance
    try:
        yield
    finally:
        _listener.advance = None


def new_ocr_state(policy: Policy) -> IncrementalOcr:
    """OCR state for one run of consecutive frames (incremental OCR needs the previous frame)."""
    cmd = policy.tesseract_cmd
    return IncrementalOcr(
        ocr=lambda image, prefix: ocr_words(image, tesseract_cmd=cmd, line_prefix=prefix),
        enabled=policy.incremental_ocr,
    )


def redact_frame(
    task: FrameTask, scrubber: TextScrubber, known: KnownValues, ocr_state: IncrementalOcr
) -> FrameResult:
    policy = scrubber.policy
    if task.sha256:
        check_recorded_digest(task.source, task.sha256)
    image = load_image(task.source, max_pixels=policy.max_image_pixels)
    words = ocr_state.words(image)
    boxes = boxes_to_redact(
        words,
        scrubber,
        known,
        mode=policy.image_mode,
        min_conf=policy.ocr_min_confidence,
        title_words=title_words(task.title_values),
    )
    redact(image, boxes, operator=policy.image_operator, fill_color=policy.fill_color)
    for rect in task.excluded_rects:
        black_out(image, rect)
    data = encode_redacted(image, task.target)
    write_private(task.target, data)
    return FrameResult(
        task.raw_id,
        task.target,
        image.size[0],
        image.size[1],
        len(data),
        hashlib.sha256(data).hexdigest(),
        dict(Counter(box.entity for box in boxes)),
    )


def redact_image(source: Path, target: Path, scrubber: TextScrubber) -> dict[str, int]:
    """One image on its own, outside any session (`proagent scrub --image`): the redacted copy is written
    owner-only to ``target``; returns how many boxes of each entity were redacted."""
    task = FrameTask(0, source, target)
    with ocr_temp_dir(None):
        return redact_frame(task, scrubber, KnownValues(()), new_ocr_state(scrubber.policy)).entities


def run_frame_chunk(chunk: FrameChunk) -> ChunkResult:
    with use_temp_dir(chunk.temp_dir) if chunk.temp_dir is not None else nullcontext():
        scrubber = make_scrubber(chunk.setup)
        known = KnownValues(chunk.known_values)
        state = new_ocr_state(chunk.setup.policy)
        result = ChunkResult()
        advance = getattr(_listener, "advance", None) or ticks.channel()
        for task in chunk.tasks:
            result.frames.append(redact_frame(task, scrubber, known, state))
            if advance is not None:
                advance(1)
                result.counted += 1
        result.stats = state.stats
        return result


def encode_redacted(image: Any, target: Path) -> bytes:
    fmt = SAVE_FORMATS.get(target.suffix.lower(), "PNG")
    buffer = io.BytesIO()
    # PNG level 3: about 40% less encoding time than the default for 1080p frames, files about 12% larger.
    options: dict[str, Any] = {"quality": 90} if fmt in ("WEBP", "JPEG") else {"compress_level": 3}
    image.save(buffer, format=fmt, **options)
    return buffer.getvalue()
