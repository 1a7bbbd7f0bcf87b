"""Turn records into HTML for one language. Pure functions: no MkDocs, no file access.

Numbers are formatted here and only here, so French and English always show the same figures:
« 75 000 € », « 2 ans », « 23 avril 2021 » / "€75,000", "2 years", "23 April 2021".
Every block is wrapped in `<div class="data-block" data-block="NAME">` and marks each record with
`data-record="ID"` so tests can compare the two languages on the built pages.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from typing import Iterable

import babel.dates
import babel.numbers

from scripts.sitedata.records import COUNTRY_ROLES, SiteData
from scripts.web.language import mark_html, plain, tooltip

NNBSP = "\u202f"  # narrow no-break space: French thousands separator and before ; ! ?
NBSP = "\u00a0"  # no-break space: French space before € and :

# Numbers and dates are formatted by Babel (CLDR data, installed with Material) in these locales: the
# site's English is British English.
LOCALES = {"fr": "fr_FR", "en": "en_GB"}


def e(text: object) -> str:
    """Text for HTML; a passage marked [like this]{lang=fr} in the data gets its own lang attribute
    (scripts/web/language.py). Attribute values use `attr`."""
    return mark_html(text)


def attr(text: object) -> str:
    """Text for an attribute value: escaped, language marks removed."""
    return html.escape(plain(text), quote=True)


# --- Formatting ----------------------------------------------------------------------------------

@functools.lru_cache(maxsize=4096, typed=True)  # the same few numbers and dates recur on every page: Babel once each
def format_number(n: float, lang: str) -> str:
    """75000 -> '75 000' / '75,000' (French groups with a narrow no-break space); 20.5 -> '20,5' / '20.5'."""
    return babel.numbers.format_decimal(n, locale=LOCALES[lang], decimal_quantization=False)


def format_money(euros: int, lang: str) -> str:
    return f"{format_number(euros, lang)}{NBSP}€" if lang == "fr" else f"€{format_number(euros, lang)}"


def plural(template: str, n: int) -> str:
    """Labels hold 'singular|plural' with {n} (penalties are never 0, so n == 1 is the only singular)."""
    forms = template.split("|")
    return (forms[0] if n == 1 else forms[-1]).replace("{n}", str(n))


def colon(lang: str) -> str:
    """French puts a no-break space before a colon; English does not."""
    return f"{NBSP}:" if lang == "fr" else ":"


@functools.lru_cache(maxsize=4096)
def format_date(iso: str, lang: str) -> str:
    """'2021-04-23' -> '23 avril 2021' / '23 April 2021'; '2021-04' -> 'avril 2021'; '2021' -> '2021'.
    A no-break space keeps the day with its month; French writes the first of the month « 1er »."""
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    month = babel.dates.get_month_names("wide", locale=LOCALES[lang])[parts[1]]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    day = "1er" if lang == "fr" and parts[2] == 1 else str(parts[2])
    return f"{day}{NBSP}{month} {parts[0]}"


def format_time(hhmm: str, lang: str) -> str:
    hours, minutes = (int(x) for x in hhmm.split(":"))
    if hours in (0, 24) and minutes == 0:
        return "minuit" if lang == "fr" else "midnight"
    if lang == "fr":
        return f"{hours}{NBSP}h" + (f"{NBSP}{minutes:02d}" if minutes else "")
    suffix = "am" if hours < 12 else "pm"
    h12 = hours % 12 or 12
    return f"{h12}{':' + format(minutes, '02d') if minutes else ''}{NBSP}{suffix}"


def format_hours(hours: object, lang: str, data: SiteData) -> str:
    if isinstance(hours, str):
        return data.label(f"hours.{hours}", lang)
    days = data.label(f"hours.{hours['days']}", lang)
    return f"{days}, {format_time(hours['from'], lang)}{NBSP}–{NBSP}{format_time(hours['to'], lang)}"


def penalty_text(penalty: dict, lang: str, data: SiteData, capitalise: bool = True) -> str:
    parts = []
    if "prison_years" in penalty:
        parts.append(plural(data.label("penalty.prison_years", lang), penalty["prison_years"]))
    if "account_suspension_months" in penalty:
        parts.append(plural(data.label("penalty.account_suspension_months", lang), penalty["account_suspension_months"]))
    if "fine_eur" in penalty:
        parts.append(data.label("penalty.fine_eur", lang).replace("{amount}", format_money(penalty["fine_eur"], lang)))
    joined = f" {data.label('penalty.and', lang)} ".join(parts)
    return joined[:1].upper() + joined[1:] if capitalise else joined


def penalty_html(penalty: dict, lang: str, data: SiteData, capitalise: bool = True) -> str:
    attrs = "".join(f' data-{key.replace("_", "-")}="{value}"' for key, value in sorted(penalty.items()))
    return f'<span class="penalty"{attrs}>{e(penalty_text(penalty, lang, data, capitalise))}</span>'


def tel_href(digits: str) -> str:
    return f"tel:{digits}"


# --- Help lines ----------------------------------------------------------------------------------

def display_name(line: dict, lang: str) -> str:
    """'3018 – Violences numériques (e-Enfance)': the number leads, as readers remember it."""
    number = line.get("phone") or (line.get("text_line") or {}).get("number")
    return f"{number.replace(' ', NBSP)} – {line['name'][lang]}" if number else line["name"][lang]


def _contact_lines(line: dict, lang: str, data: SiteData) -> list[str]:
    out = []
    if "phone" in line:
        out.append(f'{e(data.label("helpline.call", lang))} {tel_link(line)}')
    if "phone_abroad" in line:
        out.append(f'{e(data.label("helpline.from_abroad", lang))}{colon(lang)} '
                   f'<a class="helpline__tel" href="{tel_href(line["tel_abroad"])}" data-tel="{e(line["tel_abroad"])}">'
                   f'{e(line["phone_abroad"]).replace(" ", NBSP)}</a>')
    if "text_line" in line:
        keyword = line["text_line"].get("keyword")
        text = f'{e(data.label("helpline.text", lang))} {sms_link(line["text_line"])}'
        if keyword:
            text += f' {e(data.label("helpline.text_keyword", lang))} <strong>{e(keyword)}</strong>'
        out.append(text)
    if "url" in line:
        url = line_url(line, lang)
        shown = url.split("://", 1)[1].rstrip("/")
        out.append(f'<a class="helpline__url" href="{e(url)}">{e(shown)}</a>')
    if "email" in line:
        out.append(f'<a class="helpline__email" href="mailto:{e(line["email"])}">{e(line["email"])}</a>')
    if "place" in line:
        out.append(e(line["place"][lang]))
    return out


def _facts_line(line: dict, lang: str, data: SiteData) -> str:
    facts = []
    if "hours" in line:
        facts.append(format_hours(line["hours"], lang, data))
    if line.get("cost") == "free":
        facts.append(data.label("helpline.free", lang))
    elif line.get("cost") == "standard-rate":
        facts.append(data.label("helpline.standard_rate", lang))
    if "anonymous" in line:
        facts.append(data.label(f"helpline.anonymous.{line['anonymous']}", lang))
    facts.append(", ".join(data.label(f"channel.{c}", lang) for c in line["channels"]))
    return " · ".join(e(f) for f in facts)


def _short_facts(line: dict, lang: str, data: SiteData) -> list[str]:
    """Hours, cost and bill, as plain text: '24 h/24, 7 j/7', 'gratuit', "n'apparaît pas sur la facture"."""
    facts = [format_hours(line["hours"], lang, data)] if "hours" in line else []
    if line.get("cost") == "free":
        facts.append(data.label("helpline.free", lang))
    if line.get("not_on_bill"):
        facts.append(data.label("helpline.not_on_bill", lang))
    return facts


def tel_link(line: dict, css: str = "helpline__tel", text: str | None = None) -> str:
    shown = e(text) if text is not None else e(line["phone"]).replace(" ", NBSP)
    return f'<a class="{css}" href="{tel_href(line["tel"])}" data-tel="{e(line["tel"])}">{shown}</a>'


def sms_link(text_line: dict) -> str:
    """A text line's number as an sms: link, its keyword (if any) already in the message body."""
    number, keyword = text_line["number"], text_line.get("keyword")
    sms = f"sms:{number}" + (f"?body={keyword}" if keyword else "")
    return f'<a class="helpline__sms" href="{e(sms)}" data-sms="{e(number)}">{e(number)}</a>'


def night_html(line: dict, lang: str, data: SiteData, short: bool = False, capitalise: bool = False) -> str:
    """For a line that closes at night: « la nuit : 119 (24 h/24, 7 j/7, gratuit, …) »; else ''.
    `short` (the call line of a right-now box) leaves out the phone-bill note."""
    other_id = line.get("night_alternative")
    if not other_id:
        return ""
    other = data.helplines[other_id]
    facts = ", ".join(_short_facts(other, lang, data)[: 2 if short else None])
    label = data.label("helpline.night", lang)
    label = label[:1].upper() + label[1:] if capitalise else label
    return (f'<span class="helpline__night" data-night="{e(other_id)}">{e(label)}'
            f'{colon(lang)} {tel_link(other)} ({e(facts)})</span>')


def hours_html(line: dict, lang: str, data: SiteData, short: bool = False) -> str:
    """'tous les jours, 9 h – 23 h · la nuit : 119 (…)': when a line answers, and who answers when it does not."""
    parts = []
    if "hours" in line:
        parts.append(f'<span class="helpline__hours">{e(format_hours(line["hours"], lang, data))}</span>')
    night = night_html(line, lang, data, short)
    if night:
        parts.append(night)
    return " · ".join(parts)


def _checked(record: dict, lang: str, data: SiteData, url_key: str = "source_url") -> str:
    return (f'<a href="{e(record[url_key])}">{e(data.label("checked_on", lang))} '
            f'{e(format_date(record["checked_on"], lang))}</a>')


def _caveat(record: dict, lang: str, data: SiteData) -> str:
    if "caveat" not in record:
        return ""
    label = data.label("to_check", lang)
    return f'<p class="data-caveat"><strong>{e(label)}{colon(lang)}</strong> {e(record["caveat"][lang])}</p>'


def helpline_card(line: dict, lang: str, data: SiteData) -> str:
    contact = " · ".join(_contact_lines(line, lang, data))
    night = night_html(line, lang, data, capitalise=True)
    return (
        f'<article class="helpline" data-record="{e(line["id"])}" id="contact-{e(line["id"])}">'
        f'<p class="helpline__name"><strong>{e(display_name(line, lang))}</strong>'
        f' <span class="helpline__when">— {e(line["when"][lang])}</span></p>'
        f'<p class="helpline__contact">{contact}</p>'
        f'<p class="helpline__facts">{_facts_line(line, lang, data)}</p>'
        f'{night and f"<p>{night}</p>"}'
        f'<p>{e(line["for"][lang])} {e(line["does"][lang])}</p>'
        f'<p class="helpline__not"><strong>{e(data.label("helpline.does_not", lang))}{colon(lang)}</strong> '
        f'{e(line["does_not"][lang])}</p>'
        f'{_caveat(line, lang, data)}'
        f'<p class="data-checked">{_checked(line, lang, data)}</p>'
        f"</article>"
    )


def line_url(line: dict, lang: str) -> str:
    """The service's address in the page's language (url_fr on French pages, when it has one)."""
    return line.get("url_fr", line["url"]) if lang == "fr" else line["url"]


def _main_contact(line: dict, lang: str) -> str:
    """The one link a compact list shows: the phone number, else the text line, else the website."""
    if "phone" in line:
        return tel_link(line)
    if "text_line" in line:
        return sms_link(line["text_line"])
    if "url" in line:
        url = line_url(line, lang)
        return f'<a class="helpline__url" href="{e(url)}">{e(url.split("://", 1)[1].rstrip("/"))}</a>'
    return e(line["place"][lang])


def helpline_compact(line: dict, lang: str, data: SiteData) -> str:
    return (f'<li class="helpline helpline--compact" data-record="{e(line["id"])}">'
            f'<strong>{e(line["when"][lang])}</strong>{colon(lang)} {_main_contact(line, lang)} '
            f'<span class="helpline__name">({e(line["name"][lang])})</span>{_when_line(line, lang, data)}'
            f'{_caveat(line, lang, data)}</li>')


def _when_line(line: dict, lang: str, data: SiteData) -> str:
    """Hours (and the night alternative) under a line in a short list; nothing for a line open 24/7
    or without known hours, which would only repeat what the reader does not need."""
    if line.get("hours") in (None, "always", "online"):
        return ""
    return f'<br><span class="helpline__when-open">{hours_html(line, lang, data)}</span>'


def call_block(data: SiteData, lang: str, line: dict, other: dict | None = None) -> str:
    """A big call button for one help line, with its hours; `other` is the line to call when it is
    closed (its hours too). For the first screen of the home page and the hubs."""
    facts = [format_hours(line["hours"], lang, data)] if "hours" in line else []
    if line.get("cost") == "free":
        facts.append(data.label("helpline.free", lang))
    button = tel_link(line, "call-now__button helpline__tel",
                      f'{data.label("helpline.call", lang)} {line["phone"].replace(" ", NBSP)}')
    html = (f'<p class="call-now" data-record="{e(line["id"])}">{button} '
            f'<span class="call-now__when">{e(line["name"][lang])} · {e(" · ".join(facts))}</span></p>')
    if other is not None:
        when = format_hours(other["hours"], lang, data) if "hours" in other else ""
        html += (f'<p class="call-now__other" data-record="{e(other["id"])}">'
                 f'{e(data.label("call.other", lang))}{colon(lang)} '
                 f'{tel_link(other)} · {e(other["name"][lang])}'
                 f'{" · " + e(when) if when else ""}</p>')
    return block("call", html)


def select_helplines(data: SiteData, ids=None, country=None, situation=None, audience=None) -> list[dict]:
    if ids:
        return [data.helplines[i] for i in ids]
    chosen = []
    for line in data.helplines.values():
        if country and line["country"] not in country:
            continue
        if situation and not set(situation) & set(line["situations"]):
            continue
        if audience and not set(audience) & set(line["audience"]):
            continue
        chosen.append(line)
    return chosen


def block(name: str, inner: str, tag: str = "div") -> str:
    return f'<{tag} class="data-block data-block--{name}" data-block="{name}">{inner}</{tag}>'


def helplines_block(data: SiteData, lang: str, lines: Iterable[dict], style: str = "cards") -> str:
    lines = list(lines)
    if style == "compact":
        return block("helplines", '<ul class="helplines helplines--compact">'
                     + "".join(helpline_compact(line, lang, data) for line in lines) + "</ul>")
    return block("helplines", "".join(helpline_card(line, lang, data) for line in lines))


def contacts_block(data: SiteData, lang: str, situation: str, country: str = "FR") -> str:
    """Who to contact for one situation: emergency first when relevant, then the services in order."""
    lines = [line for line in data.helplines.values()
             if situation in line["situations"] and line["country"] in (country, "INT")]
    lines.sort(key=lambda line: (line["country"] == "INT", "danger-now" not in line["situations"]))
    items = "".join(
        f'<li data-record="{e(line["id"])}"><strong>{e(display_name(line, lang))}</strong> — '
        f'{" · ".join(_contact_lines(line, lang, data)[:2])}{_when_line(line, lang, data)}<br>'
        f'<span class="helpline__not">{e(line["does_not"][lang])}</span>{_caveat(line, lang, data)}</li>'
        for line in lines)
    return block("contacts", f'<ol class="contacts" data-situation="{e(situation)}">{items}</ol>')


def directory_block(data: SiteData, lang: str, countries: list[str]) -> str:
    """One section per country, in the same order for each: the roles of `countries:` in
    helplines.yml (emergency, child line, crisis, report, removal, text), then its other services.
    A line already shown higher up (or an international one) is a link to its card, so ids stay unique."""
    parts, shown = [], set()
    later = {line["id"] for line in data.helplines.values() if line["country"] == "INT" and "INT" in countries}

    def item(rid: str, country: str) -> str:
        if rid in shown or (rid in later and country != "INT"):
            line = data.helplines[rid]
            return (f'<p class="helpline-ref" data-ref="{e(rid)}"><a href="#contact-{e(rid)}">'
                    f'{e(display_name(line, lang))}</a> — {e(line["when"][lang])}</p>')
        shown.add(rid)
        return helpline_card(data.helplines[rid], lang, data)

    for country in countries:
        lines = [line["id"] for line in data.helplines.values() if line["country"] == country]
        roles = data.countries.get(country)
        if not lines:
            continue
        parts.append(f'<h3 id="pays-{country.lower()}">{e(data.label(f"country.{country}", lang))}</h3>')
        if roles is None:
            parts.append("".join(item(rid, country) for rid in lines))
            continue
        listed = {rid for ids in roles.values() for rid in ids}
        for role in COUNTRY_ROLES:
            parts.append(f'<h4 id="pays-{country.lower()}-{role}">{e(data.label(f"country_help.role.{role}", lang))}</h4>')
            parts.append("".join(item(rid, country) for rid in roles[role])
                         or f'<p class="country-none">{e(data.label("country_help.none", lang))}</p>')
        others = [rid for rid in lines if rid not in listed]
        if others:
            parts.append(f'<h4 id="pays-{country.lower()}-autres">{e(data.label("country_help.other", lang))}</h4>')
            parts.append("".join(item(rid, country) for rid in others))
    return block("directory", "".join(parts))


# --- Help by country -----------------------------------------------------------------------------
# Every page carries each country's short help block, rendered here; all but the page language's
# default have the `hidden` attribute. overrides/assets/javascripts/country.js shows the block of
# the country the reader chose (kept in localStorage only). Without JavaScript the default stays.

SHORT_ROLES = ("emergency", "child", "crisis", "report")  # what every page shows; the rest is in the directory
STORAGE_KEY = "pjl-country"  # localStorage key, also named on the privacy page
# Markers do not know the page's address: the hook replaces these with relative URLs.
DIRECTORY_HREF = "@directory-url@"
LAW_ELSEWHERE_HREF = "@law-elsewhere-url@"


def country_codes(data: SiteData) -> list[str]:
    return list(data.countries)


def _short_link(line: dict, lang: str, data: SiteData, with_name: bool) -> str:
    """One tappable entry: the number (tel:), else the text number (sms:), else the website named."""
    name = f' <span class="country-lines__name">{e(line["name"][lang])}</span>' if with_name else ""
    if "phone" in line:
        return f'{tel_link(line)}{name}'
    if "text_line" in line:
        keyword = line["text_line"].get("keyword")
        link = sms_link(line["text_line"])
        text = e(data.label("country_help.sms_keyword" if keyword else "country_help.sms", lang))
        text = text.replace("{number}", link).replace("{keyword}", f"<strong>{e(keyword)}</strong>" if keyword else "")
        if keyword and keyword.casefold() in line["name"][lang].casefold():
            name = ""
        return f'{text}{name}'
    return f'<a class="helpline__url" href="{e(line_url(line, lang))}">{e(line["name"][lang])}</a>'


def country_lines(data: SiteData, lang: str, country: str) -> str:
    """A country's short block: emergency, someone to talk to, crisis, report — one line each."""
    roles = data.countries[country]
    rows = []
    for role in SHORT_ROLES:
        ids = roles[role]
        if not ids:
            continue
        links = " · ".join(_short_link(data.helplines[i], lang, data, role != "emergency") for i in ids)
        rows.append(f'<li data-role="{role}"><strong>{e(data.label(f"country_help.role.{role}", lang))}</strong>'
                    f'{colon(lang)} {links}</li>')
    return f'<ul class="country-lines">{"".join(rows)}</ul>'


def country_quick_line(data: SiteData, lang: str, country: str, roles=("emergency", "crisis")) -> str:
    """One short line under a right-now box's call button: « Urgence : 17 · 112 · Détresse : 3114 »,
    numbers only (their names are in the help box at the foot of the page)."""
    parts = []
    for role in roles:
        ids = data.countries[country][role]
        if ids:
            links = " · ".join(_short_link(data.helplines[i], lang, data, False) for i in ids)
            parts.append(f'<strong>{e(data.label(f"country_help.role.{role}", lang))}</strong>{colon(lang)} {links}')
    return f'<span class="call-line__more">{" · ".join(parts)}</span>' if parts else ""


def _country_summary(data: SiteData, lang: str, directory_url: str) -> str:
    """English default: a row per country with its emergency numbers and first child line."""
    rows = []
    for code in country_codes(data):
        roles = data.countries[code]
        emergency = " · ".join(_short_link(data.helplines[i], lang, data, False) for i in roles["emergency"][:2])
        child = _short_link(data.helplines[roles["child"][0]], lang, data, False)
        rows.append(f'<tr><th scope="row"><a href="{e(directory_url)}#pays-{code.lower()}">'
                    f'{e(data.label(f"country.{code}", lang))}</a></th><td>{emergency}</td><td>{child}</td></tr>')
    head = "".join(f'<th scope="col">{e(data.label(key, lang))}</th>' for key in
                   ("country_help.country", "country_help.role.emergency", "country_help.role.child"))
    return (f'<table class="country-summary"><caption>{e(data.label("country_help.summary", lang))}</caption>'
            f'<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
            f'<p><a href="{e(directory_url)}">{e(data.label("country_help.all", lang))}</a></p>')


def country_help(data: SiteData, lang: str, slot: str, directory_url: str, france_html: str = "",
                 default: str | None = None) -> str:
    """The chooser ("Où es-tu ? / Where are you?", shown by country.js) and every country's block.
    French pages show France by default; English pages a line per country (`default` overrides it:
    a right-now box shows France's call button before a choice). `slot` makes ids unique
    when a page has two of these (the help box and a right-now box); `france_html` replaces
    France's short block (the help box keeps its own French lines)."""
    if default is None:
        default = "FR" if lang == "fr" else ""
    choose = "" if default else f'<option value="">{e(data.label("country_help.choose", lang))}</option>'
    options = "".join(f'<option value="{c}">{e(data.label(f"country.{c}", lang))}</option>' for c in country_codes(data))
    chooser = (f'<p class="country-chooser" hidden><label for="pays-{slot}">{e(data.label("country_help.where", lang))}</label> '
               f'<select id="pays-{slot}" data-country-select>{choose}{options}</select> '
               f'<button type="button" class="country-chooser__forget" data-country-forget hidden>'
               f'{e(data.label("country_help.forget", lang))}</button></p>')
    blocks = []
    for code in country_codes(data):
        inner = france_html if code == "FR" and france_html else country_lines(data, lang, code)
        hidden = "" if code == default else " hidden"
        blocks.append(f'<div class="country-block" data-country="{code}"{hidden}>{inner}</div>')
    if not default:
        blocks.append(f'<div class="country-block" data-country="">{_country_summary(data, lang, directory_url)}</div>')
    return (f'<div class="country-help" data-country-help data-default="{default}" data-storage-key="{STORAGE_KEY}">'
            f'{chooser}{"".join(blocks)}</div>')


COUNTRY_LINES_IN_P = re.compile(r'<p>(<div class="data-block data-block--country-lines".*?</div>)</p>', re.S)


def finish_country_lines(html_text: str, directory_url: str, law_elsewhere_url: str = "") -> str:
    """After Markdown: give data:country-lines and data:law-scope blocks their addresses, and take
    country lines out of the paragraph Markdown wraps them in when the marker sits indented inside
    an admonition."""
    html_text = COUNTRY_LINES_IN_P.sub(r"\1", html_text).replace(DIRECTORY_HREF, directory_url)
    return html_text.replace(LAW_ELSEWHERE_HREF, law_elsewhere_url)


def law_scope(data: SiteData, lang: str) -> str:
    """One line where a page states French law: it is France's, and where to look elsewhere."""
    text = e(data.label("law_scope.text", lang))
    text = text.replace("{law}", f'<a href="{LAW_ELSEWHERE_HREF}">{e(data.label("law_scope.law", lang))}</a>')
    text = text.replace("{directory}", f'<a href="{DIRECTORY_HREF}">{e(data.label("law_scope.directory", lang))}</a>')
    return f'<p class="data-block law-scope" data-block="law-scope">{text}</p>'


def country_jump(data: SiteData, lang: str) -> str:
    """The directory's jump list: one link per country section."""
    codes = country_codes(data) + ["INT"]
    links = "".join(f'<li><a href="#pays-{c.lower()}">{e(data.label(f"country.{c}", lang))}</a></li>' for c in codes)
    return (f'<nav class="data-block country-jump" data-block="country-jump" aria-label="{e(data.label("country_help.jump", lang))}">'
            f'<ul>{links}</ul></nav>')


# --- Laws ----------------------------------------------------------------------------------------

def _law_heading(law: dict, lang: str, data: SiteData) -> str:
    return e(data.label(f"code.{law['code']}", lang).replace("{article}", law["article"]))


def _version_line(law: dict, lang: str, data: SiteData) -> str:
    date = format_date(law["in_force_since"], lang)
    if law.get("in_force_date_is_law_date"):
        return f'{e(data.label("law.version_from_law", lang))} {e(date)}'
    return f'{e(data.label("law.in_force_since", lang))} {e(date)} ({e(law["version_of"][lang])})'


def _quote(text: str, lang: str) -> str:
    """An official sentence, always in French: marked as such on English pages."""
    quoted = f"«{NBSP}{e(text)}{NBSP}»"
    return quoted if lang == "fr" else f'<span lang="fr">{quoted}</span>'


def _official_wording(law: dict, rows: list[tuple[str, dict]], lang: str, data: SiteData) -> str:
    """The sentences each penalty was read from, word for word, so a reader can check them."""
    items = []
    for kind, tier in rows:
        if "text" in tier:
            items.append(f'<li><span class="law__tier">{e(kind)}</span> {_quote(tier["text"], lang)}</li>')
    complaint = law.get("complaint_needed")
    if complaint:
        article = data.label(f"code.{law['code']}", lang).replace("{article}", complaint["article"])
        items.append(f'<li><span class="law__tier">{e(article)}</span> {_quote(complaint["text"], lang)}</li>')
    if not items:
        return ""
    return (f'<details class="law__official"><summary>{e(data.label("law.official_text", lang))}</summary>'
            f'<ul>{"".join(items)}</ul></details>')


def _complaint_line(law: dict, lang: str, data: SiteData) -> str:
    if "complaint_needed" not in law:
        return ""
    return (f'<p class="law__complaint">'
            f'{e(data.label("law.complaint_needed", lang).replace("{article}", law["complaint_needed"]["article"]))}</p>')


def law_card(law: dict, lang: str, data: SiteData) -> str:
    rows = [(data.label("law.base", lang), law["base"])]
    rows += [(data.label("law.aggravated", lang), tier) for tier in law.get("aggravations", [])]
    rows += [(data.label("law.other_case", lang), tier) for tier in law.get("other_cases", [])]

    def unavailable(tier: dict) -> str:
        if "text_unavailable" not in tier:
            return ""
        return (f'<br><small class="data-caveat law__unverified"><strong>{e(data.label("law.text_unavailable", lang))}'
                f'{colon(lang)}</strong> {e(tier["text_unavailable"][lang])}</small>')

    body = "".join(
        f'<tr><td><span class="law__tier">{e(kind)}</span> {e(tier["condition"][lang])}</td>'
        f'<td>{penalty_html(tier["penalty"], lang, data)}{unavailable(tier)}</td></tr>' for kind, tier in rows)
    return (
        f'<section class="law" data-record="{e(law["id"])}" id="article-{e(law["article"])}">'
        f'<p class="law__title"><strong>{_law_heading(law, lang, data)} — {e(law["title"][lang])}</strong></p>'
        f'<p>{e(law["summary"][lang])} <em>{e(data.label("law.protects." + law["protects"], lang))}.</em></p>'
        f'<table><thead><tr><th scope="col">{e(data.label("law.case", lang))}</th>'
        f'<th scope="col">{e(data.label("law.max_penalty", lang))}</th></tr></thead><tbody>{body}</tbody></table>'
        f'{_complaint_line(law, lang, data)}'
        f'{_official_wording(law, rows, lang, data)}'
        f'{_caveat(law, lang, data)}'
        f'<p class="data-checked">{_version_line(law, lang, data)} · '
        f'<a href="{e(law["source_url"])}" hreflang="fr">{e(data.label("law.read_text", lang))}</a> · '
        f'{e(data.label("law.compared_on", lang))} '
        f'<time datetime="{e(law["checked_on"])}">{e(format_date(law["checked_on"], lang))}</time></p>'
        f"</section>"
    )


def select_laws(data: SiteData, ids=None, topic=None) -> list[dict]:
    if ids:
        return [data.laws[i] for i in ids]
    return [law for law in data.laws.values() if not topic or set(topic) & set(law["topics"])]


def laws_block(data: SiteData, lang: str, laws: Iterable[dict]) -> str:
    return block("laws", "".join(law_card(law, lang, data) for law in laws))


def _in_force_cell(law: dict, lang: str, data: SiteData) -> str:
    """The summary table's date: when only the law's date is known, say so, as the card does."""
    date = e(format_date(law["in_force_since"], lang))
    if law.get("in_force_date_is_law_date"):
        return f'{date} <small class="law__date-note">{e(data.label("law.date_is_law_date", lang))}</small>'
    return date


def penalties_table(data: SiteData, lang: str, laws: Iterable[dict]) -> str:
    """One row per article: what it punishes, its basic penalty and its heaviest penalty."""
    head = (f'<thead><tr><th scope="col">{e(data.label("law.article", lang))}</th>'
            f'<th scope="col">{e(data.label("law.offence", lang))}</th>'
            f'<th scope="col">{e(data.label("law.base_penalty", lang))}</th>'
            f'<th scope="col">{e(data.label("law.heaviest_penalty", lang))}</th>'
            f'<th scope="col">{e(data.label("law.in_force_column", lang))}</th></tr></thead>')
    rows = "".join(
        f'<tr data-record="{e(law["id"])}"><th scope="row"><a href="#article-{e(law["article"])}">{e(law["article"])}</a></th>'
        f'<td>{e(law["title"][lang])}</td><td>{penalty_html(law["base"]["penalty"], lang, data)}</td>'
        f'<td>{penalty_html(law_tier(law, "heaviest")["penalty"], lang, data)}</td><td>{_in_force_cell(law, lang, data)}</td></tr>'
        for law in laws)
    return block("penalties", f'<table>{head}<tbody>{rows}</tbody></table>')


# --- Sources -------------------------------------------------------------------------------------

def publisher(source: dict, lang: str) -> str:
    """A described publisher in the page's language; a proper name as written, marked with its language
    when it is not the page's (« Ministère des Solidarités » on an English page)."""
    name = source["publisher"]
    if isinstance(name, dict):
        return e(name[lang])
    return e(name) if source["language"] == lang else f'<span lang="{e(source["language"])}">{e(name)}</span>'


def source_item(source: dict, lang: str, data: SiteData) -> str:
    title = e(source["title"])
    if source["language"] != lang:
        title = f'<span lang="{e(source["language"])}">{title}</span>'
    if "url" in source:
        hreflang = f' hreflang="{e(source["language"])}"'
        title = f'<a href="{e(source["url"])}"{hreflang}>{title}</a>'
    date = format_date(source["published"], lang) if "published" in source else data.label("sources.undated", lang)
    quoted = f"«{NBSP}{title}{NBSP}»" if lang == "fr" else f"“{title}”"
    parts = [f"{publisher(source, lang)}, {quoted}", e(date)]
    if source["language"] != lang:
        parts.append(e(data.label(f"lang.{source['language']}", lang)))
    if "url" not in source:
        parts.append(e(data.label("sources.no_link", lang)))
    parts.append(f'{e(data.label("checked_on", lang).lower())} {e(format_date(source["checked_on"], lang))}')
    note = f'<br><span class="source__note">{e(source["note"][lang])}</span>' if "note" in source else ""
    return f'<li data-record="{e(source["id"])}" id="source-{e(source["id"])}">{", ".join(parts)}.{note}</li>'


def sources_block(data: SiteData, lang: str, ids: Iterable[str]) -> str:
    items = "".join(source_item(data.sources[i], lang, data) for i in ids)
    return block("sources", f'<ol class="sources">{items}</ol>')


def help_now_aside(data: SiteData, lang: str, ids: list[str], more_url: str, directory_url: str = "") -> str:
    """The short "Need help now?" list that ends every page, with a link to all contacts.
    The French lines are France's block of the country chooser (country_help)."""
    title = e(data.label("help_now_title", lang))
    more = f'<p><a href="{e(more_url)}">{e(data.label("help_now_more", lang))}</a></p>'
    lines = helplines_block(data, lang, [data.helplines[i] for i in ids], "compact")
    lines = country_help(data, lang, "aide", directory_url or more_url, france_html=lines)
    return (f'<aside class="help-now" aria-labelledby="aide-immediate"><h2 id="aide-immediate">{title}</h2>'
            f'{lines}{more}</aside>')


def site_review_note(data: SiteData, lang: str, site_reviewed_on: str, helpline_ids: list[str],
                     changelog_url: str) -> str:
    """Home page: when the site was last reviewed, and the oldest check date of the help lines it shows
    first (the reader's guarantee is the oldest one, not the newest)."""
    checked = min(str(data.helplines[i]["checked_on"]) for i in helpline_ids)
    time = lambda iso: f'<time datetime="{e(iso)}">{e(format_date(iso, lang))}</time>'  # noqa: E731
    text = e(data.label("site_reviewed", lang)).replace("{date}", time(site_reviewed_on)).replace(
        "{checked}", time(checked))
    link = f'<a href="{e(changelog_url)}">{e(data.label("site_changelog", lang))}</a>'
    return f'<p class="page-reviewed site-reviewed">{text} {link}</p>'


def page_footer(data: SiteData, lang: str, source_ids: list[str], reviewed_on: str | None,
                help_html: str = "", review_html: str = "") -> str:
    """Help lines, sources and review date shown at the foot of every page (from its front matter).
    `review_html` replaces the page's own review date (the home page shows the site's)."""
    parts = [help_html] if help_html else []
    if source_ids:
        parts.append(f'<h2 id="sources">{e(data.label("sources_title", lang))}</h2>')
        parts.append(sources_block(data, lang, source_ids))
    if review_html:
        parts.append(review_html)
    elif reviewed_on:
        parts.append(f'<p class="page-reviewed">{e(data.label("reviewed_on", lang))} '
                     f'<time datetime="{e(reviewed_on)}">{e(format_date(reviewed_on, lang))}</time>.</p>')
    return f'<footer class="page-footer">{"".join(parts)}</footer>' if parts else ""


# --- Inline pieces (inside a sentence) -----------------------------------------------------------

def figure_inline(figure: dict, lang: str, data: SiteData) -> str:
    """'19 secondes' / '19 seconds', with what was measured as a tooltip and any caveat visible."""
    text = figure["format"][lang].replace("{n}", format_number(figure["value"], lang))
    if lang == "fr":
        text = text.replace(" %", NNBSP + "%")
    caveat = ""
    if "caveat" in figure:
        caveat = f' <small class="figure__caveat">({e(figure["caveat"][lang].rstrip("."))})</small>'
    return (f'<span class="figure" data-record="{e(figure["id"])}" data-value="{figure["value"]}" '
            f'title="{attr(figure["what"][lang])}">{e(text)}</span>{caveat}')


def tel_inline(line: dict) -> str:
    return f'<span data-record="{e(line["id"])}">{tel_link(line)}</span>'


def link_inline(line: dict, lang: str) -> str:
    return (f'<span data-record="{e(line["id"])}"><a class="helpline__url" href="{e(line_url(line, lang))}">'
            f'{e(line["name"][lang])}</a></span>')


def penalty_inline(law: dict, tier: dict, lang: str, data: SiteData, previous: bool = False) -> str:
    """A penalty inside a sentence; `previous` shows the one the tier replaced, with the date it ended."""
    if not previous:
        return f'<span data-record="{e(law["id"])}">{penalty_html(tier["penalty"], lang, data, capitalise=False)}</span>'
    old = tier["previous"]
    until = data.label("law.previous_until", lang).replace("{date}", format_date(old["until"], lang)).replace(
        "{law}", old["changed_by"][lang])
    return (f'<span data-record="{e(law["id"])}" data-version="previous">'
            f'{penalty_html(old["penalty"], lang, data, capitalise=False)} ({e(until)})</span>')


def in_force_inline(law: dict, lang: str) -> str:
    """The date the article's current version took effect, inside a sentence: « 23 mai 2024 »."""
    return (f'<time data-record="{e(law["id"])}" datetime="{e(law["in_force_since"])}">'
            f'{e(format_date(law["in_force_since"], lang))}</time>')


def law_tier(law: dict, case: str) -> dict:
    """'base', 'heaviest', 'aggravation-2' (1-based) or 'other-1'."""
    if case == "base":
        return law["base"]
    if case == "heaviest":
        tiers = [law["base"]] + law.get("aggravations", [])
        return max(tiers, key=lambda t: (t["penalty"].get("prison_years", 0), t["penalty"].get("fine_eur", 0),
                                         t["penalty"].get("account_suspension_months", 0)))
    kind, _, number = case.partition("-")
    tiers = law.get({"aggravation": "aggravations", "other": "other_cases"}.get(kind, ""), [])
    if not number.isdigit() or not 1 <= int(number) <= len(tiers):
        raise KeyError(case)
    return tiers[int(number) - 1]


# --- Glossary ------------------------------------------------------------------------------------

def glossary_block(data: SiteData, lang: str) -> str:
    """All terms, alphabetical in the page's language, as a definition list with stable anchors."""
    other = "en" if lang == "fr" else "fr"

    def sort_key(term: dict) -> str:  # "Pédopiégeage" sorts with the P's, not after Z
        return unicodedata.normalize("NFD", term["term"][lang].casefold()).encode("ascii", "ignore").decode()

    def other_name(term: dict) -> str:
        """The other language's word, once: "Nudify apps (Applications de « déshabillage »)". A headword
        that already gives its equivalent in brackets ("Grooming (pédopiégeage)") is shown as it is."""
        own = term["term"][lang]
        theirs = re.sub(r"\s*\([^()]*\)$", "", term["term"][other])
        if "(" in own or theirs.casefold() in own.casefold():
            return ""
        return f' <span class="glossary__other" lang="{other}">({e(theirs)})</span>'

    items = "".join(
        f'<dt id="terme-{e(t["id"])}" data-record="{e(t["id"])}">{e(t["term"][lang])}{other_name(t)}</dt>'
        f'<dd>{e(t["definition"][lang])}</dd>' for t in sorted(data.terms.values(), key=sort_key))
    return block("glossary", f'<dl class="glossary">{items}</dl>')


def abbreviations(data: SiteData, lang: str) -> dict[str, str]:
    """Glossary words and their tooltip text, for Markdown's `abbr` extension (its `glossary` option): each
    occurrence of a word gets <abbr title="definition"> (the first per page is kept: web/a11y.py)."""
    glossary = {}
    for term in data.terms.values():
        definition = tooltip(term["definition"][lang]).replace("]", ")").replace("\n", " ")
        for word in (term.get("tooltip_words") or {}).get(lang, []):
            glossary[word] = definition
    return glossary


def place_covers_note(html: str, note: str) -> str:
    """Put the "what this page covers" note under the title, or, on a page whose title is followed by a
    right-now box (what-to-do pages), just after that box: the actions come first on a phone."""
    start = html.find('<div class="admonition right-now"')
    if start != -1:
        depth, pos = 0, start
        for match in re.finditer(r"<(/?)div\b[^>]*>", html[start:]):
            depth += -1 if match.group(1) else 1
            if depth == 0:
                pos = start + match.end()
                return html[:pos] + note + html[pos:]
    head, sep, rest = html.partition("</h1>")
    return head + sep + note + rest if sep else note + html


def covers_note(data: SiteData, lang: str, covers: str) -> str:
    return (f'<p class="page-covers"><strong>{e(data.label("covers_label", lang))}{colon(lang)}</strong> '
            f'{e(covers)}</p>')


def cite_inline(sources: list[dict], lang: str, data: SiteData) -> str:
    """Short in-text citations linking to the publications: (NCMEC, December 2023; EDRi, 2023)."""
    parts = []
    for source in sources:
        when = format_date(source["published"], lang).replace(NBSP, " ") if "published" in source \
            else data.label("sources.undated", lang)
        label = f"{publisher(source, lang)}, {e(when)}"
        if "url" in source:
            label = f'<a href="{e(source["url"])}" hreflang="{e(source["language"])}">{label}</a>'
        parts.append(label)
    return f'<cite class="source-ref">({"; ".join(parts)})</cite>'


# --- Call line, crisis box, scam warning ----------------------------------------------------------

def call_inline(line: dict, lang: str, data: SiteData) -> str:
    """The big tap-to-call line of a right-now box: « Appeler le 3018 » as a button, then when it
    answers and, for a line that closes at night, who answers at night."""
    label = data.label("call.action", lang).replace("{number}", line["phone"].replace(" ", NBSP))
    facts = hours_html(line, lang, data, short=True)
    if line.get("hours") == "always" and line.get("cost") == "free":
        facts += f' · {e(data.label("helpline.free", lang))}'
    extra = f' <span class="call-line__facts">{facts}</span>' if facts else ""
    return (f'<span class="call-line" data-record="{e(line["id"])}">{tel_link(line, "call-line__tel", label)}'
            f'{extra}</span>')


def crisis_block(data: SiteData, lang: str, audience: str = "teens") -> str:
    """A calm box for distress (suicide-prevention guidance: name the help, say it works, no alarm):
    3114 with its hours, then emergency numbers and the text line for when speaking is not safe."""
    line = data.helplines["fr-3114"]
    facts = " · ".join(e(f) for f in _short_facts(line, lang, data) + [data.label("crisis.confidential", lang)])
    body = e(data.label(f"crisis.body.{audience}", lang)).replace("{tel}", tel_link(line))
    danger = e(data.label(f"crisis.danger.{audience}", lang))
    for key in ("fr-17", "fr-112", "fr-15"):
        danger = danger.replace("{" + key + "}", tel_link(data.helplines[key]))
    danger = danger.replace("{fr-114}", sms_link(data.helplines["fr-114"]["text_line"]))
    inner = (f'<p class="crisis__title"><strong>{e(data.label(f"crisis.title.{audience}", lang))}</strong></p>'
             f'<p>{body} <span class="crisis__facts">({facts})</span></p><p>{danger}</p>')
    return (f'<aside class="data-block data-block--crisis crisis" data-block="crisis" data-record="fr-3114">'
            f'{inner}</aside>')


def scam_warning_block(data: SiteData, lang: str) -> str:
    """Paid "removal" or "recovery" offers: one wording for every page where a victim lands."""
    free = f'{tel_link(data.helplines["fr-3018"])}, {link_inline(data.helplines["int-take-it-down"], lang)}'
    return (f'<div class="admonition danger data-block data-block--scam-warning" data-block="scam-warning">'
            f'<p class="admonition-title">{e(data.label("scam.title", lang))}</p>'
            f'<p>{e(data.label("scam.body", lang))} {free}.</p></div>')


# --- App guides (data/apps.yml) ----------------------------------------------------------------

APP_SECTIONS = ("block", "report", "remove_image", "settings")
APP_HREF = "@app-url:{id}@"  # replaced after Markdown by the address of docs/<lang>/applis/<id>.md
APP_HREF_RE = re.compile(r"@app-url:([a-z0-9-]+)@")


def _quoted(text: str, lang: str) -> str:
    return f"«{NBSP}{e(text)}{NBSP}»" if lang == "fr" else f"“{e(text)}”"


def _app_source(record: dict, data: SiteData, lang: str) -> str:
    """Where a fact about an app was seen: its official page, or a publication in data/sources.yml."""
    if record.get("url"):
        return f' <a class="app-facts__source" href="{e(record["url"])}">({e(data.label("source", lang))})</a>'
    source = data.sources.get(record.get("source", ""))
    if source is None:
        return ""
    return f' <span class="app-facts__source">{cite_inline([source], lang, data)}</span>'


def app_checked(app: dict, lang: str, data: SiteData) -> str:
    """The "checked on" line shown near the top of an app page: menus change often."""
    date = f'<time datetime="{e(app["checked_on"])}">{e(format_date(str(app["checked_on"]), lang))}</time>'
    text = e(data.label("app.checked", lang)).replace("{date}", date).replace("{app}", e(app["name"]))
    return block("app-checked", f'<p class="app-checked" data-record="{e(app["id"])}"><strong>{text}</strong> '
                                f'{e(data.label("app.menus_change", lang))}</p>')


def _help_link(app: dict, lang: str, data: SiteData) -> str:
    if not app.get("help_home"):
        return ""
    text = e(data.label("app.help_link", lang)).replace("{app}", e(app["name"]))
    return f' <a href="{e(app["help_home"])}">{text}</a>'


def app_steps(app: dict, section: str, lang: str, data: SiteData) -> str:
    """One section of an app page: its numbered steps, the menu words and the official page; or, when
    the steps could not be sourced, a line sending the reader to the app's help."""
    record = app["sections"][section]
    attrs = f'data-record="{e(app["id"])}" data-section="{e(section)}"'
    if record.get("see_help"):
        return block("app-steps", f'<p class="app-steps app-steps--see-help" {attrs}>'
                                  f'{e(data.label("app.see_help", lang))}{_help_link(app, lang, data)}</p>')
    steps = "".join(f"<li>{e(step)}</li>" for step in record["steps"][lang])
    parts = [f'<ol class="app-steps" {attrs}>{steps}</ol>']
    if record.get("menu"):
        words = " › ".join(_quoted(word, lang) for word in record["menu"][lang])
        english = record.get("menu_fr_unverified") and lang == "fr"
        words = f'<span lang="en">{words}</span>' if english else words
        extra = f' <small>{e(data.label("app.menu_en_only", lang))}</small>' if english else ""
        parts.append(f'<p class="app-menu"><strong>{e(data.label("app.in_app", lang))}{colon(lang)}</strong> '
                     f'{words}.{extra}</p>')
    if record.get("note"):
        parts.append(f'<p class="app-note">{e(record["note"][lang])}</p>')
    parts.append(f'<p class="app-official"><a href="{e(record["url"])}">{e(data.label("app.official_page", lang))}'
                 f'{colon(lang)} {e(app["name"])}</a></p>')
    return block("app-steps", "".join(parts))


def app_facts(app: dict, lang: str, data: SiteData) -> str:
    """Encryption and what it means for reporting, Take It Down and StopNCII, the minimum age."""
    e2ee = app["e2ee_default"]
    rows = [(data.label("app.e2ee", lang),
             f'<strong>{e(data.label("app.e2ee." + e2ee["value"], lang))}.</strong> '
             f'{e(e2ee["meaning"][lang])}'
             f'{_app_source(e2ee, data, lang)}')]
    for key in ("take_it_down", "stopncii"):
        fact = app[key]
        rows.append((data.label(f"app.{key}", lang),
                     f'{e(data.label("app.takes_part." + fact["value"], lang))}{_app_source(fact, data, lang)}'))
    where = {"url": app.get("min_age_url"), "source": app.get("min_age_source")}
    note = f' {e(app["min_age_note"][lang])}' if app.get("min_age_note") else ""
    if app.get("min_age") is not None:
        age = e(data.label("app.age", lang)).replace("{n}", str(app["min_age"]))
        age_html = f"<strong>{age}</strong>.{note}{_app_source(where, data, lang)}"
    else:  # no single age could be read in the terms: say so, with what is known
        age_html = (f'<strong>{e(data.label("app.min_age_unknown", lang))}.</strong>{note}'
                    f'{_app_source(where, data, lang) or _help_link(app, lang, data)}')
    rows.append((data.label("app.min_age", lang), age_html))
    items = "".join(f"<dt>{e(term)}</dt><dd>{value}</dd>" for term, value in rows)
    return block("app-facts", f'<dl class="app-facts" data-record="{e(app["id"])}">{items}</dl>')


def apps_hub(data: SiteData, lang: str) -> str:
    """A card per app: its name (linking to its guide), the steps checked in its official help, the date."""
    cards = []
    for app in sorted(data.apps.values(), key=lambda a: a["name"].casefold()):
        sourced = [data.label(f"app.section.{s}", lang) for s in APP_SECTIONS
                   if not app["sections"][s].get("see_help")]
        steps = ", ".join(sourced) if sourced else data.label("app.no_sourced_steps", lang)
        date = format_date(str(app["checked_on"]), lang)
        cards.append(
            f'<li class="app-card" data-record="{e(app["id"])}">'
            f'<a class="app-card__name" href="{APP_HREF.format(id=e(app["id"]))}">{e(app["name"])}</a>'
            f'<span class="app-card__steps">{e(data.label("app.sourced_steps", lang))}{colon(lang)} {e(steps)}</span>'
            f'<span class="app-card__checked">{e(data.label("checked_on", lang))} {e(date)}</span></li>')
    return block("apps", f'<ul class="app-cards">{"".join(cards)}</ul>')


def finish_app_links(html_text: str, app_urls: dict[str, str]) -> str:
    """After Markdown: give the hub's cards the address of each app's page (relative to the page)."""
    return APP_HREF_RE.sub(lambda m: app_urls.get(m.group(1), m.group(0)), html_text)
