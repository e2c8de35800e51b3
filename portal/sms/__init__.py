"""Text messages: an outbox like e-mail's, and backends behind ``settings.SMS_BACKEND``."""
