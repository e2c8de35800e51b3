"""Security headers: the Content-Security-Policy (``csp``) and the Permissions-Policy
(``headers``). docs/security.md says what they allow and how to add a script."""
