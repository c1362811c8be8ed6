"""Postal addresses in US/UK, continental European and Japanese styles.

The address parsers on PyPI were looked at first: pyap detects US, Canadian and British addresses only, and
usaddress and libpostal parse an address already found (libpostal also needs a 2 GB model), so these are
patterns, written for what a screen shows:
- US/UK street lines: `1600 Pennsylvania Ave NW, Washington, DC 20500`, `221B Baker Street`: 0.7;
- UK postcodes: `SW1A 1AA`: 0.6;
- European streets: `Hauptstraße 5, 10115 Berlin`, `12 rue de la Paix, 75002 Paris`, `Via Roma 10`,
  `Strada Preda Nr. 14`: 0.7;
- Japanese: `〒100-0001 東京都千代田区千代田1-1`: 0.75.
"""

from proagentbench.anonymizer.entities import ADDRESS
from proagentbench.anonymizer.recognizers.base import GroupRecognizer, value_pattern

_CAP = r"[A-ZÀ-ÖØ-Þ][\w'’.\-]*"
_US_SUFFIX = (
    r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Ter"
    r"|Parkway|Pkwy|Circle|Cir|Highway|Hwy|Square|Sq|Crescent|Close|Grove|Gardens|Mews|Row)\.?"
)
_UNIT = r"(?:,?[ \t](?:Apt|Apartment|Suite|Ste|Unit|Flat|Floor|Fl|#)\.?[ \t]?[\w\-]+)?"
_CITY_STATE = (
    r"(?:,[ \t](?:" + _CAP + r"[ \t]){0,2}" + _CAP + r"(?:,[ \t][A-Z]{2})?(?:[ \t]\d{5}(?:-\d{4})?)?)?"
)
_UK_POSTCODE = r"[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2}"
_EU_STREET_WORD = (
    r"(?:[\wäöüß\-]*(?:straße|strasse|str\.|weg|gasse|platz|allee|ring|damm|ufer|laan|straat|gracht|plein|vej"
    r"|gatan|gata|veien|katu|utca))"
)
_EU_STREET_FIRST = (
    r"(?i:Rue|Avenue|Boulevard|Bd|Place|Allée|Chemin|Impasse|Quai|Via|Viale|Piazza|Corso|Calle|Avenida|Plaza"
    r"|Paseo|Rua|Travessa|Carrer|ul\.|Ulica|Aleja|Straße|Strada|Str\.|Calea|Bulevardul|Aleea|Piața|Piata"
    r"|Splaiul|Șoseaua|Soseaua|Intrarea|Largo|Vicolo|Contrada|Borgo|Carrera|Ronda|Camino|Pasaje|Alameda"
    r"|Estrada|Praça)"
)
_HOUSE_NUMBER = r"(?:,?[ \t](?:Nr\.?|No\.?|nr\.?|n\.?º?)?[ \t]?\d{1,4}[a-z]?)?"  # `Strada Preda Nr. 14`
_EU_CITY = r"(?:,?[ \t](?:[A-Z]{1,2}-)?\d{4,5}[ \t]" + _CAP + r"(?:[ \t]" + _CAP + r")?)?"


class PostalAddressRecognizer(GroupRecognizer):
    PATTERNS = (
        value_pattern(
            "us/uk street",
            r"(?<![\w.])(?P<v>\d{1,6}[A-Z]?[ \t](?:[NSEW]\.?[ \t])?(?:"
            + _CAP
            + r"[ \t]){1,4}"
            + _US_SUFFIX
            + r"(?:[ \t](?:NW|NE|SW|SE|N|S|E|W))?"
            + _UNIT
            + _CITY_STATE
            + r")(?![\w])",
            0.7,
            ADDRESS,
        ),
        value_pattern("uk postcode", r"(?<![\w])(?P<v>" + _UK_POSTCODE + r")(?![\w])", 0.6, ADDRESS),
        value_pattern(
            "european street, name first",
            r"(?<![\w])(?P<v>(?:"
            + _CAP
            + r"[ \t])?"
            + _EU_STREET_WORD
            + r"[ \t]\d{1,4}[a-z]?"
            + _EU_CITY
            + r")(?![\w])",
            0.7,
            ADDRESS,
        ),
        value_pattern(
            "european street, kind first",
            r"(?<![\w])(?P<v>(?:\d{1,4}(?:bis|ter)?,?[ \t])?"
            + _EU_STREET_FIRST
            + r"[ \t](?:(?:de|del|della|di|da|do|dos|la|le|les|du|des|der)[ \t]|"
            + _CAP
            + r"[ \t]){0,4}"
            + _CAP
            + _HOUSE_NUMBER
            + _EU_CITY
            + r")(?![\w])",
            0.7,
            ADDRESS,
        ),
        value_pattern(
            "street, postcode and town",
            r"(?<![\w])(?P<v>(?:\d{1,5}[a-z]?[ \t])?"
            + _CAP
            + r"(?:[ \t][\w'’.\-]+){0,4}[ \t]\d{1,5}[a-z]?\.?,[ \t]"
            r"(?:[A-Z]{1,2}-)?\d{4,5}[ \t]" + _CAP + r"(?:[ \t]" + _CAP + r")?)(?![\w])",
            0.65,
            ADDRESS,
        ),
        value_pattern(
            "street, town, state and zip",
            r"(?<![\w])(?P<v>\d{1,6}[ \t][^,\n]{3,40},[ \t][^,\n]{2,40},[ \t][A-Z]{2}[ \t]\d{5}(?:-\d{4})?)"
            r"(?![\w])",
            0.7,
            ADDRESS,
        ),
        value_pattern(
            "japanese address",
            r"(?P<v>(?:〒[ \t]?\d{3}-\d{4}[ \t]?)?(?:東京都|北海道|京都府|大阪府|[\u4e00-\u9fff]{2,3}県)"
            r"[\u4e00-\u9fff\u3040-\u30ff0-9０-９\-－ー丁目番地号]{2,40}|〒[ \t]?\d{3}-\d{4})",
            0.75,
            ADDRESS,
        ),
    )

    def validate(self, value: str) -> bool:
        return any(char.isdigit() for char in value)  # a house number or a postcode: `Place Order` is not one
