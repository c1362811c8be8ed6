"""Company names with a legal-form or industry suffix: `Nortex Solutions GmbH`, `Acme Corp.`,
`Banco Sul S.A.`, `株式会社山田商事`, `北京华为有限公司`.

One to four capitalised words then a legal form (Inc, LLC, Ltd, GmbH, AG, S.A., SAS, B.V., Oy, AB, A/S, KK,
PLC, S.p.A., sp. z o.o., ...): 0.75. Before an industry word (Solutions, Consulting, Labs, Technologies,
Partners, Holdings...) the first word must be no common word (`gazetteer.name_like`), so `Enterprise
Solutions` is left and `Nortex Solutions` is not: 0.6. Japanese and Chinese company forms: 0.8.
"""

import re

from proagentbench.anonymizer.entities import ORGANIZATION
from proagentbench.anonymizer.gazetteer import name_like
from proagentbench.anonymizer.recognizers.base import GroupRecognizer, value_pattern

_UPPER = "A-Z0-9ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝŁŚŻŹĆŃŠŽČŘĎŤŇŐŰ"
_CAP = r"[" + _UPPER + r"][\w&'’\-]*"
# Connectors inside partnership names: `Kovács és társa Kft.`, `Smith & Sons Ltd`.
_WORDS = r"(?:" + _CAP + r"[ \t])(?:(?:" + _CAP + r"|és társa|és|und|et|ve|và|&|and)[ \t]){0,4}"
_LEGAL = (
    r"(?:Inc\.?|Incorporated|LLC|L\.L\.C\.|LLP|Ltd\.?|Limited|Corp\.?|Corporation|Co\.,? Ltd\.?|PLC|plc|GmbH"
    r"(?: & Co\.? KG)?|AG|KG|GbR|e\.V\.|UG|S\.A\.(?:S\.)?|SAS|SARL|S\.L\.|S\.R\.L\.|Srl|S\.p\.A\.|SpA"
    r"|B\.V\.|BV|N\.V\.|NV|Oy|Oyj|AB|ASA|A/S|ApS|K\.K\.|KK|Pty\.? Ltd\.?|sp\. z o\.o\.|s\.r\.o\.|a\.s\."
    r"|Kft\.|Zrt\.|Kkt\.|Bt\.|Nyrt\.|A\.Ş\.|Tic\.|TNHH|Tbk|SE|HB|KB|SRL)"
)
# Legal forms that are also common abbreviations: the name before them must look like a name.
_SHORT_FORMS = frozenset({"AG", "KG", "SE", "AB", "NV", "BV", "KK", "UG", "SAS", "ASA", "Oy", "HB", "KB"})
_INDUSTRY = (
    r"(?:Solutions|Consulting|Consultants|Technologies|Technology|Labs|Systems|Partners|Holdings"
    r"|Group|Industries|Logistics|Ventures|Capital|Analytics|Networks|Studios|Sons|Brothers)"
)


class CompanyNameRecognizer(GroupRecognizer):
    PATTERNS = (
        value_pattern("legal form", r"(?<![\w.])(?P<v>" + _WORDS + _LEGAL + r")(?![\w])", 0.75, ORGANIZATION),
        value_pattern(
            "industry word",
            r"(?<![\w.])(?P<v>"
            + _CAP
            + r"[ \t](?:(?:"
            + _CAP
            + r"|and|&|und|et)[ \t])?"
            + _INDUSTRY
            + r")(?![\w])",
            0.6,
            ORGANIZATION,
        ),
        value_pattern(
            "japanese company",
            r"(?P<v>(?:株式会社|有限会社|合同会社)[^\s\-|()（）・]{1,20}|[^\s\-|()（）・]{1,20}(?:株式会社|有限会社|合同会社))",
            0.8,
            ORGANIZATION,
        ),
        value_pattern(
            "chinese company",
            r"(?P<v>[\u4e00-\u9fff]{2,20}(?:有限公司|股份有限公司|集团))",
            0.8,
            ORGANIZATION,
        ),
    )

    def validate(self, value: str) -> bool:
        words = value.split()
        if len(words) >= 2 and (re.fullmatch(_INDUSTRY, words[-1]) or words[-1] in _SHORT_FORMS):
            return name_like(words[0].lower().strip("&'’-"))
        return True
