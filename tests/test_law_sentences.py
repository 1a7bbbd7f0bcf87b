"""Every penalty proves itself against the official sentence it is quoted from (data/laws.yml `text`).

The site once printed 2 years / €30,000 for possessing child sexual abuse images, copied from an
out-of-date commentary, when the consolidated text says 5 years / €75,000. These tests make that
kind of error stop `make check` and the build, with a message naming the line and the fix, and
check that the built law pages of both languages show the sentences next to the numbers.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from conftest import run_build
from scripts import paths
from scripts.sitedata.lawtext import UnreadableSentence, penalty_from_sentence
from scripts.sitedata.records import load_data

# --- Reading the official sentence -----------------------------------------------------------------

SENTENCES = [
    ("… est puni de cinq ans d'emprisonnement et de 75 000 euros d'amende.", {"prison_years": 5, "fine_eur": 75000}),
    ("… est puni de deux ans d'emprisonnement et de 30 000 euros d'amende.", {"prison_years": 2, "fine_eur": 30000}),
    ("… sont portées à dix ans d'emprisonnement et à un million d'euros d'amende lorsque …",
     {"prison_years": 10, "fine_eur": 1_000_000}),
    ("… est puni d'un an d'emprisonnement et de 15 000 € d'amende lorsque ces faits ont causé une incapacité "
     "totale de travail inférieure ou égale à huit jours …", {"prison_years": 1, "fine_eur": 15000}),
    ("… les peines sont portées à deux ans d'emprisonnement et à 60\u00a0000\u00a0€ d'amende.",
     {"prison_years": 2, "fine_eur": 60000}),
    # An age written like a term (« mineur de quinze ans ») is not a prison term.
    ("Les peines sont portées à dix ans d'emprisonnement et à 150 000 euros d'amende lorsque les faits ont été "
     "commis à l'encontre d'un mineur de quinze ans.", {"prison_years": 10, "fine_eur": 150000}),
    ("La suspension est prononcée pour une durée maximale de six mois […].", {"account_suspension_months": 6}),
    ("[…] cette durée est portée à un an lorsque la personne est en état de récidive légale.",
     {"account_suspension_months": 12}),
    ("… de ne pas procéder au blocage des comptes … est puni de 75 000 euros d'amende.", {"fine_eur": 75000}),
]


@pytest.mark.parametrize("sentence,penalty", SENTENCES, ids=[s[1].__repr__() + str(i) for i, s in enumerate(SENTENCES)])
def test_the_penalty_is_read_from_figures_and_number_words(sentence, penalty):
    assert penalty_from_sentence(sentence) == penalty


@pytest.mark.parametrize("sentence,message", [
    ("Le fait de consulter habituellement un tel service est puni.",
     "no prison term, fine or suspension time can be read in the official sentence"),
    ("… est puni de cinq ans d'emprisonnement et de 75 000 euros d'amende. Les peines sont portées à sept ans "
     "d'emprisonnement et à 100 000 euros d'amende lorsque …",
     "the official sentence states several prison terms (5 years, 7 years)"),
])
def test_a_sentence_without_one_clear_penalty_is_refused(sentence, message):
    with pytest.raises(UnreadableSentence, match=re.escape(message)):
        penalty_from_sentence(sentence)


def test_every_tier_of_the_real_data_has_its_sentence_and_agrees_with_it():
    data, problems = load_data()
    assert problems == []
    for law in data.laws.values():
        for tier in [law["base"], *law.get("aggravations", []), *law.get("other_cases", [])]:
            if "text" in tier:
                assert penalty_from_sentence(tier["text"]) == tier["penalty"], law["id"]
            else:
                assert "text_unavailable" in tier, law["id"]
    possession = data.laws["cp-227-23"]["other_cases"][0]
    assert possession["penalty"] == {"prison_years": 5, "fine_eur": 75000}
    assert possession["previous"]["penalty"] == {"prison_years": 2, "fine_eur": 30000}


# --- Exact messages for each kind of mismatch ---------------------------------------------------

POSSESSION = ("penalty: {prison_years: 5, fine_eur: 75000}\n"
              "        text: \"Le fait de consulter habituellement")
POSSESSION_TEXT = ("        text: \"Le fait de consulter habituellement ou en contrepartie d'un paiement un service de "
                   "communication au public en ligne mettant à disposition une telle image ou représentation, "
                   "d'acquérir ou de détenir une telle image ou représentation par quelque moyen que ce soit est puni "
                   "de cinq ans d'emprisonnement et de 75 000 euros d'amende.\"\n")
MISMATCHES = [
    ("years", POSSESSION, POSSESSION.replace("prison_years: 5", "prison_years: 2"), "penalty",
     "cp-227-23 other-1: the penalty says 2 years / 75 000 € but its official sentence says 5 years / 75 000 € "
     "— fix one of them"),
    ("fine", POSSESSION, POSSESSION.replace("fine_eur: 75000", "fine_eur: 30000"), "penalty",
     "cp-227-23 other-1: the penalty says 5 years / 30 000 € but its official sentence says 5 years / 75 000 € "
     "— fix one of them"),
    ("years and fine", POSSESSION, POSSESSION.replace("prison_years: 5, fine_eur: 75000", "prison_years: 2, fine_eur: 30000"),
     "penalty",
     "cp-227-23 other-1: the penalty says 2 years / 30 000 € but its official sentence says 5 years / 75 000 € "
     "— fix one of them"),
    ("missing sentence", POSSESSION_TEXT, "", "condition",
     "cp-227-23 other-1: the penalty has no official sentence — add `text:` with the sentence of the article that "
     "sets it, quoted word for word from the consolidated text on Légifrance (or `text_unavailable:` saying why it "
     "could not be found)"),
    ("unreadable sentence", POSSESSION_TEXT,
     "        text: \"Le fait de consulter habituellement un tel service est puni des mêmes peines.\"\n", "text",
     "cp-227-23 other-1: no prison term, fine or suspension time can be read in the official sentence — quote the "
     "sentence that states this case's penalty, e.g. « … est puni de cinq ans d'emprisonnement et de 75 000 euros "
     "d'amende. », and cut other cases with […]"),
]


def _broken_data(tmp_path, old: str, new: str):
    data_dir = tmp_path / "data"
    shutil.copytree(paths.DATA, data_dir)
    laws = data_dir / "laws.yml"
    text = laws.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"fixture no longer matches data/laws.yml: {old!r}"
    laws.write_text(text.replace(old, new), encoding="utf-8")
    return data_dir, laws, laws.read_text(encoding="utf-8")


def _line_of(text: str, needle: str, after: str) -> int:
    """1-based line of the first `needle` after the first `after` (the 227-23 possession tier)."""
    start = text.index(after)
    return text.count("\n", 0, text.index(needle, start)) + 1


@pytest.mark.parametrize("case,old,new,key,message", MISMATCHES, ids=[m[0] for m in MISMATCHES])
def test_each_mismatch_is_reported_exactly(tmp_path, case, old, new, key, message):
    data_dir, laws, text = _broken_data(tmp_path, old, new)
    tier_start = "          fr: \"Consulter habituellement ou contre paiement"
    needle = {"penalty": "        penalty:", "text": "        text:", "condition": "      - condition:"}[key]
    if key == "condition":  # the tier's own line: the `- condition:` just before its French text
        line = text.count("\n", 0, text.index(tier_start)) + 1 - 1
    else:
        line = _line_of(text, needle, tier_start)
    _, problems = load_data(data_dir)
    shown = [str(p) for p in problems]
    assert shown == [f"{laws.resolve().as_posix()}:{line}: {message}"]


def test_make_check_and_the_build_stop_on_a_mismatch(tmp_path, project_copy):
    """The same message from `make check` (its data check) and from the build; site/ is never written."""
    laws = project_copy / "data" / "laws.yml"
    text = laws.read_text(encoding="utf-8")
    laws.write_text(text.replace(POSSESSION, POSSESSION.replace("prison_years: 5, fine_eur: 75000",
                                                                "prison_years: 2, fine_eur: 30000")), encoding="utf-8")
    expected = ("data/laws.yml:{line}: cp-227-23 other-1: the penalty says 2 years / 30 000 € but its official "
                "sentence says 5 years / 75 000 € — fix one of them")
    line = _line_of(laws.read_text(encoding="utf-8"), "        penalty:", "          fr: \"Consulter habituellement")
    check = subprocess.run([sys.executable, "-m", "scripts", "check", "--only", "data"], cwd=project_copy,
                           capture_output=True, text=True)
    assert check.returncode == 1
    assert expected.format(line=line) in check.stdout
    out = tmp_path / "site"
    build = run_build(project_copy, out)
    assert build.returncode != 0
    assert expected.format(line=line) in build.stdout + build.stderr
    assert not out.exists()


# --- What readers see -------------------------------------------------------------------------------

LAW_PAGES = {"fr": "loi/index.html", "en": "en/loi/index.html"}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_each_law_card_shows_its_official_sentences_and_when_they_were_compared(site, lang):
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((site / LAW_PAGES[lang]).read_text(encoding="utf-8"), "lxml")
    cards = soup.select("section.law[data-record]")
    assert len(cards) == 11
    compared = "Texte comparé à la version consolidée le" if lang == "fr" else "Compared with the consolidated text on"
    for card in cards:
        # The table's numbers are the ones the quoted sentences state (the same parser, on the built page).
        table = [{k.replace("data-", "").replace("-", "_"): int(v) for k, v in span.attrs.items() if k.startswith("data-")}
                 for span in card.select("table .penalty")]
        quotes = [li.get_text(" ", strip=True) for li in card.select(".law__official li")]
        unread = card.select(".law__unverified")
        assert len(quotes) - (1 if card["data-record"] == "cp-226-2-1" else 0) + len(unread) == len(table), card["data-record"]
        for quote in quotes:
            if "l'action publique" not in quote:
                assert penalty_from_sentence(quote) in table, (card["data-record"], quote)
        if lang == "en":  # the official wording is French, and marked so
            assert all(li.find(attrs={"lang": "fr"}) for li in card.select(".law__official li"))
        checked = card.select_one(".data-checked")
        assert compared in checked.get_text(" ") and checked.find("time")["datetime"] == "2026-11-24"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_corrected_points_read_right_on_the_built_pages(site, lang):
    page = lambda path: (site / paths.lang_prefix(lang) / path).read_text(encoding="utf-8")  # noqa: E731
    law, myths = page("loi/index.html"), page("idees-recues/index.html")
    # 227-23 possession: 5 years / €75,000 everywhere; the old figure only as "previous", on the myths page.
    five = 'data-fine-eur="75000" data-prison-years="5"'
    card = re.search(r'<section class="law" data-record="cp-227-23".*?</section>', law, re.S).group(0)
    assert 'data-fine-eur="30000" data-prison-years="2"' not in card and card.count(five) == 2
    assert re.search(r'data-version="previous"><span class="penalty" data-fine-eur="30000" data-prison-years="2"', myths)
    section = myths.split('id="anciennes-peines"')[1].split("<h2")[0]
    assert five in section
    # 226-2-1: prosecution needs the victim's complaint; the table says its date is the law's.
    assert 'class="law__complaint"' in law
    assert ("(date de la loi)" if lang == "fr" else "(date of the law)") in law
    # No card says 227-22 only punishes adults; no repetition in 227-22-1's version line.
    card_227_22 = re.search(r'<section class="law" data-record="cp-227-22".*?</section>', law, re.S).group(0)
    assert "Punit l'adulte" not in card_227_22 and "Punishes an adult" not in card_227_22  # 227-22-2 does say adult
    assert "version en vigueur depuis le 23" not in law


def test_reader_facing_text_no_longer_says_the_reviewed_errors(pages):
    wrong = ["doit toujours porter plainte", "must still file a complaint", "fiche de faits", "fact sheet",
             "très probablement criminelles", "most likely criminal", "sans rien faire remonter",
             "without passing anything on", "Il cite encore", "It still gives pre-April-2021"]
    for page in pages:
        text = page.file.read_text(encoding="utf-8")
        for phrase in wrong:
            assert phrase not in text, f"{page.rel}: {phrase!r}"
