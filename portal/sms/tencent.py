"""Text messages through Tencent Cloud SMS (腾讯云短信), with Tencent's own Python SDK.

Tencent sends only templates approved in advance under an approved signature, so each
message kind maps to a template id and the order of its parameters (``SMS_TEMPLATES``):

    SMS_BACKEND = "portal.sms.tencent.TencentBackend"
    SMS_TENCENT = {"secret_id": …, "secret_key": …, "app_id": "1400…", "sign_name": "清水",
                   "region": "ap-guangzhou"}
    SMS_TEMPLATES = {"phone_code": {"id": "1234567", "params": ["code", "minutes"]}, …}

A kind without a template is refused (and recorded on the row), never sent as free text.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from tencentcloud.common import credential
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from tencentcloud.sms.v20210111 import models, sms_client

from portal.sms.backends import SmsBackend

DEFAULT_ENDPOINT = "sms.tencentcloudapi.com"


class SmsRefused(Exception):
    """The provider answered, and did not send the message."""


class TencentBackend(SmsBackend):
    def __init__(self):
        config = getattr(settings, "SMS_TENCENT", None) or {}
        missing = [
            k for k in ("secret_id", "secret_key", "app_id", "sign_name") if not config.get(k)
        ]
        if missing:
            raise ImproperlyConfigured(f"SMS_TENCENT needs {', '.join(missing)}")
        self.config = config
        http = HttpProfile(
            protocol=config.get("protocol", "https"),
            endpoint=config.get("endpoint", DEFAULT_ENDPOINT),
            reqTimeout=int(config.get("timeout", 10)),
        )
        self.client = sms_client.SmsClient(
            credential.Credential(config["secret_id"], config["secret_key"]),
            config.get("region", "ap-guangzhou"),
            ClientProfile(httpProfile=http),
        )

    def send(self, message) -> str:
        template = settings.SMS_TEMPLATES.get(message.kind)
        if not template:
            raise SmsRefused(f"no SMS_TEMPLATES entry for {message.kind!r}")
        request = models.SendSmsRequest()
        request.PhoneNumberSet = [message.to]
        request.SmsSdkAppId = str(self.config["app_id"])
        request.SignName = self.config["sign_name"]
        request.TemplateId = str(template["id"])
        request.TemplateParamSet = [str(message.params[name]) for name in template["params"]]
        request.SessionContext = f"outgoingsms-{message.pk}"
        response = self.client.SendSms(request)
        status = response.SendStatusSet[0]
        if status.Code != "Ok":
            raise SmsRefused(f"{status.Code}: {status.Message}")
        return status.SerialNo
