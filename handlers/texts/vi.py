"""Vietnamese: the language of the product. Every key here must exist; other languages may lag."""

COMMANDS = {
    "start": "Bắt đầu / nhập mã mời",
    "help": "Hướng dẫn sử dụng",
    "dangky": "Đăng ký người tham dự hội nghị",
    "viec": "Nhiệm vụ của đơn vị theo kỳ",
    "capnhat": "Cập nhật tiến độ nhiệm vụ",
    "baocao": "Nộp báo cáo theo hạn",
    "danhsach": "Danh sách đơn vị đã đăng ký",
    "chuadangky": "Đơn vị chưa đăng ký",
    "xuat": "Xuất danh sách ra Excel",
    "huy": "Hủy thao tác đang làm",
}

ROLE_COMMANDS = {
    "guest": ["start", "help"],
    "officer": ["dangky", "viec", "capnhat", "baocao", "help", "huy"],
    "unit_head": ["dangky", "viec", "capnhat", "baocao", "help", "huy"],
    "organizer": ["danhsach", "chuadangky", "xuat", "viec", "dangky", "help", "huy"],
    "admin": ["danhsach", "chuadangky", "xuat", "viec", "dangky", "help", "huy"],
}

ROLE_NAMES = {
    "admin": "quản trị",
    "organizer": "cán bộ Sở (tổ chức)",
    "unit_head": "lãnh đạo đơn vị",
    "officer": "cán bộ đầu mối",
}

TEXTS = {
    # onboarding
    "start_guest": (
        "Xin chào! Đây là Trợ lý TĐC của Sở Khoa học và Công nghệ.\n"
        "Để bắt đầu, anh/chị cần mã mời do Sở cấp cho đơn vị mình. "
        "Hãy bấm vào đường dẫn mời, hoặc gửi mã mời vào đây (ví dụ: /start MÃ_MỜI).\n"
        "Chưa có mã? Liên hệ Phòng Quản lý Tiêu chuẩn Đo lường Chất lượng của Sở."
    ),
    "start_known": "Xin chào {name} ({role}, {unit}).\nGõ /help để xem các việc anh/chị có thể làm.",
    "joined": (
        "Chào mừng {name}! Anh/chị đã tham gia với vai trò {role} của {unit}.\n"
        "Gõ /help để xem các việc có thể làm."
    ),
    "invite_unknown": "Mã mời không đúng. Vui lòng kiểm tra lại mã, hoặc liên hệ Sở để được cấp mã mới.",
    "invite_used": "Mã mời này đã được sử dụng. Mỗi mã chỉ dùng một lần; vui lòng xin Sở cấp mã mới.",
    "invite_expired": "Mã mời đã hết hạn. Vui lòng liên hệ Sở để được cấp mã mới.",
    "help_header": "Các lệnh anh/chị có thể dùng:",
    "help_footer": (
        "Có thể gõ lệnh có dấu hoặc không dấu. Gõ /huy bất cứ lúc nào để dừng thao tác đang làm."
    ),
    "help_guest_footer": "Anh/chị chưa tham gia đơn vị nào: hãy gửi mã mời do Sở cấp.",
    "cancelled": "Đã hủy thao tác. Gõ /help để xem các việc có thể làm.",
    "nothing_to_cancel": "Không có thao tác nào đang làm dở.",
    # generic
    "need_invite": "Anh/chị chưa tham gia đơn vị nào. Vui lòng gửi mã mời do Sở cấp (gõ /start để xem hướng dẫn).",
    "not_allowed": "Xin lỗi, chức năng này chỉ dành cho {who}.",
    "not_allowed_organizer": "cán bộ Sở phụ trách tổ chức",
    "unknown_command": "Không có lệnh /{command}. Gõ /help để xem các lệnh.",
    "not_understood": "Xin lỗi, tôi chưa hiểu. Gõ /help để xem các việc có thể làm.",
    "unsupported_input": "Tôi chỉ đọc được tin nhắn chữ và tệp .docx, .pdf, .txt. Vui lòng gửi lại dưới dạng chữ.",
    "stale_choice": "Lựa chọn này thuộc một tin nhắn cũ. Vui lòng dùng tin nhắn mới nhất hoặc gõ /help.",
    "bad_choice": "Vui lòng chọn một trong các số: {options}.",
    "answer_numbers": "Trả lời {options}.",
    "internal_error": (
        "Xin lỗi, đã có lỗi khi xử lý yêu cầu. Dữ liệu của anh/chị không bị thay đổi. "
        "Vui lòng thử lại sau ít phút."
    ),
    "too_long": "Nội dung quá dài (tối đa {limit} ký tự). Vui lòng nhập ngắn gọn hơn.",
    "file_unexpected": "Tôi chưa cần tệp ở bước này. {hint}",
    "duplicate_update": "",
}
