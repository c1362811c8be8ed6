"""How privacy flags live in the clean store, beside the labels, with no schema change.

A flag is an `annotations` row of kind ``privacy`` (`store.PRIVACY_KIND`): an annotator (the VLM's screening
pass, `vlm.py`) that saw sensitive content the anonymizer missed writes one per flagged segment, with
``label`` true, ``t`` the start of what it covers and ``{"end": t_us, "reason": "..."}`` in its data. A
reviewer answers with a row of source ``human`` at the same ``t``: ``label`` true confirms the flag, false
clears it. Flags are never decision points; the export leaves out everything inside a flag's span unless it
is cleared (`export/privacy_spans.py`).
"""

CONFIRM = "confirm"
CLEAR = "clear"


def flag_status(human_label: bool | None) -> str:
    """``flagged`` (nobody looked yet), ``confirmed`` or ``cleared``, from the human row's label if any."""
    if human_label is None:
        return "flagged"
    return "confirmed" if human_label else "cleared"
