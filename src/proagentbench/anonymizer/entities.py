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
# Organisation context (workspaces, companies, channels, repositories): pseudonymized unless the policy
# keeps it (`keep_org_context`).
ORGANIZATION = "ORGANIZATION"
CHANNEL = "CHANNEL"
REPO = "REPO"
NATIONAL_ID = "NATIONAL_ID"
ACCOUNT_ID = "ACCOUNT_ID"
ADDRESS = "ADDRESS"

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
    ORGANIZATION,
    CHANNEL,
    REPO,
    NATIONAL_ID,
    ACCOUNT_ID,
    ADDRESS,
)
ORG_CONTEXT = (ORGANIZATION, CHANNEL, REPO)

# Placeholders use the short names (<EMAIL_1a2b3c4d>), so pseudonyms read naturally in text.
PLACEHOLDER_NAMES = {
    EMAIL: "EMAIL",
    PHONE: "PHONE",
    IBAN: "IBAN",
    IP_ADDRESS: "IP",
    US_SSN: "SSN",
    ORGANIZATION: "ORG",
}


def placeholder_name(entity: str) -> str:
    return PLACEHOLDER_NAMES.get(entity, entity)
