"""The hours certificate as a PDF (reportlab), with the Chinese font embedded.

The font is a TrueType CJK font the project's setup installs
(`scripts/ensure-fonts.sh`: Debian's fonts-wqy-microhei); reportlab embeds
the subset of glyphs used, so the PDF reads the same on any device and its
text can be extracted. The verification QR code is drawn by reportlab too.
"""

import io
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Image,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

FONT = "QingshuiCJK"
PRIMARY = colors.HexColor("#0b5f78")
INK = colors.HexColor("#16262e")
SOFT = colors.HexColor("#475a63")
LINE = colors.HexColor("#d5e2e7")


class FontMissing(RuntimeError):
    pass


@cache
def font_register() -> str:
    path = Path(settings.CERTIFICATE_FONT)
    if not path.exists():
        raise FontMissing(f"{path} is missing: run scripts/ensure-fonts.sh")
    options = {"subfontIndex": 0} if path.suffix.lower() == ".ttc" else {}
    pdfmetrics.registerFont(TTFont(FONT, str(path), **options))
    return FONT


@dataclass
class CertificateLine:
    date: object
    activity: str
    team: str
    hours: Decimal


def _qr(url: str, size: float) -> Drawing:
    widget = QrCodeWidget(url, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    return drawing


def _issuer_block(lines: list, seal: bytes | None):
    """The issuer, signatory and date, right-aligned, with the seal stamped beside them."""
    if not seal:
        return Table([[lines]], colWidths=[178 * mm])
    stamp = Image(io.BytesIO(seal), width=36 * mm, height=36 * mm, kind="proportional")
    return Table(
        [[lines, stamp]],
        colWidths=[138 * mm, 40 * mm],
        style=TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")]),
    )


def _hours(value: Decimal) -> str:
    return format(Decimal(value).quantize(Decimal("0.01")).normalize(), "f")


def certificate_pdf(
    *,
    certificate,
    lines: list[CertificateLine],
    verify_url: str,
    seal: bytes | None = None,
    signatory: str = "",
) -> bytes:
    """The PDF of ``certificate`` in its language, listing ``lines``, with the issuer's
    ``seal`` (image bytes, from the site settings) and ``signatory`` when staff set them.

    Paragraph text is reportlab markup: names and titles typed by people are
    escaped, so "<b>" stays text and an "<img>" cannot make the worker read a file.
    """
    font = font_register()
    styles = {
        "title": ParagraphStyle(
            "t", fontName=font, fontSize=24, leading=32, textColor=PRIMARY, alignment=1
        ),
        "subtitle": ParagraphStyle(
            "s", fontName=font, fontSize=11, leading=16, textColor=SOFT, alignment=1
        ),
        "body": ParagraphStyle(
            "b",
            fontName=font,
            fontSize=12,
            leading=21,
            textColor=INK,
            wordWrap="CJK",
            firstLineIndent=24,
        ),
        "cell": ParagraphStyle(
            "c", fontName=font, fontSize=9.5, leading=13, textColor=INK, wordWrap="CJK"
        ),
        "figure": ParagraphStyle(
            "f", fontName=font, fontSize=9.5, leading=13, textColor=INK, alignment=2
        ),
        "small": ParagraphStyle(
            "m", fontName=font, fontSize=9, leading=13, textColor=SOFT, wordWrap="CJK"
        ),
        "sign": ParagraphStyle(
            "g", fontName=font, fontSize=12, leading=20, textColor=INK, alignment=2
        ),
    }
    stars = "★" * certificate.star_level if certificate.star_level else ""
    # The day in Shiyan: between 00:00 and 08:00 Beijing time the UTC date is the day before.
    issued = timezone.localtime(certificate.issued_at)
    issuer = settings.CERTIFICATE_ISSUER
    with translation.override(certificate.language):
        period = (
            f"{certificate.period_start:%Y-%m-%d} — {certificate.period_end:%Y-%m-%d}"
            if certificate.period_start
            else "—"
        )
        statement = _(
            "This certifies that %(name)s took part in %(count)d volunteer activities "
            "from %(start)s to %(end)s, with %(hours)s approved service hours in total."
        ) % {
            "name": escape(certificate.name),
            "count": certificate.activities,
            "start": f"{certificate.period_start:%Y-%m-%d}" if certificate.period_start else "—",
            "end": f"{certificate.period_end:%Y-%m-%d}" if certificate.period_end else "—",
            "hours": _hours(certificate.total_hours),
        }
        level = (
            _("Star level: %(stars)s (%(level)d-star volunteer)")
            % {"stars": stars, "level": certificate.star_level}
            if stars
            else _("Star level: not yet reached (1★ at 100 approved hours)")
        )
        story = [
            Paragraph("志愿服务证明", styles["title"]),
            Paragraph(
                _("Volunteer service certificate")
                if certificate.language != "zh-hans"
                else "清水 · 十堰节水护水志愿服务",
                styles["subtitle"],
            ),
            Spacer(1, 10 * mm),
            Paragraph(statement, styles["body"]),
            Paragraph(level, styles["body"]),
            Spacer(1, 6 * mm),
        ]
        header = [
            "日期 " + _("Date"),
            "活动 " + _("Activity"),
            "服务队 " + _("Team"),
            "时长 " + _("Hours"),
        ]
        if certificate.language == "zh-hans":
            header = ["日期", "活动", "服务队", "时长（小时）"]
        rows = [[Paragraph(h, styles["cell"]) for h in header]]
        for line in lines:
            rows.append(
                [
                    Paragraph(f"{line.date:%Y-%m-%d}", styles["cell"]),
                    Paragraph(escape(line.activity), styles["cell"]),
                    Paragraph(escape(line.team), styles["cell"]),
                    Paragraph(_hours(line.hours), styles["figure"]),
                ]
            )
        rows.append(
            [
                Paragraph("", styles["cell"]),
                Paragraph(
                    "合计" if certificate.language == "zh-hans" else _("Total"), styles["cell"]
                ),
                Paragraph("", styles["cell"]),
                Paragraph(_hours(certificate.total_hours), styles["figure"]),
            ]
        )
        table = Table(rows, colWidths=[26 * mm, 78 * mm, 50 * mm, 24 * mm], repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8f3f6")),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.5, LINE),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("ALIGN", (3, 0), (3, -1), "RIGHT"),
                    ("TOPPADDING", (0, 0), (-1, -1), 4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )
        signed = [
            Paragraph(_("Issued by: %(issuer)s") % {"issuer": escape(issuer)}, styles["sign"]),
            *([Paragraph(escape(signatory), styles["sign"])] if signatory else []),
            Paragraph(
                _("Date of issue: %(date)s") % {"date": f"{issued:%Y-%m-%d}"}, styles["sign"]
            ),
        ]
        check = _(
            "Verification code: %(code)s<br/>Check that this certificate "
            "is genuine at %(url)s or by scanning the QR code."
        ) % {"code": escape(certificate.code), "url": escape(verify_url)}
        verification = Table(
            [[_qr(verify_url, 28 * mm), Paragraph(check, styles["small"])]],
            colWidths=[32 * mm, 146 * mm],
            style=TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")]),
        )
        # The issuer, seal and verification stay together on the last page.
        story += [
            table,
            Spacer(1, 10 * mm),
            KeepTogether([_issuer_block(signed, seal), Spacer(1, 8 * mm), verification]),
        ]
        title = f"志愿服务证明 {certificate.code}"
        period_note = period

    footer = _Footer(
        font=font,
        left=f"{issuer} · {certificate.code} · {period_note}",
        number=_("Volunteer no. %(number)s") % {"number": certificate.volunteer_number},
        verify_url=verify_url,
        zh=certificate.language == "zh-hans",
    )

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=16 * mm,
        rightMargin=16 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=title,
        author=settings.CERTIFICATE_ISSUER,
    )
    doc.build(story, canvasmaker=footer.canvas)
    return buffer.getvalue()


@dataclass
class _Footer:
    """What every page carries, so a single sheet can still be checked: the code, the
    volunteer's number, a small QR code to the verify page and "第 N 页 共 M 页" (the
    total is known only once all pages are laid out, so pages are drawn at the end)."""

    font: str
    left: str
    number: str
    verify_url: str
    zh: bool

    def canvas(self, *args, **kwargs):
        footer = self

        class NumberedCanvas(Canvas):
            def __init__(self, *a, **k):
                super().__init__(*a, **k)
                self._pages = []

            def showPage(self):  # noqa: N802 - reportlab's name
                self._pages.append(dict(self.__dict__))
                self._startPage()

            def save(self):
                total = len(self._pages)
                for state in self._pages:
                    self.__dict__.update(state)
                    footer.draw(self, self._pageNumber, total)
                    super().showPage()
                super().save()

        return NumberedCanvas(*args, **kwargs)

    def draw(self, canvas, page: int, total: int) -> None:
        canvas.saveState()
        canvas.setFont(self.font, 8)
        canvas.setFillColor(SOFT)
        canvas.drawString(20 * mm, 14 * mm, self.left)
        canvas.drawString(20 * mm, 10 * mm, self.number)
        pages = f"第 {page} 页 共 {total} 页" if self.zh else f"Page {page} of {total}"
        canvas.drawRightString(A4[0] - 36 * mm, 12 * mm, pages)
        qr = _qr(self.verify_url, 14 * mm)
        renderPDF.draw(qr, canvas, A4[0] - 32 * mm, 5 * mm)
        canvas.restoreState()


__all__ = ["CertificateLine", "FontMissing", "certificate_pdf"]
