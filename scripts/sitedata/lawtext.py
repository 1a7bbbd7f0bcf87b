"""Read a maximum penalty out of the official French sentence that sets it.

Every penalty tier in data/laws.yml quotes the sentence of the Code pénal it comes from (`text`).
This module reads the prison term, the fine and the account-suspension time out of that sentence,
so records.py can refuse a tier whose numbers say something else. That is how the site caught
itself printing an out-of-date 227-23 penalty: the numbers had been typed from a commentary, not
from the consolidated text.

The official wording mixes figures and number words: « cinq ans d'emprisonnement », « d'un an
d'emprisonnement », « 75 000 euros d'amende », « 60 000 € d'amende », « un million d'euros
d'amende », « une durée maximale de six mois ; cette durée est portée à un an ». Ages written the
same way (« mineur de quinze ans ») are not penalties: only a term followed by « d'emprisonnement »
counts as prison.

Pure functions, no I/O.
"""

from __future__ import annotations

import re
import unicodedata

# Number words as the Code pénal writes them (penalties never go beyond these).
NUMBER_WORDS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
    "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15,
    "seize": 16, "dix-huit": 18, "vingt": 20, "trente": 30,
}
_NUMBER = r"(?P<n>\d+|" + "|".join(sorted(map(re.escape, NUMBER_WORDS), key=len, reverse=True)) + r")"
_APOS = "['’]"
_SPACE = r"[ \u00a0\u202f]"

PRISON = re.compile(rf"\b{_NUMBER}{_SPACE}+(?P<unit>ans?|mois){_SPACE}+d{_APOS}emprisonnement", re.I)
# « 75 000 euros d'amende », « 60 000 € d'amende », « un million d'euros d'amende ».
FINE = re.compile(
    rf"(?:(?P<digits>\d{{1,3}}(?:{_SPACE}\d{{3}})*|\d+){_SPACE}*(?:euros|€)"
    rf"|\b(?P<millions>un|deux|trois|quatre|cinq){_SPACE}+millions?{_SPACE}+d{_APOS}euros)"
    rf"{_SPACE}+d{_APOS}amende", re.I)
# Account suspension (art. 131-35-1): « une durée maximale de six mois », « portée à un an ».
SUSPENSION = re.compile(
    rf"(?:durée{_SPACE}+maximale{_SPACE}+de|durée{_SPACE}+est{_SPACE}+portée{_SPACE}+à){_SPACE}+"
    rf"{_NUMBER}{_SPACE}+(?P<unit>ans?|mois)\b(?!{_SPACE}+d{_APOS}emprisonnement)", re.I)


class UnreadableSentence(ValueError):
    """The sentence states no penalty we can read, or several different ones."""


def _number(text: str) -> int:
    text = text.lower()
    return int(text) if text.isdigit() else NUMBER_WORDS[text]


def _months(match: re.Match) -> int:
    n = _number(match.group("n"))
    return n if match.group("unit").lower() == "mois" else 12 * n


def _one(values: list[int], what: str, shown) -> int | None:
    distinct = sorted(set(values))
    if len(distinct) > 1:
        raise UnreadableSentence(
            f"the official sentence states several {what} ({', '.join(shown(v) for v in distinct)})")
    return distinct[0] if distinct else None


def penalty_from_sentence(sentence: str) -> dict[str, int]:
    """{'prison_years': 5, 'fine_eur': 75000} from « … est puni de cinq ans d'emprisonnement et de
    75 000 euros d'amende. » Raises UnreadableSentence when the sentence states no penalty, or two
    different prison terms, fines or suspension times (quote only the part for one case)."""
    text = unicodedata.normalize("NFC", sentence)
    prison_months = [_months(m) for m in PRISON.finditer(text)]
    fines = []
    for match in FINE.finditer(text):
        if match.group("digits"):
            fines.append(int(re.sub(r"\D", "", match.group("digits"))))
        else:
            fines.append(_number(match.group("millions")) * 1_000_000)
    suspensions = [_months(m) for m in SUSPENSION.finditer(text)]

    penalty: dict[str, int] = {}
    months = _one(prison_months, "prison terms", lambda m: describe({"prison_years": m / 12}))
    if months is not None:
        if months % 12:
            raise UnreadableSentence(f"the official sentence gives a prison term of {months} months, "
                                     "which the data cannot hold (prison_years is a whole number of years)")
        penalty["prison_years"] = months // 12
    suspension = _one(suspensions, "suspension times", lambda m: describe({"account_suspension_months": m}))
    if suspension is not None:
        penalty["account_suspension_months"] = suspension
    fine = _one(fines, "fines", lambda f: describe({"fine_eur": f}))
    if fine is not None:
        penalty["fine_eur"] = fine
    if not penalty:
        raise UnreadableSentence("no prison term, fine or suspension time can be read in the official sentence")
    return penalty


def _amount(euros: int) -> str:
    return f"{euros:,}".replace(",", " ") + " €"


def describe(penalty: dict) -> str:
    """'5 years / 75 000 €', '75 000 €', '6 months' account suspension' — for error messages."""
    parts = []
    if "prison_years" in penalty:
        years = penalty["prison_years"]
        years = int(years) if float(years).is_integer() else round(years, 2)
        parts.append(f"{years} year{'s' if years != 1 else ''}")
    if "account_suspension_months" in penalty:
        parts.append(f"{penalty['account_suspension_months']} months' account suspension")
    if "fine_eur" in penalty:
        parts.append(_amount(penalty["fine_eur"]))
    return " / ".join(parts) or "nothing"


def tiers(law: dict):
    """Each penalty tier of a law record with its case name, as page markers name it:
    ('base', ('base',), tier), ('aggravation-1', ('aggravations', 0), tier), ('other-1', …)."""
    if isinstance(law.get("base"), dict):
        yield "base", ("base",), law["base"]
    for key, case in (("aggravations", "aggravation"), ("other_cases", "other")):
        for j, tier in enumerate(law.get(key) or []):
            if isinstance(tier, dict):
                yield f"{case}-{j + 1}", (key, j), tier


def sentence_problems(law: dict) -> list[tuple[tuple, str, str]]:
    """What is wrong between each tier's penalty and its official sentence, as (path inside the
    record, problem, fix) — records.py turns them into `data/laws.yml:LINE: …` messages."""
    law_id = law.get("id", "?")
    found = []
    for case, path, tier in tiers(law):
        penalty = tier.get("penalty")
        if not isinstance(penalty, dict) or not all(type(v) is int for v in penalty.values()):
            continue  # the schema reports it
        has_text, unavailable = isinstance(tier.get("text"), str), "text_unavailable" in tier
        if has_text and unavailable:
            found.append((path + ("text_unavailable",), f"{law_id} {case}: has both `text` and `text_unavailable`",
                          "keep `text` (the official sentence) and delete `text_unavailable`"))
        elif not has_text and not unavailable:
            found.append((path, f"{law_id} {case}: the penalty has no official sentence",
                          "add `text:` with the sentence of the article that sets it, quoted word for word from the "
                          "consolidated text on Légifrance (or `text_unavailable:` saying why it could not be found)"))
        if not has_text:
            continue
        try:
            official = penalty_from_sentence(tier["text"])
        except UnreadableSentence as error:
            found.append((path + ("text",), f"{law_id} {case}: {error}",
                          "quote the sentence that states this case's penalty, e.g. « … est puni de cinq ans "
                          "d'emprisonnement et de 75 000 euros d'amende. », and cut other cases with […]"))
            continue
        if official != penalty:
            found.append((path + ("penalty",), f"{law_id} {case}: the penalty says {describe(penalty)} but its "
                          f"official sentence says {describe(official)}", "fix one of them"))
    return found

