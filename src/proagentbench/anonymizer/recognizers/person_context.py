"""Names that context marks as a person's, even when no name list holds them.

- mail headers: every name in `From:`, `To:`, `Cc:`, `Reply-To:` (and `Von:`, `An:`, `De:`, `Para:`...): 0.8;
- chat speaker prefixes at the start of a line: after a timestamp (`[10:42] Réka: ok`), or holding a listed
  first or last name (`Priya Raman: thanks!`): 0.65;
- greetings (`Hi Réka,`, `Hallo Jürgen!`) and sign-offs (`Thanks,\\nAlex`, or a listed first name alone on the
  last line, or as the whole text): 0.7;
- mentions of display names (`@Anna Schmidt`) and vocatives (`..., Priya please check`, `Réka, can you`): 0.7.
A word counts when it is capitalised (or of a script without case) and may be a name: a listed name that is
not mostly an ordinary word, or no common word at all (`gazetteer.name_like`), so `Error:`, `Hi team,` and
`Subject:` are left.
"""

import re

from presidio_analyzer import RecognizerResult

from proagentbench.anonymizer.entities import PERSON
from proagentbench.anonymizer.gazetteer import first_names, last_names, name_like
from proagentbench.anonymizer.recognizers.base import PersonRecognizer
from proagentbench.anonymizer.recognizers.person_gazetteer import capitalised

HEADER_SCORE = 0.8
CONTEXT_SCORE = 0.7
SPEAKER_SCORE = 0.65

_WORD = r"[^\W\d_]+(?:[-'’][^\W\d_]+)?"
_NAME = _WORD + r"(?: " + _WORD + r"){0,3}"
_HEADER = re.compile(
    r"(?im)^[ \t>]*(?:from|to|cc|bcc|reply-to|sender|von|an|de|à|para|da|a|van|aan|från|till)[ \t]*:[ \t]*"
    r"(?P<list>[^\n]*)"
)
_HEADER_NAME = re.compile(r"(?:^|(?<=[,;]))\s*\"?(?P<v>" + _NAME + r")\"?(?=\s*(?:<|\(|,|;|$))")
_SPEAKER = re.compile(
    r"(?m)^[ \t]*(?:\[?\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp][Mm])?\]?[ \t]+)?(?P<v>"
    + _WORD
    + r"(?: "
    + _WORD
    + r"){0,2})[ \t]*:[ \t]+\S"
)
_GREETING = re.compile(
    r"(?i:\b(?:hi|hello|hey|dear|hallo|liebe|lieber|bonjour|salut|hola|ciao|hej|moin|dzień dobry|olá|oi))"
    r"[ \t]+(?P<v>" + _WORD + r"(?: " + _WORD + r")?)(?=[ \t]*(?:[,!:.\n]|$))"
)
_SIGN_OFF = re.compile(
    r"(?i:\b(?:thanks|thank you|cheers|best|regards|best regards|kind regards|sincerely|yours|br|mfg|"
    r"grüße|gruß|cordialement|saludos|saluti|groeten|hälsningar))[,!.]?[ \t]*\n[ \t]*(?P<v>"
    + _WORD
    + r"(?: "
    + _WORD
    + r")?)[ \t]*$",
    re.MULTILINE,
)
# A text typed on its own that is a listed first name is a signature as well (the sign-off is often typed
# after a pause, so it arrives as a text of its own).
_LAST_LINE = re.compile(r"(?:\A|\n)[ \t]*(?P<v>" + _WORD + r"(?: " + _WORD + r")?)[ \t]*\n?[ \t]*\Z")
_MENTION = re.compile(r"(?<![\w@])@(?P<v>" + _WORD + r"(?: " + _WORD + r")?)")
_VOCATIVE = re.compile(
    r"(?:,[ \t]+(?P<a>" + _WORD + r")(?=[ \t]+(?:please|can you|could you|would you|pls)\b|[ \t]*[,!?])"
    r"|(?:^|(?<=[.!?\n])[ \t]*)(?P<b>" + _WORD + r"),[ \t]+(?=(?:can|could|would|please|do|did|are|is|have|"
    r"will|let|pls)\b))",
    re.MULTILINE,
)


def _listed_name(value: str) -> bool:
    """A speaker prefix holds a listed first or last name: `Word: text` is also how titles and logs label
    things (`Darukezelő: job description`), and a word no list knows is not enough there."""
    return any(word.lower() in first_names() or word.lower() in last_names() for word in value.split())


def _person_words(value: str) -> bool:
    words = value.split()
    return all(capitalised(w) and name_like(w.lower()) for w in words)


class PersonContextRecognizer(PersonRecognizer):
    def find(self, text: str) -> list[RecognizerResult]:
        results: list[RecognizerResult] = []

        def add(start: int, end: int, score: float) -> None:
            if _person_words(text[start:end]):
                results.append(RecognizerResult(PERSON, start, end, score))

        if ":" in text:
            for header in _HEADER.finditer(text):
                base = header.start("list")
                for name in _HEADER_NAME.finditer(header.group("list")):
                    add(base + name.start("v"), base + name.end("v"), HEADER_SCORE)
            for match in _SPEAKER.finditer(text):
                timestamped = any(char.isdigit() for char in text[match.start() : match.start("v")])
                if timestamped or _listed_name(match.group("v")):
                    add(*match.span("v"), SPEAKER_SCORE)
        for pattern in (_GREETING, _SIGN_OFF):
            for match in pattern.finditer(text):
                add(*match.span("v"), CONTEXT_SCORE)
        last = _LAST_LINE.search(text)
        if last and last.group("v").split()[0].lower() in first_names():
            add(*last.span("v"), CONTEXT_SCORE)
        if "@" in text:
            for match in _MENTION.finditer(text):
                add(*match.span("v"), CONTEXT_SCORE)
        if "," in text:
            for match in _VOCATIVE.finditer(text):
                group = "a" if match.group("a") else "b"
                add(*match.span(group), CONTEXT_SCORE)
        return results
