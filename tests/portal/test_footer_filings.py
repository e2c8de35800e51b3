"""The footer shows the filings a government website in mainland China must show, once set."""

import pytest
from django.core.exceptions import ValidationError

from portal.models import SiteSettings

pytestmark = pytest.mark.django_db


def test_no_filings_until_staff_enter_them(client, home):
    page = client.get("/").content.decode()
    assert "site-footer__filings" not in page and "beian" not in page


def test_the_filings_link_to_their_record_searches(client, home):
    client.get("/")  # makes the settings row
    filings = SiteSettings.objects.get()
    filings.icp_number = "鄂ICP备12345678号-1"
    filings.public_security_record = "鄂公网安备42030202000123号"
    filings.government_site_code = "4203000012"
    filings.full_clean()
    filings.save()
    page = client.get("/").content.decode()
    icp = 'href="https://beian.miit.gov.cn/" rel="noopener" target="_blank">鄂ICP备12345678号-1</a>'
    assert icp in page
    assert "beian.mps.gov.cn/#/query/webSearch?code=42030202000123" in page
    assert "政府网站标识码：4203000012" in page


@pytest.mark.parametrize("code", ["420300001", "42030000123", "42O3000012"])
def test_a_government_site_code_has_ten_digits(home, code):
    filings = SiteSettings(site=home.get_site(), government_site_code=code)
    with pytest.raises(ValidationError) as error:
        filings.full_clean()
    assert "government_site_code" in error.value.message_dict
