"""The new user every front-end's tests play: a support bot, told in seven messages, that ends in a
recommendation (the terminal, the chat and the Slack tests replay the same conversation)."""

SUPPORT_BOT = [
    "Hi! We're building a support bot for our customers.",
    "Probably around 120k requests a day once it's rolled out.",
    "The help-centre articles get updated every week or so.",
    "Every answer has to link the article it came from.",
    "Hosted APIs are fine, nothing sensitive in there.",
    "It's one shared help centre for everyone.",
    "What do you recommend?",
]
