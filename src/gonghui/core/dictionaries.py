"""Dictionaries for import columns: the canonical choices plus the words cadres actually write.

A dictionary maps every accepted spelling (the choice labels, the stored values and the synonyms
an app declares) to the canonical stored value, after folding blanks and full-width punctuation.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping


def fold(text: object) -> str:
    """The comparison form of a cell: no blanks, half-width brackets and slashes."""
    return (
        str(text)
        .strip()
        .replace(" ", "")
        .replace("\u3000", "")
        .replace("（", "(")
        .replace("）", ")")
        .replace("／", "/")
    )


class Dictionary:
    """Choices with synonyms; `lookup` returns the stored value or None."""

    def __init__(
        self, choices: Iterable[tuple[str, str]], *, synonyms: Mapping[str, str] | None = None
    ) -> None:
        self.choices = list(choices)
        self.labels = [str(label) for _, label in self.choices]
        values = {value for value, _ in self.choices}
        self._by_text: dict[str, str] = {}
        for value, label in self.choices:
            self._by_text[fold(label)] = value
            self._by_text[fold(value)] = value
        for word, value in (synonyms or {}).items():
            if value not in values:
                raise ValueError(f"synonym {word!r} names an unknown value {value!r}")
            self._by_text[fold(word)] = value

    def lookup(self, text: object) -> str | None:
        if text is None:
            return None
        return self._by_text.get(fold(text))

    def accepted(self) -> str:
        """The labels for an error message: 只能选择：a、b、c."""
        return "、".join(self.labels)
