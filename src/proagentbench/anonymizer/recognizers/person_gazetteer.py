"""Person names without NER: capitalised word pairs matched against the bundled name lists of many locales.

Scores (the default threshold is 0.5):
- a known first name then a known last name (`Maria Keller`, `Иван Петров`, with a middle name, or
  `Keller, Maria`), or a Han/Hangul/Kana run made of a known family name and a known given name
  (`王秀英`): 0.85;
- a known first name alone after a greeting or addressing word (`Hi Maria`, `cc Maria`): 0.7;
- two capitalised words after an addressing word (`Meeting with Sai Balay`, `by Anil Rao`): 0.6;
- a known first name then an unknown capitalised word (`Peter Shanker`): 0.55;
- two capitalised words that are names or no common word of the bundled vocabulary (`Nagy Bence`): 0.55.
Words that are names but far more often interface or everyday words (`Will`, `Page`, `New`, `Grant`) never
make a name on their own; month and weekday names used as dates (`Tháng Tư`, `Thứ Hai`, `Juli 2016`:
`calendar_words`) and place and language names (`Ostrów Wielkopolski`, `North Ndebele`: `place_names`) are
no name words at all. A trailing `Jr.`, `Sr.`, `MD`, `PhD`, `II`... is part of the name, and so are up to
two more name words (listed, or no common word) after a name of two words, also after particles
(`Pásztorné Hajdu Nikoletta`, `Haydée de Carballo`), and initials before it (`A. Molnár Botond`). Scripts
without case (Arabic, Hebrew, Devanagari, Thai) count as capitalised.
"""

import re

from presidio_analyzer import RecognizerResult

from proagentbench.anonymizer.calendar_words import calendar_spans, may_begin_date
from proagentbench.anonymizer.entities import PERSON
from proagentbench.anonymizer.gazetteer import (
    addressed_at,
    first_names,
    last_names,
    name_like,
    name_stopwords,
)
from proagentbench.anonymizer.phrases import tokens
from proagentbench.anonymizer.place_names import may_begin_place, place_spans
from proagentbench.anonymizer.recognizers.base import PersonRecognizer

PAIR_SCORE = 0.85
GREETING_SCORE = 0.7
CONTEXT_PAIR_SCORE = 0.6
WEAK_SCORE = 0.55
SHAPE_PAIR_SCORE = 0.55

Word = tuple[int, int, str]
_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)?")
_MC = re.compile(r"[A-Z][a-z]?[A-Z][a-z]+")  # McDonald, DeVito
# Han, Kana and Hangul have no spaces between family and given name.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]{2,4}")
# What may stand between two words of one name: a space, or particles (`de`, `van der`, `bin`).
_NAME_GAP = re.compile(
    r" (?:(?:van|von|de|der|den|du|da|di|del|della|dos|das|la|le|ter|ten|bin|ibn|al|el) )*"
)
# An initial right before a name (`A. Molnár Botond`, `J. R. Smith`).
_INITIAL = re.compile(r"(?<![\w.])(?:[A-Z]\. ?)+$")
_SUFFIX = re.compile(r",?\s(?:Jr\.?|Sr\.?|MD|PhD|DDS|DVM|Esq\.?|II|III|IV)(?![\w])")


def capitalised(token: str) -> bool:
    first = token[0]
    if not first.isupper():
        return not first.islower()  # a script without case
    rest = token[1:].replace("-", "").replace("'", "").replace("’", "")
    return rest == "" or rest.islower() or bool(_MC.fullmatch(token))


class PersonGazetteerRecognizer(PersonRecognizer):
    def load(self) -> None:
        self._first = first_names()
        self._last = last_names()
        self._stop = name_stopwords()

    def find(self, text: str) -> list[RecognizerResult]:
        words: list[Word] = []
        results: list[RecognizerResult] = []
        for match in _TOKEN.finditer(text):
            token = match.group()
            if _CJK.fullmatch(token):
                if self._cjk_name(token):
                    results.append(RecognizerResult(PERSON, match.start(), match.end(), PAIR_SCORE))
            elif len(token) >= 2 and capitalised(token):
                words.append((match.start(), match.end(), token.lower()))
        # Dates and places are looked up only when capitalised words may begin one (speed).
        dates = any(may_begin_date(word) for _, _, word in words)
        places = _may_hold_place(text, words)
        if dates or places:
            tokens_ = tokens(text)
            not_names = (calendar_spans(text, tokens_) if dates else []) + (
                place_spans(text, tokens_) if places else []
            )
            words = [w for w in words if not any(start <= w[0] < end for start, end in not_names)]
        used_until = -1
        for index, (start, _, _) in enumerate(words):
            if start < used_until:
                continue
            found = self._name_at(text, words, index)
            if found is not None:
                end, score = found
                end = self._longer(text, words, end, particles_only=end == words[index][1])
                suffix = _SUFFIX.match(text, end)
                end = suffix.end() if suffix else end
                initial = _INITIAL.search(text, 0, start)
                results.append(RecognizerResult(PERSON, initial.start() if initial else start, end, score))
                used_until = end
        return results

    def _longer(self, text: str, words: list[Word], end: int, particles_only: bool) -> int:
        """The end of a found name grown by up to two more name words after a space or a particle
        (`Pásztorné Hajdu Nikoletta`, `Begoña Iriarte Tejada`); a one-word name only after a particle
        (`Hi Haydée de Carballo`)."""
        for _ in range(2):
            following = next((w for w in words if w[0] > end), None)
            gap = _NAME_GAP.fullmatch(text, end, following[0]) if following else None
            if following is None or gap is None or (particles_only and gap.group() == " "):
                break
            if following[2] in self._stop or not name_like(following[2]):
                break
            end = following[1]
        return end

    def _cjk_name(self, token: str) -> bool:
        return any(
            token[:split] in self._last and token[split:] in self._first
            for split in (1, 2)
            if split < len(token)
        )

    def _name_at(self, text: str, words: list[Word], index: int) -> tuple[int, float] | None:
        start, end, word = words[index]
        addressed = addressed_at(text, start)
        following = _adjacent(text, words, index)
        if following is None:
            if addressed and word in self._first and word not in self._stop:
                return end, GREETING_SCORE
            return None
        _, next_end, next_word = following
        if word in self._stop and next_word in self._stop:
            return None
        if word in self._first and next_word in self._last:
            third = _adjacent(text, words, index + 1)
            if third is not None and next_word in self._first and third[2] in self._last:
                return third[1], PAIR_SCORE  # First Middle Last
            return next_end, PAIR_SCORE
        if word in self._last and next_word in self._first and text[end : end + 1] == ",":
            return next_end, PAIR_SCORE
        if word in self._stop or next_word in self._stop:
            return (
                (end, GREETING_SCORE)
                if addressed and word in self._first and word not in self._stop
                else None
            )
        if (
            addressed
            and _plain_name_word(text[start:end])
            and _plain_name_word(text[following[0] : next_end])
        ):
            return next_end, CONTEXT_PAIR_SCORE
        if word in self._first:
            return next_end, WEAK_SCORE
        if text[end : end + 1] == " " and name_like(word) and name_like(next_word):
            return next_end, SHAPE_PAIR_SCORE
        return None


_NOT_NAME_ENDINGS = ("tion", "sion", "ment", "ing", "ness", "ity", "ics", "ware", "book", "hub", "ful")


def _plain_name_word(word: str) -> bool:
    """Without list evidence, only plain capitalised words (not `OAuth`, `Authentication`) pass as names."""
    return (word[1:].islower() or not word[0].isupper()) and not word.lower().endswith(_NOT_NAME_ENDINGS)


def _may_hold_place(text: str, words: list[Word]) -> bool:
    """Whether a hyphenated word or two words one space apart may begin a listed place name."""
    for index, (start, end, word) in enumerate(words):
        if "-" in word and may_begin_place(text[start:end]):
            return True
        following = words[index + 1] if index + 1 < len(words) else None
        if following and text[end : following[0]] == " " and may_begin_place(text[start : following[1]]):
            return True
    return False


def _adjacent(text: str, words: list[Word], index: int) -> Word | None:
    """The next capitalised word when only a space (or `, ` for `Last, First`) separates it."""
    if index + 1 >= len(words):
        return None
    gap = text[words[index][1] : words[index + 1][0]]
    return words[index + 1] if gap in (" ", ", ") else None
