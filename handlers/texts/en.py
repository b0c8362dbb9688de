"""English: commands and the few texts an English-speaking user sees first; the rest falls back to Vietnamese."""

COMMANDS = {
    "start": "Start / enter an invite code",
    "help": "How to use the assistant",
    "dangky": "Register attendees for a meeting",
    "viec": "Your unit's tasks for a period",
    "capnhat": "Update a task's progress",
    "baocao": "Submit a report by its deadline",
    "danhsach": "Units that have registered",
    "chuadangky": "Units that have not registered",
    "xuat": "Export to Excel",
    "huy": "Cancel what you are doing",
    "hoinghi": "Manage a meeting: link, time, cancel",
    "lienket": "Set an online meeting's join link",
    "nhacviec": "Reminders: coming, sent, mute",
    "tatnhac": "Mute early reminders and the digest",
    "batnhac": "Unmute reminders",
    "lienketzalo": "Link your Zalo and Telegram accounts",
}

TEXTS = {
    "help_header": "Commands you can use:",
}
# members (handlers/members.py)
COMMANDS.update({
    "thanhvien": "A unit's members; remove a member",
    "thuhoi": "Revoke an unused invite",
})
# /yeucau (handlers/deadline_request.py)
COMMANDS.update({
    "yeucau": "Ask units for a report or list by a deadline",
})

# open registration by link (issue 15)
COMMANDS.update({
    "dangkymo": "Open registration for enterprises: the public link",
    "doanhnghiep": "Your enterprise's registered details",
})

# petitions (issue 15)
COMMANDS.update({
    "kiennghi": "Petitions: send, view, edit; organisers: list, assign, answer",
    "guikiennghi": "Send a new petition for a meeting you registered for",
    "hankiennghi": "Set a meeting's petition cutoff",
    "ketluan": "Send a meeting's conclusion notice",
})
