"""Replies built from catalogue records, in the user's language (no Rasa here).

Above the catalogue and below the Rasa adapters: actions call these plain
functions and dispatch the ``bot.core.replies.Reply`` they return.
"""
