"""The bottom layer: facts every other layer shares (languages, the reply
model, the message contract, settings). Imports nothing from the project
outside ``bot.core``, and nothing from Rasa, so the public edge on its own
Python can use it too."""
