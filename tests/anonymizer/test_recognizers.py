"""Table-driven tests, one table per recognizer: each row is a text and the values the recognizer must
report (an empty tuple for a negative). Recognizers run directly; the fixed built-ins run through the
analyzer."""

from typing import Any

import pytest

from proagentbench.anonymizer.identity import Identity
from proagentbench.anonymizer.recognizers.api_tokens import ApiTokenRecognizer
from proagentbench.anonymizer.recognizers.card_number import CardNumberRecognizer
from proagentbench.anonymizer.recognizers.cloud_keys import CloudKeyRecognizer
from proagentbench.anonymizer.recognizers.high_entropy import HighEntropyRecognizer
from proagentbench.anonymizer.recognizers.home_path import HomePathRecognizer
from proagentbench.anonymizer.recognizers.jwt import JwtRecognizer
from proagentbench.anonymizer.recognizers.local_identity import LocalIdentityRecognizer
from proagentbench.anonymizer.recognizers.person_gazetteer import PersonGazetteerRecognizer
from proagentbench.anonymizer.recognizers.phone_pattern import PhonePatternRecognizer
from proagentbench.anonymizer.recognizers.private_key import PrivateKeyRecognizer
from proagentbench.anonymizer.recognizers.secret_assignment import SecretAssignmentRecognizer
from proagentbench.anonymizer.recognizers.shell_prompt import ShellPromptRecognizer
from proagentbench.anonymizer.recognizers.url_credentials import UrlCredentialRecognizer
from proagentbench.anonymizer.recognizers.url_query_token import UrlQueryTokenRecognizer
from proagentbench.anonymizer.text import TextScrubber

GH = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"
JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"
AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"

TABLES: dict[str, tuple[Any, list[tuple[str, tuple[str, ...]]]]] = {
    "cloud keys": (
        CloudKeyRecognizer(),
        [
            ("aws key AKIAIOSFODNN7EXAMPLE in config", ("AKIAIOSFODNN7EXAMPLE",)),
            (f"aws_secret_access_key = {AWS_SECRET}", (AWS_SECRET,)),
            ("key=AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q", ("AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q",)),
            ("AKIA is the prefix of AWS keys", ()),
            ("XAKIAIOSFODNN7EXAMPLE9", ()),
        ],
    ),
    "api tokens": (
        ApiTokenRecognizer(),
        [
            (f"git remote set-url origin https://{GH}@github.com/x/y", (GH,)),
            ("SLACK=xoxb-1234567890-abcdefghij", ("xoxb-1234567890-abcdefghij",)),
            ("OPENAI_API_KEY sk-proj-Ab12Cd34Ef56Gh78Ij90Kl", ("sk-proj-Ab12Cd34Ef56Gh78Ij90Kl",)),
            ("Authorization: Bearer abcdef0123456789ABCDEF", ("abcdef0123456789ABCDEF",)),
            ("hf_AbCdEfGhIjKlMnOpQrStUvWxYz01234567", ("hf_AbCdEfGhIjKlMnOpQrStUvWxYz01234567",)),
            ("the task-list and sk-learn are fine", ()),
        ],
    ),
    "jwt": (JwtRecognizer(), [(f"token: {JWT}", (JWT,)), ("eyJ alone is not a token", ())]),
    "private key": (
        PrivateKeyRecognizer(),
        [
            (
                "-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----",
                ("-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----",),
            ),
            ("-----BEGIN PUBLIC KEY-----", ()),
        ],
    ),
    "url credentials": (
        UrlCredentialRecognizer(),
        [
            ("postgres://admin:S3cr3t!@db.internal:5432/app", ("S3cr3t!",)),
            (f"https://{GH}@github.com/acme/repo.git", (GH,)),
            ("Server=db;Database=app;User Id=sa;Password=Tr0ub4dor&3;", ("Tr0ub4dor&3",)),
            ("https://github.com/acme/repo.git", ()),
        ],
    ),
    "secret assignment": (
        SecretAssignmentRecognizer(),
        [
            ("export DB_PASSWORD=hunter2hunter", ("hunter2hunter",)),
            ('"api_key": "AbCdEf123456"', ("AbCdEf123456",)),
            ("mysql -u root --password s3cretpw", ("s3cretpw",)),
            ("token: str = None", ()),
            ("PASSWORD=$DB_PASSWORD", ()),
            ("password: ********", ()),
        ],
    ),
    "high entropy": (
        HighEntropyRecognizer(),
        [
            ("secret Zx8Qw2Lk9Vb4Nm7Rt5Yp3Hs6", ("Zx8Qw2Lk9Vb4Nm7Rt5Yp3Hs6",)),
            ("commit 3f2a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a", ()),
            ("AbstractSingletonProxyFactoryBean2 handles it", ()),
            ("550e8400-e29b-41d4-a716-446655440000", ()),
        ],
    ),
    "url query token": (
        UrlQueryTokenRecognizer(),
        [
            ("https://x.example.com/reset?token=abcDEF123456&lang=en", ("abcDEF123456",)),
            ("https://s3.amazonaws.com/b/k?X-Amz-Signature=deadbeef1234", ("deadbeef1234",)),
            ("https://example.com/search?q=weather&page=2", ()),
        ],
    ),
    "home path": (
        HomePathRecognizer(),
        [
            ("vim /home/jdoe/src/main.py", ("jdoe",)),
            ("open /Users/maria.keller/Desktop", ("maria.keller",)),
            (r"C:\Users\mkeller\AppData\Local", ("mkeller",)),
            ("cd /home/Shared/docs", ()),
            ("see docs/home/page", ()),
        ],
    ),
    "shell prompt": (
        ShellPromptRecognizer(),
        [
            ("jdoe@devbox:~/src$ ls", ("jdoe", "devbox")),
            ("[mkeller@build-01 app]$ make", ("mkeller", "build-01")),
            ("kurt07 @norris-18: ~/projects/api", ("kurt07", "norris-18")),
            ("ssh -p 22 deploy@web-3.corp.example.com", ("deploy", "web-3.corp.example.com")),
            ("git clone git@github.com:acme/x.git", ()),
        ],
    ),
    "person gazetteer": (
        PersonGazetteerRecognizer(),
        [
            ("Meeting with Maria Keller at noon", ("Maria Keller",)),
            ("Keller, Maria sent a file", ("Keller, Maria",)),
            ("Hi Maria, thanks", ("Maria",)),
            ("Page Down to scroll", ()),
            ("New Document - Visual Studio Code", ()),
        ],
    ),
    "phone pattern": (
        PhonePatternRecognizer(),
        [
            ("call (415) 555-0132 now", ("(415) 555-0132",)),
            ("+44 20 7946 0958 office", ("+44 20 7946 0958",)),
            ("2024-05-01 12:30:45 started", ()),
            ("version 1.2.3 build 4567", ()),
            ("call me back at 7188359007?", ("7188359007",)),
            ("order 7188359007 shipped", ()),
        ],
    ),
    "card number": (
        CardNumberRecognizer(),
        [
            ("card 2256449891978237 on file", ("2256449891978237",)),
            ("visa 4783229808769548387", ("4783229808769548387",)),
            ("jcb 180040391175526", ("180040391175526",)),
            ("maestro 502000536909", ("502000536909",)),
            ("ts 1700000000000004", ()),
            ("order 4783229808769548388", ()),
        ],
    ),
    "local identity": (
        LocalIdentityRecognizer(
            Identity(("jdoe",), ("devbox",), ("Jordan Doe",), ("jd@corp.example",), ("Project Falcon",))
        ),
        [
            ("ssh into devbox as JDOE", ("devbox", "JDOE")),
            ("mail jd@corp.example about Project Falcon", ("jd@corp.example", "Project Falcon")),
            ("Jordan said hi", ("Jordan",)),
            ("jdoefile and devboxes", ()),
        ],
    ),
}

CASES = [(name, text, expected) for name, (_, rows) in TABLES.items() for text, expected in rows]


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[f"{c[0]}: {c[1][:30]}" for c in CASES])
def test_recognizer_table(name: str, text: str, expected: tuple[str, ...]) -> None:
    recognizer = TABLES[name][0]
    found = [text[r.start : r.end] for r in recognizer.analyze(text, [])]
    assert sorted(found) == sorted(expected)


# Presidio's built-ins as fixed for desktop text, through the full analyzer.
BUILTIN_CASES = [
    ("write to maria.keller@example.com", "EMAIL_ADDRESS", "maria.keller@example.com"),
    ("card 4111 1111 1111 1111 expires", "CREDIT_CARD", "4111 1111 1111 1111"),
    ("IBAN DE89 3704 0044 0532 0130 00", "IBAN_CODE", "DE89 3704 0044 0532 0130 00"),
    ("ping 10.20.30.40 failed", "IP_ADDRESS", "10.20.30.40"),
    ("see https://docs.example.org/guide", "URL", "https://docs.example.org/guide"),
    ("call +1 212-555-0147", "PHONE_NUMBER", "+1 212-555-0147"),
]
NEGATIVE_BUILTIN = [
    "README.md - Visual Studio Code",
    "python main.py --verbose",
    "ts=1700000000123456 request done",
    "ticket AB12345 opened",
    "postgres host db.internal",
]


@pytest.mark.parametrize(("text", "entity", "value"), BUILTIN_CASES)
def test_builtins_find_structured_pii(scrubber: TextScrubber, text: str, entity: str, value: str) -> None:
    spans = scrubber.analyze(text)
    assert [(s.entity, text[s.start : s.end]) for s in spans] == [(entity, value)]


@pytest.mark.parametrize("text", NEGATIVE_BUILTIN)
def test_builtin_desktop_false_positives_are_fixed(scrubber: TextScrubber, text: str) -> None:
    assert scrubber.analyze(text) == []
