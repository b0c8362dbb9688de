"""The phrase bank in English: the same intents as intents_vi, in the words of an English speaker.

Only phrases here: what each intent leads to is said once, in intents_vi.INTENTS.
"""

from __future__ import annotations

PHRASES: dict[str, tuple[str, ...]] = {
    "greeting": ("hello", "hi there", "hey", "good morning", "good afternoon", "who are you"),
    "thanks": ("thanks", "thank you", "thanks a lot", "many thanks", "much appreciated", "thank you so much"),
    "ack": ("okay", "got it", "noted", "alright", "sure", "great"),
    "help": ("help", "what can you do", "how does this work", "how do i use this", "commands", "show menu"),
    "cancel": ("cancel", "stop", "quit", "never mind", "forget it"),
    "join": ("invite code", "i have a code", "how do i join", "join", "start", "sign in", "log in"),
    "register": ("register", "register for the meeting", "sign up for the meeting", "add attendee",
                 "add a person", "attend the meeting", "registration form", "change our attendees",
                 "withdraw registration", "how do i register", "register people"),
    "registrations": ("am i registered", "did we register", "have we registered", "my registration",
                      "check registration", "our registration", "are we registered", "roster", "who registered",
                      "who has registered", "registration list", "attendee list", "how many registered",
                      "list of attendees"),
    "missing": ("who has not registered", "who hasn't registered", "who hasn't signed up", "not signed up",
                "missing registrations", "not registered yet",
                "units not registered", "which units have not registered"),
    "export": ("export", "export to excel", "download the list", "excel file", "download excel", "export the list",
               "export attendee list"),
    "meeting_info": ("meeting info", "upcoming meeting", "meeting details", "what meeting", "next meeting",
                     "invitation letter"),
    "meeting_time": ("what time is the meeting", "when is the meeting", "meeting time", "what time does it start",
                     "meeting date", "when do we meet",
                     "when does the meeting start", "what time does the meeting start"),
    "meeting_place": ("where is the meeting", "meeting venue", "meeting location", "online or in person",
                      "where do we meet", "where's the meeting"),
    "meeting_link": ("meeting link", "join link", "zoom link", "link to join", "send me the link", "link",
                     "is there a zoom link", "where is the meeting link", "get the meeting link"),
    "cutoff": ("registration deadline", "deadline to register", "how many days left", "when does registration close",
               "when is the deadline", "days left",
               "when is the registration deadline", "deadline for registration"),
    "contact": ("contact", "who to contact", "contact person", "phone number", "who is in charge"),
    "tasks": ("tasks", "my tasks", "what's due", "what is due", "to do list", "todo", "our tasks", "what should we do"),
    "progress": ("update progress", "progress", "mark as done", "task done", "update task", "mark task done",
                 "progress report"),
    "report": ("submit report", "report deadline", "reports", "send report", "report", "progress report"),
    "import_doc": ("import plan", "upload a plan", "upload a letter", "new meeting", "create a meeting",
                   "import a document"),
    "reminders": ("reminders", "remind", "reminder schedule"),
    "mute": ("mute", "mute reminders", "stop reminders"),
    "unmute": ("unmute", "unmute reminders", "turn reminders on"),
    "manage_meeting": ("manage meeting", "reschedule the meeting", "cancel the meeting", "change meeting time"),
    "set_link": ("set meeting link", "set the link", "add the zoom link"),
    "request_report": ("request a report", "new deadline", "create a deadline"),
    "petitions": ("petitions", "complaints", "business petitions"),
    "link_zalo": ("link zalo", "use on zalo", "connect zalo"),
}

# Never a word Vietnamese also uses folded ("do" in "tiến độ", "on" in "cảm ơn", "so" in "số", "to" in "tổ").
FILLERS = frozenset({
    "the", "an", "is", "are", "im", "my", "me", "please", "pls", "plz", "can", "could", "you", "does", "of",
    "for", "our", "we", "us", "it", "be", "will", "would", "there", "any", "have", "has", "want", "need",
    "like", "just", "and", "or",
})

ABBREVIATIONS = {"tysm": "thanks", "thnx": "thanks", "plz": "please"}
