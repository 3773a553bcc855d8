"""Intake and dispatch connectors: e-mail, Telegram, WhatsApp, X, SP4N-LAPOR!, web, manual intake."""
