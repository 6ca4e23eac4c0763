"""The password rule: when a new password is refused, and the one sentence that says why.

Checked in this order, on the password exactly as typed (spaces count towards the length; the
pattern checks look at the characters other than spaces, in lowercase):
  1. 12 to 128 characters;
  2. not on zxcvbn's list of commonly used passwords;
  3. not containing the username;
  4. not built from the department's or the town's name (the words of the department and unit
     name settings), with or without a year: at least 8 letters or digits of one's own besides;
  5. not mostly repeated characters ("aaaa", "abcabc"), sequences ("abcd", "4321") or rows of
     keys ("qwerty", "asdf");
  6. zxcvbn's estimate, with the username and those names as known words, at least 10^8 guesses
     (its score 3); zxcvbn reads at most the first 72 characters (its own bound on work).
Whether it is one of the user's last passwords needs their stored hashes: core/accounts.py.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from core.passwords import MAX_LENGTH, MIN_LENGTH

MIN_OWN = 8                 # letters or digits besides the department's and town's names and years
MIN_SCORE = 3               # zxcvbn: 0-4; 3 means at least 10^8 guesses
ZXCVBN_LENGTH = 72

SUGGESTION = "A passphrase of several unrelated words works well."
COMMON = "That password is on a list of commonly used passwords; choose another."
USERNAME = "The password must not contain the username."
NAMES = ("It is built from the department's or town's name (with or without a year): "
         f"add at least {MIN_OWN} letters or digits of your own.")
PATTERNS = {
    "repeat": 'It repeats a character or a short group of characters (like "aaaa" or "abcabc"), '
              "which is guessed first. " + SUGGESTION,
    "sequence": 'It is mostly a sequence of letters or digits (like "abcd" or "4321"), '
                "which is guessed first. " + SUGGESTION,
    "keyboard": 'It is mostly a row of keys on the keyboard (like "qwerty" or "asdf"), '
                "which is guessed first. " + SUGGESTION,
}

_SEQUENCES = ("abcdefghijklmnopqrstuvwxyz", "01234567890")
_KEY_ROWS = ("`1234567890-=", "qwertyuiop[]\\", "asdfghjkl;'", "zxcvbnm,./")
_YEAR = re.compile(r"(?:19|20)\d\d")
_WORD = re.compile(r"[^\W\d_]{3,}")
_NOT_NAMES = frozenset({"and", "the", "for"})
_BLOCK = re.compile(r"(.{2,}?)\1+")


def names_in(texts: Iterable[str | None]) -> tuple[str, ...]:
    """The words (3 letters or more, lowercase) of the department's and unit's names."""
    words = {w.lower() for text in texts if text for w in _WORD.findall(text)}
    return tuple(sorted(words - _NOT_NAMES, key=lambda w: (-len(w), w)))


def problem(password: str, username: str = "", names: Iterable[str] = ()) -> str | None:
    """Why a new password is refused, or None when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return f"Use at least {MIN_LENGTH} characters."
    if len(password) > MAX_LENGTH:
        return f"Use at most {MAX_LENGTH} characters."
    lowered = password.lower()
    if lowered in _common_passwords():
        return COMMON
    if username and username.lower() in lowered:
        return USERNAME
    names = tuple(names)
    if _built_from(lowered, names):
        return NAMES
    pattern = _mostly_pattern("".join(lowered.split()))
    if pattern:
        return PATTERNS[pattern]
    return _guessable(password, [username, *names] if username else list(names))


def _built_from(lowered: str, names: tuple[str, ...]) -> bool:
    rest, found = lowered, False
    for name in sorted(names, key=len, reverse=True):
        if name in rest:
            found, rest = True, rest.replace(name, " ")
    return found and sum(c.isalnum() for c in _YEAR.sub(" ", rest)) < MIN_OWN


def _mostly_pattern(core: str) -> str | None:
    """The kind of pattern ("repeat", "sequence", "keyboard") covering half the characters or more."""
    if len(set(core)) < 4:
        return "repeat"
    covered: list[str | None] = [None] * len(core)
    for match in _BLOCK.finditer(core):          # a group of 2+ characters repeated: "abab...", "passpass"
        block, span = len(match.group(1)), match.end() - match.start()
        if block >= 3 or span >= 3 * block:
            covered[match.start():match.end()] = ["repeat"] * span
    i = 0
    while i < len(core) - 1:                      # runs of 3+ characters: "aaa", "abc", "4321", "qwe"
        labels, j = _steps(core[i], core[i + 1]), i + 1
        while labels and j + 1 < len(core) and labels & _steps(core[j], core[j + 1]):
            labels, j = labels & _steps(core[j], core[j + 1]), j + 1
        if labels and j - i >= 2:
            kinds = {kind for kind, _ in labels}
            kind = next(k for k in ("sequence", "keyboard", "repeat") if k in kinds)
            for k in range(i, j + 1):
                covered[k] = covered[k] or kind
        i = j
    counts = Counter(kind for kind in covered if kind)
    if sum(counts.values()) * 2 >= len(core):
        return counts.most_common(1)[0][0]
    return None


def _steps(a: str, b: str) -> set[tuple[str, int]]:
    """How b follows a: the same character, or the next one forwards or backwards along the
    alphabet, the digits or a row of keys."""
    found: set[tuple[str, int]] = set()
    if a == b:
        found.add(("repeat", 0))
    for kind, lines in (("sequence", _SEQUENCES), ("keyboard", _KEY_ROWS)):
        for line in lines:
            for i, ch in enumerate(line):
                if ch != a:
                    continue
                if i + 1 < len(line) and line[i + 1] == b:
                    found.add((kind, 1))
                if i > 0 and line[i - 1] == b:
                    found.add((kind, -1))
    return found


def _guessable(password: str, known_words: list[str]) -> str | None:
    from zxcvbn import zxcvbn

    result = zxcvbn(password[:ZXCVBN_LENGTH], user_inputs=[w for w in known_words if w],
                    max_length=ZXCVBN_LENGTH)
    if result["score"] >= MIN_SCORE:
        return None
    warning = (result["feedback"].get("warning") or "").rstrip(".")
    return "It is too easy to guess" + (f" ({warning[:1].lower()}{warning[1:]})" if warning else "") + \
        ". " + SUGGESTION


@lru_cache(maxsize=1)
def _common_passwords() -> frozenset[str]:
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(FREQUENCY_LISTS["passwords"])
