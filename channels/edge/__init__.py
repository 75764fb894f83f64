"""The public edge: every request from the internet ends here.

Runs on Python >= 3.12 in its own venv (.venv-edge), without Rasa. It
speaks the widget's socket.io protocol, a REST API for integrators and the
KakaoTalk, LINE and Telegram webhooks; identity, CORS, limits, registration
number masking and the payload allow-list are applied here once, and
Rasa is reached over loopback with a shared secret. May import
``bot.core`` and ``bot.storage`` only (no Rasa, no actions).
"""
