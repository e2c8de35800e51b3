"""``{% csp_nonce %}``: the nonce attribute's value for an inline ``<script>`` or ``<style>``.

It writes a placeholder that the response gets its own nonce in place of
(portal.security.csp), so it is right in cached pages and parts too, and needs no
request in the context.
"""

from django import template

from portal.security.csp import nonce_placeholder

register = template.Library()


@register.simple_tag
def csp_nonce() -> str:
    return nonce_placeholder()
