"""Entity types the analyzer reports, shared by recognizers, policy and reports."""

PERSON = "PERSON"
EMAIL = "EMAIL_ADDRESS"
PHONE = "PHONE_NUMBER"
CREDIT_CARD = "CREDIT_CARD"
IBAN = "IBAN_CODE"
IP_ADDRESS = "IP_ADDRESS"
US_SSN = "US_SSN"
CRYPTO = "CRYPTO"
URL = "URL"
SECRET = "SECRET"
USERNAME = "USERNAME"
HOSTNAME = "HOSTNAME"

ALL_ENTITIES = (
    PERSON,
    EMAIL,
    PHONE,
    CREDIT_CARD,
    IBAN,
    IP_ADDRESS,
    US_SSN,
    CRYPTO,
    URL,
    SECRET,
    USERNAME,
    HOSTNAME,
)

# Placeholders use the short names (<EMAIL_1a2b3c4d>), so pseudonyms read naturally in text.
PLACEHOLDER_NAMES = {EMAIL: "EMAIL", PHONE: "PHONE", IBAN: "IBAN", IP_ADDRESS: "IP", US_SSN: "SSN"}


def placeholder_name(entity: str) -> str:
    return PLACEHOLDER_NAMES.get(entity, entity)
