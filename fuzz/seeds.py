#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora and dictionaries into a build folder; scripts/fuzz runs it.

    fuzz/seeds.py OUT     ->  OUT/seeds/<target>/<sha1>  and  OUT/dicts/<target>.dict

The seeds are the `input` fields of tests/data/bad-input/*.jsonl (every mistake the CLI is tested with), the example
bodies of resources/examples/ (what the Unified page and the sandbox start from) put where each target reads them,
and a few answers as the four providers write them. They are generated, never committed: the corpus libFuzzer grows
from them stays in the build folder too.
"""
import base64
import hashlib
import json
import pathlib
import sys
import urllib.parse

ROOT = pathlib.Path(__file__).resolve().parent.parent
BAD_INPUT = ROOT / "tests" / "data" / "bad-input"
EXAMPLES = ROOT / "resources" / "examples"

# The same list as fuzz/leaks.h: the Redactor and ProviderError targets register these.
SECRETS = ["sk-test-0123456789abcdef", "4f1c5e3a-9b2d-4c7e-8a6f-2d3b1e0c9a57", "p@ss w\u00f6rd/+=&?", "xoxb-17", "abc12"]

TARGETS = ["fuzz_unified_request", "fuzz_repeated_key", "fuzz_dotenv", "fuzz_whatsapp_message", "fuzz_twilio_sms",
           "fuzz_provider_error", "fuzz_redactor", "fuzz_phone_number", "fuzz_record_pager"]


def compact(value):
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()


def expand(value):
    """{"$repeat": TEXT, "times": N, "prefix": P, "suffix": S} stands for P + TEXT*N + S (tst_badinput's rule)."""
    if isinstance(value, dict):
        if "$repeat" in value:
            return value.get("prefix", "") + value["$repeat"] * value.get("times", 1) + value.get("suffix", "")
        return {k: expand(v) for k, v in value.items()}
    if isinstance(value, list):
        return [expand(v) for v in value]
    return value


def cases(family):
    with open(BAD_INPUT / f"{family}.jsonl", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield expand(json.loads(line))


class Corpus:
    def __init__(self):
        self.seeds = {t: set() for t in TARGETS}

    def add(self, target, data):
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogatepass")
        if len(data) <= 1024 * 1024:
            self.seeds[target].add(data)

    def unified(self, body):
        """A unified body: for the parser, RepeatedKey, and its data for the message parsers."""
        text = body if isinstance(body, (bytes, str)) else compact(body)
        self.add("fuzz_unified_request", text)
        self.add("fuzz_repeated_key", text)
        if isinstance(body, dict) and isinstance(body.get("data"), dict):
            if body.get("resource") == "whatsapp.message":
                self.add("fuzz_whatsapp_message", compact(body["data"]))
            elif body.get("resource") == "twilio.sms":
                self.add("fuzz_twilio_sms", compact(body["data"]))


def examples():
    out = {}
    for path in sorted(EXAMPLES.glob("*.json")):
        out[path.name] = path.read_bytes()
    return out


def message_body(resource, data):
    return {"provider": "nango", "resource": resource, "operation": "create", "data": data}


def seed_bad_input(corpus, whatsapp, template, twilio):
    for case in cases("unified"):
        if "text" in case:
            corpus.unified(case["text"])
        else:
            corpus.unified(case["body"])
    for case in cases("ids"):
        via, value = case["via"], case["id"]
        if via.startswith("unified "):
            _, provider, resource = via.split()
            corpus.unified({"provider": provider, "resource": resource, "operation": "get", "id": value})
        elif via.startswith("whatsapp"):
            corpus.unified(message_body("whatsapp.message", {**whatsapp, via.split()[-1].lstrip("-"): value}))
        elif via.startswith("twilio"):
            corpus.unified(message_body("twilio.sms", {**twilio, via.split()[-1].lstrip("-"): value}))
        else:  # a path id (nango delete, functions): where an id ends up in a unified get as well
            corpus.unified({"provider": "nango", "resource": "crm.contact", "operation": "get", "id": value})
    for case in cases("phones"):
        via, number = case["via"], case["number"]
        field = via.split()[-1].lstrip("-")
        if via.startswith("whatsapp"):
            corpus.unified(message_body("whatsapp.message", {**whatsapp, field: number}))
        else:
            corpus.unified(message_body("twilio.sms", {**twilio, field: number}))
        if isinstance(number, str):
            corpus.add("fuzz_phone_number", "\n" + number)
            corpus.add("fuzz_phone_number", "US\n" + number)
    for case in cases("templates"):
        if "template" in case:
            data = {k: v for k, v in whatsapp.items() if k != "body"}
            data.update({"type": "template", "template": case["template"]})
            data.update(case.get("data", {}))
            corpus.unified(message_body("whatsapp.message", data))
    corpus.unified(message_body("whatsapp.message", template))
    for case in cases("dotenv"):
        if "file" in case:
            corpus.add("fuzz_dotenv", case["file"])
        elif "base64" in case:
            corpus.add("fuzz_dotenv", base64.b64decode(case["base64"]))


def seed_dotenv(corpus):
    good = ("# Crossline\n"
            "NANGO_SECRET_KEY=4f1c5e3a-9b2d-4c7e-8a6f-2d3b1e0c9a57\n"
            "export NANGO_HOST=\"https://api.nango.dev\"  # the cloud\n"
            "PANORA_API_KEY='sk-test-0123456789abcdef'\n"
            "PANORA_API_URL=https://api.panora.dev # inline comment\n"
            "QUOTED=\"a\\tb\\n\\\"c\\\" \\\\ \\q\"\n"
            "EMPTY=\n"
            "NANGO_SECRET_KEY=again\n")
    corpus.add("fuzz_dotenv", good)
    corpus.add("fuzz_dotenv", good.replace("\n", "\r\n"))
    corpus.add("fuzz_dotenv", b"\xef\xbb\xbf" + good.encode())


def seed_phones(corpus):
    for text in ["\n+15551234567", "US\n(555) 123-4567", "GB\n020 7946 0958", "\n+44 20 7946 0958",
                 "\n+800 1234 5678", "IN\n098765 43210", "\n+\u0669\u0667\u0661\u0665\u0660\u0661\u0662\u0663\u0664"
                 "\u0665\u0666\u0667", "DE\n+49 (0)30 123456", "\n+1\u2013555\u2013123\u20134567", "us\n555.123.4567",
                 "ZZ\n5551234567", "\n+12", "\n+1 800 FLOWERS", "\nwhatsapp:+15551234567", "\n+15005550006"]:
        corpus.add("fuzz_phone_number", text)


def seed_answers(corpus):
    """Error answers of the four providers (ProviderError) and pages (RecordPager), as their APIs write them."""
    errors = [
        ("400 application/json nango", {"error": {"code": "invalid_body", "message": "Invalid request body",
                                                  "errors": [{"path": ["data", 0, "to"], "message": "Required"}]}}),
        ("424 application/json nango", {"error": {"code": "script_http_error", "message": "The action failed",
                                                  "upstream": {"status": 409,
                                                               "body": {"message": "Contact already exists"}}}}),
        ("401 application/json nango", {"error": {"code": "unknown_account", "message": "No account for this key"}}),
        ("400 application/json nango", {"error": {"code": "connection_test_failed"}}),
        ("400 application/json whatsapp", {"error": {
            "message": "(#131030) Recipient phone number not in allowed list", "type": "OAuthException",
            "code": 131030, "error_data": {"messaging_product": "whatsapp", "details":
                                           "Recipient phone number not in allowed list: Add it and try again."},
            "fbtrace_id": "AbCdEfGh123"}}),
        ("401 application/json whatsapp", {"error": {"message": "Invalid OAuth access token - Cannot parse access "
                                                                "token", "type": "OAuthException", "code": 190}}),
        ("400 application/json twilio", {"code": 21211, "message": "The 'To' number +1555 is not a valid phone "
                                         "number.", "more_info": "https://www.twilio.com/docs/errors/21211",
                                         "status": 400}),
        ("500 application/json panora", {"statusCode": 500, "message": "Request failed with status code 409"}),
        ("500 application/json panora", {"statusCode": 500, "message": "Cannot read properties of undefined "
                                                                       "(reading 'id_crm_contact')"}),
        ("401 application/json panora", {"statusCode": 401, "message": "API Key not found"}),
        ("400 application/json panora", {"statusCode": 400, "message": ["limit must be a number", "cursor"]}),
        ("502 application/json gateway", {"error": "upstream unavailable"}),
    ]
    for status, body in errors:
        corpus.add("fuzz_provider_error", status.encode() + b"\n" + compact(body))
    for raw in [b"404 text/html panora\n<!doctype html><html><body>Not found</body></html>",
                b"503 text/plain nango\nService Unavailable", b"400 - nango\n", b"429 application/json nango\n[]"]:
        corpus.add("fuzz_provider_error", raw)
    for secret in SECRETS:
        echoed = {"error": {"code": "invalid_secret_key_format", "message": f"Secret key {secret} is invalid"}}
        corpus.add("fuzz_provider_error", b"401 application/json nango\n" + compact(echoed))
        corpus.add("fuzz_provider_error", b"400 application/json twilio\n" + compact(
            {"code": 20003, "message": "Authenticate " + base64.b64encode(f"AC1:{secret}".encode()).decode(),
             "status": 401, "more_info": "Basic " + base64.b64encode(f"AC1:{secret}".encode()).decode()}))

    pages = [
        b'panora\n{"data":[{"id":"c1","first_name":"Ada"},{"id":"c2"}],'
        b'"next_cursor":"3f2504e0-4f89-11d3-9a0c-0305e82c3301"}\n---\n{"data":[{"id":"c2"},{"id":"c3"}],'
        b'"next_cursor":null}',
        b'panora\n{"data":[{"id":"c1"}],"next_cursor":"M2YyNTA0ZTAtNGY4OS0xMWQzLTlhMGMtMDMwNWU4MmMzMzAx"}',
        b'nango\n{"data":[{"id":1},{"id":2}],"next_cursor":"abc"}\n---\n{"data":[{"id":2},{"id":3}],'
        b'"next_cursor":"abc"}',
        b'nango\n{"records":[],"next_cursor":"MjAyNC0wMS0wMQ=="}\n---\n{"records":[{"id":"r1",'
        b'"_nango_metadata":{"last_action":"ADDED","cursor":"MjAyNC0wMS0wMQ=="}}],"next_cursor":null}',
        b'nango\n[{"id":"a"},{"id":"b"}]\n---\n[]',
        b'panora\n<html><body>Panora</body></html>',
        b'nango\n{"data":[{"id":"a"},2,"b"]}',
        b'nango\n{"data":"none"}\n---\n{"records":{}}',
    ]
    for page in pages:
        corpus.add("fuzz_record_pager", page)


def seed_redactor(corpus, bodies):
    for body in bodies:
        corpus.add("fuzz_redactor", body)
    for secret in SECRETS:
        value = secret.encode()
        forms = [value, urllib.parse.quote(secret, safe="-._~").encode(), base64.b64encode(value),
                 base64.b64encode(value).rstrip(b"="), base64.urlsafe_b64encode(value),
                 base64.urlsafe_b64encode(value).rstrip(b"=")]
        for form in forms:
            corpus.add("fuzz_redactor", b'{"error":{"message":"bad key ' + form + b'"}}')
        credential = base64.b64encode(b"AC123:" + value)
        corpus.add("fuzz_redactor", b"Authorization: Basic " + credential + b"\r\nX-Api-Key: " + value)
        corpus.add("fuzz_redactor", b'{"echo":"basic ' + base64.urlsafe_b64encode(b"u:" + value) + b'"}')
        corpus.add("fuzz_redactor", b"https://api.example.com/x?api_key=" + forms[1] + b"&token=" + value)


def dictionary(values):
    lines = []
    for value in values:
        if isinstance(value, str):
            value = value.encode()
        text = "".join(chr(b) if 32 <= b < 127 and b not in (34, 92) else f"\\x{b:02x}" for b in value)
        lines.append(f'"{text}"')
    return "\n".join(lines) + "\n"


JSON_WORDS = ['{', '}', '[', ']', ':', ',', '"', 'null', 'true', 'false', '-0', '1e999', '1.5', '9007199254740993',
              '\\u0000', '\\ud800', '\\"', '"":', 'provider', 'resource', 'operation', 'id', 'params', 'data',
              'nango', 'panora', 'crm.contact', 'hr.employee', 'whatsapp.message', 'twilio.sms', 'list', 'get',
              'create', 'providerConfigKey', 'connectionId', 'phoneNumberId', 'type', 'to', 'from', 'body',
              'previewUrl', 'template', 'name', 'language', 'code', 'en_US', 'components', 'parameters', 'sub_type',
              'index', 'header', 'button', 'text', 'apiVersion', 'v20.0', 'baseUrlOverride', 'https://',
              'http://localhost', 'messagingServiceSid', 'accountSid', 'MG', 'AC', '+1555', 'records', 'next_cursor',
              'error', 'message', 'errors', 'path', 'upstream', 'status', 'statusCode', 'more_info', 'fbtrace_id',
              'error_data', 'details']


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: fuzz/seeds.py OUT")
    out = pathlib.Path(sys.argv[1])
    corpus = Corpus()
    bodies = examples()
    parsed = {name: json.loads(text) for name, text in bodies.items()}
    whatsapp = next(b["data"] for b in parsed.values() if b.get("resource") == "whatsapp.message"
                    and b["data"].get("type") != "template")
    template = next(b["data"] for b in parsed.values() if b.get("resource") == "whatsapp.message"
                    and b["data"].get("type") == "template")
    twilio = next(b["data"] for b in parsed.values() if b.get("resource") == "twilio.sms")
    for name, text in bodies.items():
        corpus.unified(text)
        corpus.unified(parsed[name])
    seed_bad_input(corpus, whatsapp, template, twilio)
    seed_dotenv(corpus)
    seed_phones(corpus)
    seed_answers(corpus)
    seed_redactor(corpus, bodies.values())

    for target, seeds in corpus.seeds.items():
        folder = out / "seeds" / target
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.iterdir():
            old.unlink()
        for data in seeds:
            (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)

    words = {t: JSON_WORDS for t in TARGETS}
    words["fuzz_dotenv"] = ["export ", "=", "#", " #", '"', "'", "\\n", "\\t", "\\r", '\\"', "\\\\", "\r\n",
                            "\xef\xbb\xbf".encode("latin-1"), "\t", "NANGO_SECRET_KEY", "\xe9".encode("latin-1")]
    words["fuzz_phone_number"] = ["+", "(", ")", "-", ".", " ", "US\n", "GB\n", "\n", "\u2013", "\u00a0", ":", "+1",
                                  "+44", "+800", "555", "0", "\u0661", "\uff11"]
    words["fuzz_provider_error"] = JSON_WORDS + ["text/html", "application/json", "401 ", "403 ", "500 ", "429 ",
                                                 "API Key not found", "Connection undefined for token", "reading '",
                                                 "Request failed with status code "]
    secret_forms = []
    for secret in SECRETS:
        value = secret.encode()
        secret_forms += [value, urllib.parse.quote(secret, safe="-._~"), base64.b64encode(value),
                         base64.b64encode(value).rstrip(b"="), base64.urlsafe_b64encode(value),
                         base64.urlsafe_b64encode(value).rstrip(b"="), base64.b64encode(b"user:" + value)]
    words["fuzz_redactor"] = secret_forms + ["Basic ", "basic ", "BASIC ", "Bearer ", "%", "=", "\n"]
    words["fuzz_provider_error"] = words["fuzz_provider_error"] + secret_forms
    (out / "dicts").mkdir(parents=True, exist_ok=True)
    for target, values in words.items():
        (out / "dicts" / f"{target}.dict").write_text(dictionary(values))
    for target in TARGETS:
        print(f"{target}: {len(corpus.seeds[target])} seeds")


if __name__ == "__main__":
    main()
