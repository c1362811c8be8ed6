"""Incremental OCR: consecutive frames differ in small regions, so only horizontal bands that changed since
the previous frame of the same session are OCR'd, and the previous words elsewhere are reused. Bands span the
full width and are grown to whole text lines, so a line is never cut in two. Identical frames come from a
cache keyed by a hash of their pixels."""

import hashlib
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from proagentbench.anonymizer.image.ocr import Word, dark_on_light

DIFF_THRESHOLD = 24  # grey levels; below is compression noise
MARGIN = 6
FULL_FRAME_FRACTION = 0.6
CACHE_FRAMES = 64
BAND_GAP = 24  # blank rows between stacked bands, so Tesseract never joins lines across them

OcrFunction = Callable[[Any, int], list[Word]]  # (image, line prefix) -> words


@dataclass
class OcrStats:
    full: int = 0
    incremental: int = 0
    cached: int = 0
    ocr_rows: int = 0
    total_rows: int = 0


@dataclass
class IncrementalOcr:
    ocr: OcrFunction
    enabled: bool = True
    stats: OcrStats = field(default_factory=OcrStats)
    _previous: Any = None
    _previous_words: list[Word] = field(default_factory=list)
    _cache: "OrderedDict[str, list[Word]]" = field(default_factory=OrderedDict)
    _bands_seen: int = 0

    def words(self, image: Any) -> list[Word]:
        import numpy as np

        gray = np.asarray(image.convert("L"), dtype=np.int16)
        digest = hashlib.sha256(gray.tobytes()).hexdigest()
        self.stats.total_rows += gray.shape[0]
        cached = self._cache.get(digest)
        if cached is not None:
            self._cache.move_to_end(digest)
            self.stats.cached += 1
            words = cached
        else:
            bands = self._changed_bands(gray)
            if bands is None:
                words = self.ocr(image, 0)
                self.stats.full += 1
                self.stats.ocr_rows += gray.shape[0]
            else:
                words = self._ocr_bands(image, bands)
                self.stats.incremental += 1
            self._cache[digest] = words
            if len(self._cache) > CACHE_FRAMES:
                self._cache.popitem(last=False)
        self._previous, self._previous_words = gray, words
        return words

    def _changed_bands(self, gray: Any) -> list[tuple[int, int]] | None:
        import numpy as np

        previous = self._previous
        if not self.enabled or previous is None or previous.shape != gray.shape:
            return None
        changed_rows = np.flatnonzero((np.abs(gray - previous) > DIFF_THRESHOLD).any(axis=1))
        if changed_rows.size == 0:
            return []
        height = gray.shape[0]
        bands: list[list[int]] = []
        for row in changed_rows.tolist():
            if bands and row <= bands[-1][1] + 2 * MARGIN:
                bands[-1][1] = row + 1
            else:
                bands.append([row, row + 1])
        grown = [self._grow_to_lines(top - MARGIN, bottom + MARGIN, height) for top, bottom in bands]
        merged: list[tuple[int, int]] = []
        for top, bottom in sorted(grown):
            if merged and top <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], bottom))
            else:
                merged.append((top, bottom))
        if sum(bottom - top for top, bottom in merged) > FULL_FRAME_FRACTION * height:
            return None
        return merged

    def _grow_to_lines(self, top: int, bottom: int, height: int) -> tuple[int, int]:
        """Extend a band until no previous word straddles its edges."""
        top, bottom = max(0, top), min(height, bottom)
        changed = True
        while changed:
            changed = False
            for word in self._previous_words:
                if word.top < bottom and top < word.bottom and (word.top < top or word.bottom > bottom):
                    top, bottom = (
                        max(0, min(top, word.top - MARGIN)),
                        min(height, max(bottom, word.bottom + MARGIN)),
                    )
                    changed = True
        return top, bottom

    def _ocr_bands(self, image: Any, bands: list[tuple[int, int]]) -> list[Word]:
        """OCR all changed bands in one Tesseract run (its start-up dominates for small regions): the bands
        are stacked into one image with blank gaps, and the words mapped back to their bands."""
        from PIL import Image, ImageOps

        kept = [w for w in self._previous_words if not any(w.top < b and t < w.bottom for t, b in bands)]
        if not bands:
            return kept
        width = image.size[0]
        height = sum(bottom - top for top, bottom in bands) + BAND_GAP * (len(bands) - 1)
        # Bands of one frame can differ in polarity (a dark title bar above a light page). Each band is made
        # dark-on-light on its own: one inversion decision for the whole stack garbles the other bands. Its
        # contrast is then stretched: an inverted title bar comes out light grey, and Tesseract reads text on
        # a grey strip between white gaps as noise.
        stacked = Image.new("L", (width, height), 255)
        offsets = []  # (top in the stacked image, bottom there, top in the frame)
        y = 0
        for top, bottom in bands:
            stacked.paste(ImageOps.autocontrast(dark_on_light(image.crop((0, top, width, bottom)))), (0, y))
            offsets.append((y, y + bottom - top, top))
            self.stats.ocr_rows += bottom - top
            y += bottom - top + BAND_GAP
        self._bands_seen += 1
        words = list(kept)
        for word in self.ocr(stacked, self._bands_seen):
            for stacked_top, stacked_bottom, frame_top in offsets:
                if stacked_top <= word.top < stacked_bottom:
                    words.append(word.shifted(0, frame_top - stacked_top, 0))
                    break
        return words
