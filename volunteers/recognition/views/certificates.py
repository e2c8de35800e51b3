"""Hours certificates: the volunteer asks for one and downloads it; anyone verifies a code."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from portal.errors import ServiceError
from volunteers.participation.models.rollups import HoursByVolunteer
from volunteers.participation.stars import star_level
from volunteers.recognition.models.certificates import Certificate, CertificateStatus
from volunteers.recognition.services.certificates import (
    certificate_current,
    certificate_for_code,
    certificate_is_stale,
    certificate_last_failed,
    certificate_request,
    code_normalise,
)


@login_required
def my_certificate(request):
    if request.method == "POST":
        try:
            certificate_request(user=request.user, language=get_language())
        except ServiceError as error:
            messages.error(request, error.messages[0])
        return redirect("volunteers:my_certificate")
    current = certificate_current(user=request.user)
    total = HoursByVolunteer.objects.filter(user=request.user).first()
    hours = total.approved_hours if total else 0
    return render(
        request,
        "volunteers/recognition/certificates/my_certificate.html",
        {
            "tab": "certificate",
            "certificate": current,
            "stale": current is not None
            and current.status == CertificateStatus.READY
            and certificate_is_stale(current),
            "approved_hours": hours,
            "star_level": star_level(hours),
            "stars": "★" * star_level(hours),
            "failed": current is None and certificate_last_failed(user=request.user),
            "earlier": Certificate.objects.filter(
                volunteer=request.user, status=CertificateStatus.SUPERSEDED
            )[:5],
        },
    )


@login_required
@require_GET
def certificate_download(request, code: str):
    # Someone else's code is simply not found: the URL reveals nothing.
    certificate = Certificate.objects.filter(
        code=code,
        volunteer=request.user,
        status__in=(CertificateStatus.READY, CertificateStatus.SUPERSEDED),
    ).first()
    if certificate is None or not certificate.pdf:
        raise Http404
    response = FileResponse(
        certificate.pdf.open("rb"),
        as_attachment=True,
        filename=f"qingshui-certificate-{certificate.code}.pdf",
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def certificate_lookup(request):
    """/verify/?code=…: the form on the verification page."""
    typed = request.GET.get("code", "")
    if not typed:
        return render(request, "volunteers/recognition/certificates/verify.html", {"lookup": True})
    code = code_normalise(typed)
    if code is None:
        return render(
            request,
            "volunteers/recognition/certificates/verify.html",
            {"lookup": True, "problem": "malformed", "typed": typed[:40]},
            status=400,
        )
    return redirect("volunteers:certificate_verify", code=code)


@require_GET
def certificate_verify(request, code: str):
    certificate, problem = certificate_for_code(code)
    if certificate is None:
        return render(
            request,
            "volunteers/recognition/certificates/verify.html",
            {"problem": problem, "typed": code[:40], "lookup": True},
            status=404,
        )
    if certificate.code != code:
        return redirect("volunteers:certificate_verify", code=certificate.code)
    response = render(
        request,
        "volunteers/recognition/certificates/verify.html",
        {
            "certificate": certificate,
            "valid": certificate.status == CertificateStatus.READY,
            "pending": certificate.status == CertificateStatus.PENDING,
        },
    )
    response["X-Robots-Tag"] = "noindex"
    return response
