"""The phrase bank in Vietnamese: what people write on Zalo for each thing the assistant does.

Each intent names what it leads to per role: "/command" (offered only while that command is
registered, so a flow that lands later lights up by its phrases alone) or a direct answer of
handlers/intents.py. Write phrases as people say them, with their marks; folding, abbreviations,
words run together and typos are the matcher's job, so "đăng ký" covers "dang ky", "dk",
"dangky", "đăg ký". The same phrase in two intents means "ask back which one" ("báo cáo tiến độ").
"""

from __future__ import annotations

import itertools

from domain.intents import Intent, Lexicon


def each(*parts: tuple[str, ...]) -> tuple[str, ...]:
    """Every phrase made of one choice from each part, in order ("" leaves a part out)."""
    return tuple(" ".join(w for w in words if w) for words in itertools.product(*parts))


# Parts of generated phrases. A phrase inside a longer message still matches whole, so "cuộc họp lúc
# nào" needs no phrase of its own beside "họp lúc nào": list the shortest forms only.
MEETING = ("họp", "hội nghị")
WHEN = ("lúc nào", "khi nào", "bao giờ", "mấy giờ", "ngày nào", "hôm nào", "ngày mấy", "thứ mấy")
WHERE = ("ở đâu", "tại đâu", "chỗ nào", "nơi nào", "phòng nào")
LINK = ("link", "đường link", "đường dẫn", "đường truyền")

INTENTS = (
    # small talk: a short, warm answer with what the bot can do for this person
    Intent("greeting", {"all": "greeting"}, offer=False, phrases=(
        "chào", "xin chào", "chào bạn", "chào buổi sáng", "chào buổi chiều", "alo", "a lô", "hế lô", "hello", "hi",
        "bạn là ai", "bạn là gì", "trợ lý là ai", "có ai không", "có ai ở đó không", "chào trợ lý", "kính chào",
        "tôi là cán bộ mới",
    )),
    Intent("thanks", {"all": "thanks"}, offer=False, phrases=(
        "cảm ơn", "cám ơn", "cảm ơn nhiều", "cảm ơn bạn nhiều", "cảm ơn trợ lý", "đa tạ", "thanks", "thank you",
        "xin cảm ơn", "cảm ơn đã hỗ trợ", "cảm ơn đã giúp", "ok cảm ơn", "dạ cảm ơn", "vâng cảm ơn",
        "dạ vâng cảm ơn", "thank u",
    )),
    Intent("ack", {"all": "ack"}, offer=False, phrases=(
        "ok", "oke", "okie", "vâng", "dạ", "ừ", "ừm", "được", "được rồi", "đã rõ", "rõ rồi", "hiểu rồi", "ok rồi",
        "👍", "đã nhận", "nhận được rồi", "tuyệt", "tốt quá", "rõ", "dạ rõ",
    )),
    Intent("help", {"all": "/help"}, label="❓ Xem các việc tôi làm được", phrases=(
        "hướng dẫn", "hướng dẫn sử dụng", "trợ giúp", "bạn làm được gì", "bạn giúp được gì",
        "có thể làm gì", "bạn làm gì", "dùng như thế nào", "sử dụng thế nào", "dùng sao", "có những lệnh gì",
        "các lệnh", "danh sách lệnh", "menu", "làm sao để dùng", "làm sao dùng", "dùng bot", "chức năng",
        "có chức năng gì",
    )),
    Intent("cancel", {"all": "/cancel"}, offer=False, phrases=(
        "hủy", "hủy thao tác", "thôi", "thôi không làm nữa", "thôi khỏi", "dừng lại", "dừng", "thoát", "bỏ qua",
        "không làm nữa",
    )),
    Intent("join", {"all": "/start"}, label="🔑 Cách tham gia bằng mã mời", phrases=(
        "mã mời", "tôi có mã mời", "có mã rồi", "đã có mã", "nhập mã", "nhập mã mời", "làm sao để tham gia",
        "tham gia", "tham gia thế nào", "muốn tham gia", "bắt đầu", "đăng nhập", "kích hoạt", "kích hoạt tài khoản",
        "chưa có mã", "xin mã mời", "lấy mã ở đâu",
    )),
    # meetings and registration
    Intent("register", {"member": "/dangky"}, label="📝 Đăng ký người tham dự", phrases=(
        "đăng ký", "đăng ký họp", "đăng ký hội nghị", "đăng ký tham dự", "đăng ký tham gia hội nghị",
        "tham gia hội nghị", "đăng ký người tham dự", "đăng ký đi họp", "đăng ký dự họp", "muốn đăng ký",
        "đăng ký cho đơn vị", "đăng ký cho xã", "đăng ký cho phường", "thêm người tham dự", "thêm người đi họp",
        "thêm đồng chí",
        "thêm người", "bổ sung người", "bổ sung người tham dự", "bổ sung danh sách", "sửa danh sách đăng ký",
        "sửa đăng ký", "sửa danh sách", "đổi người đi họp", "thay người dự họp", "thay người", "xóa người",
        "bớt người", "bỏ bớt người", "rút bớt người", "xin rút người", "rút đăng ký", "sửa tên", "sửa lại danh sách",
        "đăng ký người đi họp", "hủy đăng ký", "không đi họp được", "không tham dự được",
        "cử người đi họp", "cử người tham dự", "gửi danh sách đi họp", "gửi danh sách tham dự",
        "nộp danh sách tham dự", "làm sao để đăng ký", "đăng ký như thế nào", "đăng ký ở đâu", "đăng ký tham dự ở đâu",
        "sửa tên người đi họp", "sửa lại tên", "đăng ký bị sai", "nhập sai số điện thoại", "hướng dẫn đăng ký",
        "sửa số điện thoại người tham dự", "sửa thông tin người tham dự", "sửa tên người tham dự",
        "đăng ký thêm người",
    )),
    # The same words mean the roster for an organiser and the unit's own registration for a unit.
    Intent("registrations", {"organiser": "/danhsach", "unit": "my_registration"}, label="📋 Tình hình đăng ký",
           phrases=(
        "đã đăng ký chưa", "đăng ký chưa", "đăng ký rồi chưa", "tôi đã đăng ký chưa", "đơn vị đã đăng ký chưa",
        "xã đã đăng ký chưa", "phường đã đăng ký chưa", "đơn vị đăng ký chưa", "xã đăng ký chưa",
        "đã gửi danh sách chưa", "gửi được chưa", "gửi danh sách được chưa", "đăng ký được chưa",
        "đăng ký thành công chưa", "chưa thấy xác nhận", "gửi lên chưa", "danh sách gửi chưa",
        "đã nhận được đăng ký chưa", "có trong danh sách chưa",
        "xem lại danh sách đã đăng ký", "xem lại đăng ký", "kiểm tra đăng ký", "danh sách của đơn vị",
        "đơn vị đăng ký mấy người", "đăng ký mấy người rồi", "đơn vị cử ai đi họp", "ai đi họp",
        "tình trạng đăng ký", "danh sách đăng ký", "danh sách đã đăng ký", "ai đã đăng ký", "đơn vị nào đã đăng ký",
        "các đơn vị đã đăng ký", "xem đơn vị đã đăng ký", "xem danh sách các đơn vị đã đăng ký",
        "bao nhiêu đơn vị đăng ký", "bao nhiêu đơn vị đã đăng ký", "bao nhiêu xã đăng ký",
        "bao nhiêu phường đã đăng ký", "có bao nhiêu đơn vị đăng ký", "bao nhiêu người đăng ký",
        "tổng hợp đăng ký", "tình hình đăng ký", "số lượng đăng ký", "đăng ký đến đâu rồi", "danh sách đại biểu",
        "danh sách tham dự", "danh sách người tham dự", "tổng số người tham dự", "xem danh sách",
        "xem danh sách đăng ký", "danh sách đăng ký của xã", "danh sách đăng ký của phường",
    )),
    Intent("missing", {"organiser": "/chuadangky"}, label="⏳ Đơn vị chưa đăng ký", phrases=(
        "ai chưa đăng ký", "chưa đăng ký", "đơn vị nào chưa đăng ký", "xã nào chưa đăng ký", "phường nào chưa đăng ký",
        "còn ai chưa đăng ký", "những đơn vị chưa đăng ký", "danh sách chưa đăng ký", "đơn vị chưa đăng ký",
        "chưa đăng ký những ai", "còn bao nhiêu đơn vị chưa đăng ký", "chưa gửi danh sách", "ai chưa gửi danh sách",
        "đơn vị chưa gửi danh sách", "xã nào chưa gửi", "phường nào chưa gửi danh sách", "còn thiếu đơn vị nào",
    )),
    Intent("export", {"organiser": "/xuat"}, label="📥 Xuất danh sách ra Excel", phrases=(
        "xuất excel", "xuất danh sách", "xuất file", "xuất ra excel", "xuất danh sách đại biểu", "xuất dữ liệu",
        "xuất bảng tiến độ", "xuất báo cáo tiến độ", "tải danh sách", "tải danh sách đại biểu", "tải file excel",
        "tải excel", "tải bảng excel", "file excel", "excel", "tải về", "xuất file danh sách", "in danh sách",
        "tải bảng tiến độ", "tải bảng tiến độ kế hoạch",
        "tải file tiến độ", "file tiến độ",
    )),
    Intent("meeting_info", {"member": "meeting_info"}, group="meeting_info", label="📌 Thông tin hội nghị", phrases=(
        "thông tin hội nghị", "thông tin cuộc họp", "thông tin họp", "hội nghị sắp tới", "cuộc họp sắp tới",
        "có họp gì không", "có họp không", "có hội nghị nào", "có cuộc họp nào", "sắp có họp không", "lịch họp",
        "hội nghị gì", "họp gì", "họp về nội dung gì", "nội dung hội nghị", "nội dung cuộc họp",
        "chương trình hội nghị", "thành phần tham dự", "ai phải đi họp", "giấy mời", "xem giấy mời", "xem hội nghị",
        "họp về việc gì", "hội nghị về gì", "hội nghị nói về gì", "họp về gì", "hội nghị tuần sau", "họp tuần sau",
    )),
    Intent("meeting_time", {"member": "meeting_time"}, group="meeting_info", label="🕑 Thời gian họp", phrases=(
        *each(MEETING, WHEN), *each(WHEN, ("họp", "bắt đầu", "diễn ra")), *each(("bắt đầu", "diễn ra"), WHEN),
        *each(("thời gian", "giờ", "ngày"), MEETING), "tổ chức ngày mấy", "họp vào thứ mấy",
        "diễn ra vào ngày nào",
    )),
    Intent("meeting_place", {"member": "meeting_place"}, group="meeting_info", label="📍 Địa điểm, hình thức họp",
           phrases=(
        *each(MEETING, WHERE), *each(("tổ chức", "diễn ra"), WHERE), *each(("địa điểm", "địa chỉ"), MEETING),
        "hội trường nào", "hình thức gì", "hình thức họp thế nào", "tổ chức hình thức gì", "đến sở họp", "họp tại sở",
        "họp online hay trực tiếp", "họp trực tiếp hay trực tuyến",
        "hình thức họp", "hình thức họp như thế nào", "họp online hay offline",
        "họp trực tuyến không", "có họp trực tiếp không",
    )),
    Intent("meeting_link", {"member": "meeting_link"}, group="meeting_info", label="🔗 Đường dẫn họp trực tuyến",
           phrases=(
        *each(LINK, ("", "họp", "hội nghị", "zoom", "tham dự", "tham gia", "kết nối")),
        *each(("link", "đường link"), ("tham gia", "tham dự", "vào"), MEETING), "link họp ở đâu", "link họp trực tuyến",
        "đường dẫn vào phòng họp", "vào phòng họp", "cho xin link",
        "xin link", "gửi link",
        "zoom", "google meet", "id phòng họp", "mật khẩu phòng họp", "vào họp bằng gì",
    )),
    Intent("cutoff", {"member": "cutoff"}, group="meeting_info", label="⏳ Hạn đăng ký", phrases=(
        "còn mấy ngày nữa hết hạn", "còn mấy ngày", "còn mấy ngày nữa", "mấy ngày nữa hết hạn", "hạn đăng ký",
        "hạn đăng ký khi nào", "hạn chót đăng ký", "hạn cuối đăng ký", "hạn chót gửi danh sách", "hạn gửi danh sách",
        "bao giờ hết hạn đăng ký", "khi nào hết hạn",
        "bao giờ hết hạn", "hết hạn khi nào", "hết hạn chưa", "hết hạn đăng ký chưa", "đăng ký đến bao giờ",
        "đăng ký đến ngày nào", "còn đăng ký được không", "còn kịp đăng ký không", "còn bao lâu",
        "bao lâu nữa hết hạn",
    )),
    Intent("contact", {"member": "contact"}, group="meeting_info", label="☎️ Người liên hệ của Sở", phrases=(
        "liên hệ ai", "số điện thoại liên hệ", "người liên hệ", "gọi ai", "số điện thoại của sở", "liên hệ sở",
        "đầu mối của sở", "ai phụ trách", "cán bộ phụ trách", "người phụ trách", "người phụ trách bên sở",
        "cán bộ sở", "số điện thoại",
    )),
    # plans, tasks and reports
    Intent("tasks", {"member": "tasks"}, label="🗓 Việc của đơn vị quý này", phrases=(
        "có việc gì", "quý này có việc gì", "việc gì", "việc của đơn vị", "nhiệm vụ", "nhiệm vụ của đơn vị",
        "danh sách nhiệm vụ", "xem nhiệm vụ", "việc cần làm", "phải làm gì", "sắp đến hạn", "việc sắp đến hạn",
        "việc quá hạn", "công việc", "xem việc", "việc được giao", "nhiệm vụ được giao", "được giao những gì",
        "được giao gì", "có mấy nhiệm vụ", "nhiệm vụ gì", "những nhiệm vụ gì", "nhiệm vụ nào",
    )),
    Intent("progress", {"member": "/capnhat"}, label="🟡 Cập nhật tiến độ nhiệm vụ", phrases=(
        "cập nhật tiến độ", "cập nhật tiến độ nhiệm vụ", "cập nhật nhiệm vụ", "cập nhật kết quả",
        "cập nhật tình hình thực hiện", "cập nhật", "báo hoàn thành", "báo đã xong", "báo xong nhiệm vụ",
        "đánh dấu hoàn thành", "đánh dấu đã xong", "nhiệm vụ đã xong", "nhiệm vụ xong rồi", "việc này xong rồi",
        "việc xong rồi", "đã làm xong", "làm xong rồi", "đã hoàn thành", "xong nhiệm vụ", "hoàn thành nhiệm vụ",
        "đang thực hiện", "đang thực hiện nhiệm vụ", "tiến độ", "tiến độ nhiệm vụ", "xem tiến độ",
        "gửi minh chứng", "gửi file minh chứng", "báo cáo tiến độ",
    )),
    Intent("report", {"member": "/baocao"}, label="📤 Nộp báo cáo, hạn báo cáo", phrases=(
        "báo cáo", "nộp báo cáo", "gửi báo cáo", "hạn báo cáo", "hạn nộp báo cáo", "hạn nộp", "khi nào nộp báo cáo",
        "báo cáo khi nào", "báo cáo gửi ai", "nộp báo cáo ở đâu", "gửi báo cáo về đâu", "báo cáo gửi về đâu",
        "hết hạn nộp báo cáo", "khi nào hết hạn nộp báo cáo", "hạn nộp báo cáo khi nào", "đã nộp báo cáo chưa",
        "đơn vị nào chưa nộp báo cáo", "ai chưa nộp báo cáo", "tình hình nộp báo cáo", "nộp file báo cáo",
        "gửi file báo cáo", "nộp bài", "báo cáo tiến độ",
    )),
    Intent("import_doc", {"organiser": "import_doc"}, label="📑 Nhập kế hoạch hoặc giấy mời", phrases=(
        "nhập kế hoạch", "nhập kế hoạch mới", "tải kế hoạch lên", "gửi kế hoạch", "đưa kế hoạch lên", "tạo kế hoạch",
        "nhập công văn", "nhập giấy mời", "gửi giấy mời", "nhập văn bản", "tải văn bản lên", "tạo hội nghị",
        "tạo cuộc họp mới", "thêm hội nghị",
    )),
    # flows built elsewhere: each lights up when its command is registered
    Intent("reminders", {"member": "/nhacviec"}, phrases=(
        "nhắc việc", "lịch nhắc", "nhắc nhở", "đã nhắc chưa", "nhắc các đơn vị", "nhắc các xã chưa đăng ký",
        "xem nhắc việc", "nhắc ai", "tin nhắc",
    )),
    Intent("mute", {"member": "/tatnhac"}, phrases=(
        "tắt nhắc", "tắt thông báo", "đừng nhắc nữa", "không nhận nhắc", "tắt nhắc nhở", "bớt nhắc",
    )),
    Intent("unmute", {"member": "/batnhac"}, phrases=(
        "bật nhắc", "bật thông báo", "bật lại nhắc", "nhắc lại cho tôi", "bật nhắc nhở",
    )),
    Intent("manage_meeting", {"organiser": "/hoinghi"}, phrases=(
        "quản lý hội nghị", "sửa hội nghị", "đổi giờ họp", "dời họp", "hoãn họp", "hủy hội nghị", "hủy cuộc họp",
        "đổi địa điểm họp", "đổi lịch họp", "chỉnh thông tin hội nghị",
    )),
    Intent("set_link", {"organiser": "/lienket"}, phrases=(
        "đặt link họp", "cập nhật link", "thêm link họp", "gửi link cho các đơn vị", "gửi link cho các xã",
        "nhập đường dẫn", "đặt đường dẫn", "cập nhật đường dẫn họp", "thêm link zoom", "thêm đường dẫn họp",
    )),
    Intent("request_report", {"organiser": "/yeucau"}, phrases=(
        "yêu cầu báo cáo", "tạo hạn báo cáo", "giao báo cáo", "đề nghị các đơn vị báo cáo", "thêm hạn nộp",
        "tạo yêu cầu", "yêu cầu các xã báo cáo",
    )),
    # /kiennghi answers by role: the meeting's list for an organiser, the organisation's own otherwise.
    Intent("petitions", {"member": "/kiennghi"}, label="💬 Kiến nghị", phrases=(
        "kiến nghị", "xem kiến nghị", "danh sách kiến nghị", "ý kiến doanh nghiệp", "vướng mắc",
        "kiến nghị của doanh nghiệp", "gửi kiến nghị", "gửi ý kiến", "nêu kiến nghị", "sửa kiến nghị",
        "khó khăn vướng mắc",
    )),
    Intent("link_zalo", {"member": "/lienketzalo"}, phrases=(
        "liên kết zalo", "dùng trên zalo", "kết nối zalo", "link zalo", "nhắn qua zalo",
    )),
)

# The role's usual actions: offered (after the closest matches) when nothing matched.
LIKELY = {
    "guest": ("join", "help"),
    "officer": ("register", "registrations", "tasks"),
    "unit_head": ("tasks", "progress", "report"),
    "organizer": ("registrations", "missing", "export"),
    "admin": ("registrations", "missing", "export"),
}

# A message of nothing but these ("ad ơi", "chị ơi", "giúp em với") calls the assistant: it is greeted.
CALLS = frozenset({"ơi", "oi", "ad", "admin", "bot", "anh", "chị", "chi", "em", "bạn", "ban", "trợ lý", "ạ", "a"})

LEXICON = Lexicon(
    compounds=frozenset({
        "đăng ký", "hội nghị", "báo cáo", "nhiệm vụ", "danh sách", "tiến độ", "cập nhật", "đơn vị", "thời gian",
        "địa điểm", "tham dự", "tham gia", "hướng dẫn", "liên hệ", "kế hoạch", "giấy mời", "đường dẫn",
        "hoàn thành", "thực hiện", "trực tuyến", "trực tiếp", "điện thoại", "thông tin", "mã mời", "cán bộ",
        "phụ trách", "kiến nghị", "đại biểu", "xác nhận", "minh chứng", "kết quả", "tổ chức", "bắt đầu",
        "công việc", "công văn", "văn bản", "sử dụng", "chức năng", "kích hoạt", "tài khoản", "đăng nhập",
        "hạn chót", "nhắc nhở", "thông báo", "bổ sung", "trợ giúp", "trợ lý", "cảm ơn", "cám ơn", "hình thức",
        "đường truyền", "đường link", "nội dung", "chương trình", "thành phần", "diễn ra",
    }),
    abbreviations={
        "dk": "dang ky", "dky": "dang ky", "dki": "dang ky", "dgky": "dang ky", "ki": "ky", "qui": "quy",
        "ko": "khong", "k": "khong", "kh": "khong", "khg": "khong", "hok": "khong", "hong": "khong",
        "j": "gi", "z": "gi", "bc": "bao cao", "bcao": "bao cao", "ds": "danh sach", "dsach": "danh sach",
        "hn": "hoi nghi", "hnghi": "hoi nghi", "nv": "nhiem vu", "tg": "thoi gian", "dc": "duoc",
        "r": "roi", "ntn": "nhu the nao", "bn": "bao nhieu", "bnh": "bao nhieu", "sdt": "so dien thoai",
        "dt": "dien thoai", "lh": "lien he", "td": "tien do", "cnhat": "cap nhat", "capnhat": "cap nhat",
        "tks": "thanks", "thks": "thanks", "thx": "thanks", "ths": "thanks", "cmon": "cam on",
        "oki": "ok", "okela": "ok", "okay": "ok", "okie": "ok", "okey": "ok",
        "u": "um", "uh": "um", "uhm": "um", "uk": "um", "vg": "vang",
        "mk": "minh", "mik": "minh", "mh": "minh", "t": "toi", "e": "em", "a": "anh", "c": "chi", "ad": "admin",
        "lm": "lam", "ng": "nguoi", "nhiu": "nhieu", "hnay": "hom nay", "wa": "qua", "onl": "online",
        "off": "offline", "dl": "deadline", "vo": "vao", "h": "gio", "hdsd": "huong dan su dung", "🙏": "cam on",
        "❤": "cam on",
    },
    # Written with marks, a filler is one only as written: "hỏi" is, "hội" (hội nghị) is not, and "hoi"
    # typed without marks may be either. Written without marks, it is one whenever typed so ("cho", not "chỗ").
    fillers=frozenset({
        "ạ", "ơi", "nhé", "nhá", "nhỉ", "nè", "hả", "với", "vậy", "thế", "thì", "bạn", "mình", "tôi", "chị", "hỏi",
        "muốn", "cần", "không", "có", "của", "các", "những", "một", "dùm", "giùm", "lòng", "hoặc", "cái", "ấy",
        "luôn", "đây", "sếp", "mà", "giúp",
        "a", "ah", "ak", "oi", "oii", "nhe", "nha", "nhen", "hen", "ne", "voi", "vay", "the", "thi", "ban", "minh",
        "toi", "tui", "em", "anh", "chi", "cho", "muon", "can", "khong", "co", "cua", "cac", "nhung", "mot", "dum",
        "gium", "giup", "vui", "long", "hay", "hoac", "cai", "kia", "ay", "luon", "day", "nhau", "sep", "admin", "bot",
        "haha", "hihi", "hehe", "hic", "hix", "huhu", "kaka", "keke", "kk", "kkk", "lol", "hjhj",
    }),
)
