"""Cheap near-duplicate detection: the share of changed cells in a downscaled grayscale copy of the frame."""

from typing import Any

DOWNSCALE = 4
CELL_CHANGE_LEVEL = 12  # grey levels a cell must move to count as changed (ignores compression noise)


def fingerprint(image: Any) -> Any:
    """A small grayscale copy of a PIL image; a few typed characters still change a few dozen of its cells."""
    return image.convert("L").reduce(DOWNSCALE)


def changed_percent(previous: Any, current: Any) -> float:
    """Percentage of cells that differ between two fingerprints (100 when their sizes differ)."""
    from PIL import ImageChops

    if previous is None or previous.size != current.size:
        return 100.0
    difference = ImageChops.difference(previous, current).point(
        lambda value: 255 if value > CELL_CHANGE_LEVEL else 0
    )
    changed = difference.histogram()[255]
    return 100.0 * changed / (current.size[0] * current.size[1])
