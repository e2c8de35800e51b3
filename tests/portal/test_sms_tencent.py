"""The production SMS backend, against a local stand-in for Tencent Cloud's API that checks
what the SDK sends: the action, the parameters and the TC3-HMAC-SHA256 signature."""

import hashlib
import hmac
import json
import threading
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal.outbox import OutgoingSms
from portal.sms.services import sms_deliver, sms_queue

pytestmark = pytest.mark.django_db

SECRET_ID, SECRET_KEY = "AKIDtest0123456789", "test-secret-key-0123456789"
TEMPLATES = {"phone_code": {"id": "1234567", "params": ["code", "minutes"]}}


def _hmac(key: bytes, text: str) -> bytes:
    return hmac.new(key, text.encode(), hashlib.sha256).digest()


def signature_ok(headers, body: bytes, secret_key: str) -> bool:
    """Tencent Cloud's TC3-HMAC-SHA256, recomputed from the request as received."""
    scheme, _, fields = headers["Authorization"].partition(" ")
    parts = dict(item.strip().split("=", 1) for item in fields.split(","))
    signed = parts["SignedHeaders"].split(";")
    canonical_headers = "".join(f"{name}:{headers[name].strip().lower()}\n" for name in signed)
    canonical = "\n".join(
        ["POST", "/", "", canonical_headers, ";".join(signed), hashlib.sha256(body).hexdigest()]
    )
    timestamp = headers["X-TC-Timestamp"]
    date = datetime.fromtimestamp(int(timestamp), UTC).strftime("%Y-%m-%d")
    scope = f"{date}/sms/tc3_request"
    to_sign = "\n".join([scheme, timestamp, scope, hashlib.sha256(canonical.encode()).hexdigest()])
    key = _hmac(_hmac(_hmac(("TC3" + secret_key).encode(), date), "sms"), "tc3_request")
    expected = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
    return parts["Credential"] == f"{SECRET_ID}/{scope}" and hmac.compare_digest(
        parts["Signature"], expected
    )


class FakeTencent(BaseHTTPRequestHandler):
    received: list = []
    answer: dict = {}

    def do_POST(self):  # noqa: N802 - the http.server API
        body = self.rfile.read(int(self.headers["Content-Length"]))
        request = json.loads(body)
        self.received.append({"headers": dict(self.headers), "body": request})
        if not signature_ok(self.headers, body, SECRET_KEY):
            response = {"Error": {"Code": "AuthFailure.SignatureFailure", "Message": "bad"}}
        elif (
            self.headers["X-TC-Action"] != "SendSms" or self.headers["X-TC-Version"] != "2021-01-11"
        ):
            response = {"Error": {"Code": "InvalidAction", "Message": "unknown action"}}
        else:
            status = {
                "SerialNo": "2433:1234",
                "PhoneNumber": request["PhoneNumberSet"][0],
                "Code": "Ok",
                "Message": "send success",
            }
            status.update(self.answer)
            response = {"SendStatusSet": [status]}
        response["RequestId"] = "fake-request"
        data = json.dumps({"Response": response}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def tencent(settings):
    server = HTTPServer(("127.0.0.1", 0), FakeTencent)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    FakeTencent.received, FakeTencent.answer = [], {}
    settings.SMS_BACKEND = "portal.sms.tencent.TencentBackend"
    settings.SMS_TEMPLATES = TEMPLATES
    settings.SMS_TENCENT = {
        "secret_id": SECRET_ID,
        "secret_key": SECRET_KEY,
        "app_id": "1400000001",
        "sign_name": "清水",
        "endpoint": f"127.0.0.1:{server.server_address[1]}",
        "protocol": "http",
    }
    yield FakeTencent
    server.shutdown()
    server.server_close()


def code_message(kind="phone_code"):
    return sms_queue(to="+8613800138000", kind=kind, params={"code": "402913", "minutes": 10})


def test_a_code_goes_to_tencent_as_its_approved_template(tencent):
    row = code_message()
    assert sms_deliver(sms_id=row.pk) is True
    [request] = tencent.received
    assert request["body"] == {
        "PhoneNumberSet": ["+8613800138000"],
        "SmsSdkAppId": "1400000001",
        "SignName": "清水",
        "TemplateId": "1234567",
        "TemplateParamSet": ["402913", "10"],
        "SessionContext": f"outgoingsms-{row.pk}",
    }
    row.refresh_from_db()
    assert row.sent_at is not None and row.provider_id == "2433:1234"


def test_a_refusal_is_recorded_and_retried_later(tencent):
    tencent.answer = {"Code": "LimitExceeded.PhoneNumberDailyLimit", "Message": "daily limit"}
    row = code_message()
    assert sms_deliver(sms_id=row.pk) is False
    row.refresh_from_db()
    assert row.sent_at is None and row.failed_at is None and row.attempts == 1
    assert "LimitExceeded.PhoneNumberDailyLimit" in row.last_error


def test_a_wrong_secret_fails_the_signature_and_nothing_is_sent(tencent, settings):
    settings.SMS_TENCENT = {**settings.SMS_TENCENT, "secret_key": "not-the-secret"}
    row = code_message()
    assert sms_deliver(sms_id=row.pk) is False
    row.refresh_from_db()
    assert "AuthFailure.SignatureFailure" in row.last_error


def test_a_kind_without_an_approved_template_is_never_sent(tencent):
    row = code_message(kind="no_account")
    assert sms_deliver(sms_id=row.pk) is False
    assert tencent.received == []
    assert "no SMS_TEMPLATES entry for 'no_account'" in OutgoingSms.objects.get().last_error


def test_missing_credentials_say_which(settings):
    settings.SMS_BACKEND = "portal.sms.tencent.TencentBackend"
    settings.SMS_TENCENT = {"secret_id": SECRET_ID}
    row = code_message()
    with pytest.raises(ImproperlyConfigured, match="secret_key, app_id, sign_name"):
        sms_deliver(sms_id=row.pk)
    row.refresh_from_db()
    assert row.attempts == 0 and row.failed_at is None  # waits for the settings to be fixed
