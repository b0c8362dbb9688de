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
    "lienketzalo": "Liên kết tài khoản Zalo và Telegram",
}

ROLE_COMMANDS = {
    "guest": ["start", "help"],
    "officer": ["dangky", "viec", "capnhat", "baocao", "lienketzalo", "help", "huy"],
    "unit_head": ["dangky", "viec", "capnhat", "baocao", "lienketzalo", "help", "huy"],
    "organizer": ["danhsach", "chuadangky", "xuat", "viec", "dangky", "lienketzalo", "help", "huy"],
    "admin": ["danhsach", "chuadangky", "xuat", "viec", "dangky", "lienketzalo", "help", "huy"],
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
    "start_guest_typed": (
        "Xin chào! Đây là Trợ lý TĐC của Sở Khoa học và Công nghệ.\n"
        "Để bắt đầu, anh/chị dán mã mời do Sở cấp cho đơn vị mình vào đây và gửi (chỉ cần mã, "
        "hoặc /start MÃ_MỜI).\n"
        "Đã dùng trợ lý trên ứng dụng khác? Gõ /lienketzalo ở đó để nhận mã liên kết 8 ký tự, rồi gửi mã đó vào đây.\n"
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
    "unsupported_input_typed": (
        "Tôi chỉ đọc được tin nhắn chữ."
        " Vui lòng gõ nội dung cần hỏi (gõ /help để xem các việc)."
    ),
    "sticker_received": (
        "Tôi chỉ đọc được tin nhắn chữ, chưa xem được nhãn dán 🙂. Gõ /help để xem các việc có thể làm."
    ),
    "group_not_supported": (
        "Trợ lý TĐC chỉ làm việc trong tin nhắn riêng, để danh sách và số điện thoại của đơn vị không lộ "
        "ra nhóm. Vui lòng nhắn riêng cho trợ lý."
    ),
    "edit_not_read": (
        "✏️ Tôi không đọc tin nhắn đã sửa, nên phần sửa chưa được ghi nhận: tôi vẫn giữ nội dung anh/chị gửi "
        "lúc đầu. Nếu cần sửa, vui lòng gửi lại nội dung đúng thành một tin nhắn mới (khi đăng ký, bấm "
        "“{button}” trước khi xác nhận gửi)."
    ),
    "stale_choice": "Lựa chọn này thuộc một tin nhắn cũ. Vui lòng dùng tin nhắn mới nhất hoặc gõ /help.",
    "bad_choice": "Vui lòng chọn một trong các số: {options}.",
    "answer_numbers": "Trả lời {options}.",
    "answer_numbers_or_words": "Trả lời {options}, hoặc gõ tên mục (ví dụ: {example}).",
    "internal_error": (
        "Xin lỗi, đã có lỗi khi xử lý yêu cầu. Dữ liệu của anh/chị không bị thay đổi. "
        "Vui lòng thử lại sau ít phút."
    ),
    "too_long": "Nội dung quá dài (tối đa {limit} ký tự). Vui lòng nhập ngắn gọn hơn.",
    "file_unexpected": "Tôi chưa cần tệp ở bước này. {hint}",
    "duplicate_update": "",
}

TEXTS.update({
    # meeting card
    "card_time": "🕑 Thời gian: {when}",
    "card_mode": "💻 Hình thức: {mode}",
    "card_location": "📍 Địa điểm: {location}",
    "card_attendance": "👥 Thành phần: {attendance}",
    "card_cutoff": "⏳ Hạn đăng ký: {cutoff}",
    "card_contact": "☎️ Liên hệ: {contact}",
    "focal_mark": "(đầu mối)",
    "list_empty": "(chưa có ai)",
    # registration
    "reg_no_meetings": "Hiện không có hội nghị nào mời {unit} đăng ký tham dự.",
    "reg_pick_meeting": "Chọn hội nghị cần đăng ký (🔒: đã hết hạn, chỉ xem):",
    "reg_pick_meeting_again": "Vui lòng chọn một hội nghị trong danh sách ở trên, hoặc gõ /huy để thoát.",
    "reg_the_organiser": "Sở Khoa học và Công nghệ",
    "reg_closed": "🔒 Đã hết hạn đăng ký, danh sách không thể thay đổi. Cần điều chỉnh, vui lòng liên hệ {contact}.",
    "reg_closed_now": (
        "🔒 Rất tiếc, hạn đăng ký ({cutoff}) vừa kết thúc nên danh sách chưa được gửi. "
        "Vui lòng liên hệ cán bộ Sở phụ trách hội nghị."
    ),
    "reg_current": "Danh sách hiện tại của {unit}:",
    "reg_new": "Đơn vị chưa đăng ký. Hãy thêm từng người tham dự, đánh dấu cán bộ đầu mối, rồi chọn Xác nhận gửi.",
    "reg_editing_saved": (
        "Đơn vị đã đăng ký."
        " Anh/chị có thể thêm, sửa, xóa người rồi chọn Xác nhận gửi để lưu thay đổi."
    ),
    "reg_list_header": "Danh sách người tham dự ({n} người):",
    "reg_use_menu": "Vui lòng chọn một việc trong danh sách dưới đây.",
    "reg_type_instead": "Vui lòng gõ câu trả lời bằng chữ.",
    "btn_add": "➕ Thêm người",
    "btn_edit": "✏️ Sửa thông tin",
    "btn_remove": "🗑 Xóa người",
    "btn_focal": "⭐ Chọn đầu mối",
    "btn_confirm": "✅ Xác nhận gửi",
    "btn_quit": "↩️ Thoát (không lưu thay đổi)",
    "btn_yes": "Có",
    "btn_no": "Không",
    "btn_skip": "Bỏ qua",
    "ask_name": "Họ và tên người tham dự (viết đầy đủ, có dấu), ví dụ: Nguyễn Văn An",
    "ask_position": "Chức vụ, ví dụ: Phó Chủ tịch UBND phường (gõ - nếu không có)",
    "ask_phone": "Số điện thoại di động, ví dụ: 0919 422 038",
    "ask_email": "Email (không bắt buộc), ví dụ: an.nv@dongnai.gov.vn — hoặc chọn Bỏ qua",
    "ask_focal": "{name} có phải là cán bộ đầu mối liên hệ của đơn vị không?",
    "field_full_name": "Họ và tên",
    "field_position": "Chức vụ",
    "field_phone": "Điện thoại",
    "field_email": "Email",
    "bad_name": "Họ tên chỉ gồm chữ cái và khoảng trắng, ít nhất 2 ký tự.",
    "bad_name_long": "Họ tên quá dài (tối đa {limit} ký tự).",
    "bad_position": "Chức vụ cần có chữ, ví dụ: Công chức Văn hóa - Xã hội.",
    "bad_position_long": "Chức vụ quá dài (tối đa {limit} ký tự).",
    "bad_phone": "Số điện thoại chưa đúng: cần 10 số bắt đầu bằng 0 (ví dụ 0919 422 038) hoặc +84 và 9 số.",
    "bad_email": "Email chưa đúng dạng, ví dụ: an.nv@dongnai.gov.vn (hoặc chọn Bỏ qua).",
    "duplicate_phone": "Số điện thoại này đã có trong danh sách; mỗi người một số khác nhau.",
    "need_one_focal_point": "Cần chọn đúng một cán bộ đầu mối (mục ⭐ Chọn đầu mối).",
    "too_many_attendees": "Danh sách tối đa {limit} người.",
    "reg_added": "Đã thêm {name} vào danh sách (chưa gửi).",
    "reg_updated": "Đã sửa (chưa gửi).",
    "reg_removed": "Đã xóa {name} khỏi danh sách (chưa gửi).",
    "reg_focal_set": "{name} là cán bộ đầu mối (chưa gửi).",
    "reg_pick_edit": "Sửa thông tin của ai?",
    "reg_pick_remove": "Xóa ai khỏi danh sách?",
    "reg_pick_focal": "Ai là cán bộ đầu mối liên hệ?",
    "reg_pick_field": "Sửa thông tin nào của {name}?",
    "reg_done": "✅ Đã đăng ký {n} người tham dự {title}:",
    "reg_done_footer": (
        "Trước hạn đăng ký, anh/chị có thể gõ /dangky để xem hoặc sửa danh sách. "
        "Đường dẫn tham dự sẽ được gửi khi Sở thông báo."
    ),
    "reg_withdrawn": "Đã rút đăng ký của đơn vị khỏi {title}.",
    "reg_quit_saved": "Đã thoát, danh sách đã gửi trước đó giữ nguyên.",
    "reg_quit_unsaved": "Đã thoát, chưa có gì được gửi.",
    "registration_changed": (
        "⚠️ Một cán bộ khác của đơn vị vừa cập nhật danh sách. Dưới đây là danh sách mới nhất; "
        "vui lòng xem lại rồi gửi lại nếu cần."
    ),
    "registration_closed": "🔒 Đã hết hạn đăng ký cho hội nghị này.",
    "not_invited": "Đơn vị của anh/chị không có trong danh sách mời của hội nghị này.",
})

TEXTS.update({
    "org_no_meetings": "Chưa có hội nghị nào.",
    "org_no_such_meeting": "Không có hội nghị số {id}.",
    "org_pick_meeting": "Chọn hội nghị:",
    "org_pick_meeting_again": "Vui lòng chọn một hội nghị trong danh sách ở trên, hoặc gõ /huy.",
    "org_roster_header": "📋 {title}\nĐã đăng ký: {units}/{invited} đơn vị, tổng cộng {people} người.",
    "org_roster_empty": "(Chưa có đơn vị nào đăng ký.)",
    "org_roster_footer": "Gõ /chuadangky {id} để xem đơn vị chưa đăng ký, /xuat {id} để tải danh sách Excel.",
    "org_missing_none": "Tất cả đơn vị được mời đã đăng ký {title}. 🎉",
    "org_missing_header": "⏳ {title}\n{n} đơn vị chưa đăng ký:",
    "org_no_officer": "chưa có cán bộ dùng trợ lý",
    "org_export_ready": "Danh sách người tham dự {title} (tệp Excel):",
    "org_export_title": "DANH SÁCH ĐẠI BIỂU THAM DỰ {title}",
    "org_export_subtitle": "Thời gian: {when} – {units} đơn vị, {people} người – lập lúc {made}",
})

TEXTS.update({
    "page_footer": "Trang {page}/{pages}",
    "page_typed_next": "gõ \"tiếp\" để xem trang sau, hoặc số trang (1–{pages})",
    "page_typed_last": "hết; gõ số trang (1–{pages}) để xem lại",
    "btn_next_page": "Trang sau ▶",
    "tasks_header": "📋 Nhiệm vụ của {unit} – {period}",
    "tasks_lead": "\nChủ trì ({n}):",
    "tasks_coordinator": "\nPhối hợp ({n}):",
    "tasks_ongoing": "\nThường xuyên, theo yêu cầu ({n}):",
    "tasks_overdue": "\nĐã quá thời hạn, chưa báo hoàn thành ({n}):",
    "tasks_deadlines": "\nBáo cáo đến hạn trong kỳ:",
    "tasks_none": "Không có nhiệm vụ hay hạn báo cáo nào của {unit} trong {period}.",
    "tasks_footer": (
        "\n⚪ chưa bắt đầu · 🟡 đang làm · ✅ xong. Gõ /capnhat để cập nhật tiến độ, /baocao để nộp báo cáo."
    ),
    "on_demand_short": "khi có yêu cầu",
    "overdue": "quá hạn",
    "due_today": "hết hạn hôm nay",
    "days_left": "còn {n} ngày làm việc",
    "report_submitted": "đã nộp {when}",
})

TEXTS.update({
    "progress_no_tasks": "{unit} chưa có nhiệm vụ nào trong các kế hoạch đã nhập.",
    "progress_pick": "Cập nhật tiến độ nhiệm vụ nào?",
    "progress_pick_again": "Vui lòng chọn một nhiệm vụ trong danh sách ở trên, hoặc gõ /huy.",
    "progress_timeframe": "Thời gian: {timeframe}",
    "progress_result": "Kết quả cần đạt: {result}",
    "progress_units": "Tiến độ:",
    "progress_ask_status": "Tình trạng hiện nay của đơn vị anh/chị?",
    "progress_ask_note": "Ghi chú ngắn về kết quả (hoặc gửi tệp minh chứng). Không có thì chọn Bỏ qua.",
    "progress_ask_note_typed": "Ghi chú ngắn về kết quả (gõ bằng chữ). Không có thì chọn Bỏ qua.",
    "progress_file_note": "Tệp: {name}",
    "progress_saved": "✅ Đã cập nhật nhiệm vụ [{label}]: {status}.",
    "role_lead": "chủ trì",
    "role_coordinator": "phối hợp",
    "status_not_started": "Chưa bắt đầu",
    "status_in_progress": "Đang thực hiện",
    "status_done": "Đã hoàn thành",
    "not_your_task": "Đơn vị của anh/chị không được giao nhiệm vụ này.",
    "report_none": "{unit} không có hạn báo cáo nào.",
    "report_pick": "Chọn hạn báo cáo:",
    "report_pick_again": (
        "Vui lòng chọn một hạn báo cáo trong danh sách ở trên, gõ vài chữ của báo cáo cần tìm, hoặc gõ /huy."
    ),
    "report_pick_pages": "Trang {page}/{pages}. Gõ vài chữ của báo cáo (ví dụ «quý III») để tìm.",
    "report_found": "Có {n} hạn báo cáo khớp; chọn một:",
    "report_due": "Hạn: {due} ({left})",
    "report_to": "Gửi về: {to}",
    "report_status": "Đã nộp {done}/{total} đơn vị:",
    "report_mine_done": "Đơn vị đã nộp ngày {when}.",
    "report_mine_waiting": "Đơn vị chưa nộp.",
    "btn_submit": "📤 Nộp báo cáo",
    "btn_resubmit": "📤 Nộp lại / bổ sung",
    "btn_close": "↩️ Đóng",
    "report_ask_file": "Gửi tệp báo cáo (.docx, .pdf …) hoặc gõ nội dung tóm tắt. Gõ /huy để thôi.",
    "report_ask_typed": (
        "Gõ nội dung tóm tắt của báo cáo (số văn bản, ngày gửi). Tệp báo cáo gửi qua thư điện tử hoặc "
        "Telegram như thường lệ. Gõ /huy để thôi."
    ),
    "report_saved": "✅ Đã ghi nhận báo cáo của đơn vị. Cảm ơn anh/chị!",
    "not_your_deadline": "Đơn vị của anh/chị không phải nộp báo cáo này.",
})

TEXTS.update({
    "tasks_export_subtitle": "Bảng theo dõi tiến độ – lập lúc {made}",
    "org_export_plan_ready": "Bảng tiến độ {title} (tệp Excel):",
})
TEXTS["org_pick_export"] = "Xuất danh sách hội nghị hay bảng tiến độ kế hoạch (📑)?"

TEXTS.update({
    "file_hint": "Để nộp báo cáo, gõ /baocao; để cập nhật tiến độ kèm tệp, gõ /capnhat.",
    "intake_too_big": "Tệp quá lớn (tối đa {mb} MB).",
    "intake_not_recognised": (
        "Tôi chưa nhận ra đây là kế hoạch (có các nhiệm vụ với cơ quan chủ trì, thời gian thực hiện) "
        "hay giấy mời hội nghị (có thời gian tổ chức). Không có gì được lưu."
    ),
    "intake_plan": "📑 Kế hoạch: {title}\nNăm: {year} – {tasks} nhiệm vụ, {deadlines} hạn báo cáo.",
    "intake_more": "… và {n} nhiệm vụ khác.",
    "intake_meeting": "📌 Hội nghị: {title}",
    "intake_agenda": "Chương trình: {n} mục.",
    "intake_unknown": "chưa rõ",
    "intake_confirm": "\nKiểm tra lại các thông tin trên. Lưu vào hệ thống?",
    "btn_save_plan": "💾 Lưu kế hoạch",
    "btn_save_meeting": "💾 Lưu và mở đăng ký",
    "btn_drop": "✖️ Không lưu",
    "intake_dropped": "Đã bỏ qua tệp, không có gì được lưu.",
    "intake_plan_saved": "✅ Đã lưu kế hoạch số {id}: {tasks} nhiệm vụ, {deadlines} hạn báo cáo.",
    "intake_meeting_saved": "✅ Đã lưu hội nghị số {id} và mở đăng ký cho {invited} đơn vị.",
    "intake_exists": "Văn bản này đã được nhập trước đó (số {id}); không lưu lại lần nữa.",
    "intake_unmatched": "⚠️ Tên đơn vị chưa có trong danh bạ (chưa được giao việc): {names}",
})
TEXTS["intake_cutoff_past"] = "⚠️ Hạn đăng ký trong văn bản đã qua: các đơn vị sẽ chỉ xem được, không đăng ký được."
TEXTS["report_receiving"] = "đơn vị nhận, tổng hợp"

WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")

TEXTS.update({
    # reminders: every message says what it is about, the deadline in words and date, and what to do
    "rem_cutoff_head": "⏰ Nhắc đăng ký tham dự: {title}",
    "rem_cutoff_last_head": "⏰ Hôm nay là ngày cuối đăng ký tham dự: {title}",
    "rem_nudge_head": "📣 Sở Khoa học và Công nghệ đề nghị đơn vị đăng ký tham dự: {title}",
    "rem_meeting_time": "🕑 Thời gian họp: {when}",
    "rem_cutoff_due": "⏳ Hạn đăng ký: {cutoff} – ngày cuối là {day}; {left}.",
    "rem_cutoff_owed": "{unit} chưa gửi danh sách người tham dự.",
    "rem_cutoff_do": "👉 Gõ /dangky để đăng ký.",
    "rem_deadline_head": "⏰ Nhắc hạn: {what}",
    "rem_deadline_last_head": "⏰ Hôm nay là hạn cuối: {what}",
    "rem_deadline_nudge_head": "📣 Sở Khoa học và Công nghệ đề nghị đơn vị gửi: {what}",
    "rem_deadline_due": "📅 Hạn: {due} – ngày cuối là {day}; {left}.",
    "rem_deadline_legal": (
        "⚖️ Ngày cuối là ngày nghỉ: theo khoản 5 Điều 148 Bộ luật Dân sự, hạn được tính đến hết {day}."
    ),
    "rem_deadline_to": "Gửi về: {to}",
    "rem_deadline_owed": "{unit} chưa nộp.",
    "rem_deadline_do": "👉 Gõ /baocao để nộp (gửi tệp hoặc gõ nội dung).",
    "rem_meeting_head": "📌 Nhắc lịch họp: {title}",
    "rem_meeting_when_tomorrow": "🕑 {when} – {soon}",
    "rem_meeting_link": "💻 Đường dẫn tham dự: {url}",
    "rem_meeting_link_later": "💻 Đường dẫn tham dự: Sở sẽ gửi ngay khi có.",
    "rem_meeting_place": "📍 Địa điểm: {place}",
    "rem_meeting_do": "👉 Gõ /dangky để xem danh sách người tham dự của đơn vị. Tệp .ics kèm theo để thêm vào lịch.",
    "rem_meeting_do_short": "👉 Gõ /dangky để xem danh sách người tham dự của đơn vị.",
    "rem_soon_day": "còn {n} ngày",
    "rem_soon_hours": "còn khoảng {n} giờ nữa",
    "rem_soon_minutes": "còn {n} phút nữa",
    "rem_left_days": "còn {n} ngày làm việc",
    "rem_left_today": "hôm nay là ngày cuối",
    "rem_digest_head": "🗓 Bản tin đầu tuần của {unit}: việc đến hạn đến hết {until}",
    "rem_digest_deadline": "• 📄 {what} – hạn {due} ({left}), chưa nộp",
    "rem_digest_cutoff": "• 📌 Đăng ký {title} – hạn {cutoff}, chưa đăng ký",
    "rem_digest_task": "• [{label}] {content} – {timeframe} ({left})",
    "rem_digest_do": "👉 Gõ /viec sắp đến hạn để xem chi tiết. Gõ /tatnhac nếu không muốn nhận bản tin này.",
    "rem_escalation_head": "⚠️ Báo cáo lãnh đạo {unit}: đơn vị đã được nhắc {n} lần nhưng chưa {act}.",
    "rem_escalation_act_cutoff": "đăng ký tham dự {title}",
    "rem_escalation_act_deadline": "nộp «{what}»",
    "rem_escalation_due": "Hạn: {due} – ngày cuối là {day}; {left}.",
    "rem_escalation_do": "👉 Đề nghị đồng chí chỉ đạo cán bộ đầu mối thực hiện (lệnh /dangky hoặc /baocao).",
    "rem_mute_hint": "(Gõ /tatnhac để không nhận các lần nhắc sớm; lần nhắc cuối vẫn được gửi.)",
    # why a row was not sent (shown in /nhacviec and `tdc-bot reminders status`)
    "skip_registered": "đơn vị đã đăng ký",
    "skip_submitted": "đơn vị đã nộp",
    "skip_cancelled": "hội nghị đã hủy",
    "skip_moved": "thời gian đã thay đổi (đã lên lịch lại)",
    "skip_withdrawn": "đơn vị đã rút đăng ký",
    "skip_muted": "người nhận đã tắt nhắc sớm",
    "skip_too_late": "đã quá hạn, không còn ý nghĩa",
    "skip_overtaken": "đã có lần nhắc sau thay thế",
    "skip_missed": "trễ quá lâu (trợ lý ngừng chạy), bỏ qua",
    "skip_nothing_due": "không có việc đến hạn",
    "skip_gone": "nội dung không còn trong hệ thống",
    "skip_replanned": "kế hoạch nhắc đã thay đổi",
    "skip_not_member": "người nhận không còn hoạt động",
})

TEXTS.update({
    "ann_head": "📢 Thông báo thay đổi: {title}",
    "ann_cancel_head": "❌ Thông báo hủy: {title}",
    "ann_cancelled": "Hội nghị đã được hủy. Các đơn vị không tham dự theo lịch cũ; Sở sẽ thông báo nếu tổ chức lại.",
    "ann_time": "🕑 Thời gian mới: {when} (trước đây: {before})",
    "ann_time_confirmed": "🕑 Thời gian chính thức: {when}",
    "ann_link": "💻 Đường dẫn tham dự: {url}",
    "ann_place": "📍 Địa điểm: {place}",
    "ann_do": "👉 Gõ /dangky để xem hội nghị và danh sách người tham dự của đơn vị. Tệp .ics kèm theo cập nhật lịch.",
    "bad_join_url": "Đường dẫn chưa đúng: cần bắt đầu bằng https:// (hoặc http://), không có khoảng trắng.",
    "meeting_cancelled": "Hội nghị này đã hủy, không thể thay đổi.",
    "meeting_times": "Giờ kết thúc phải sau giờ bắt đầu.",
})

TEXTS.update({
    "mt_link": "🔗 Đường dẫn tham dự: {url}",
    "mt_link_none": "chưa có",
    "mt_counts": "Đã đăng ký: {registered}/{invited} đơn vị. (Hội nghị số {id})",
    "btn_mt_link": "🔗 Đặt / đổi đường dẫn tham dự",
    "btn_mt_time": "🕑 Đổi thời gian",
    "btn_mt_place": "📍 Đổi địa điểm",
    "btn_mt_confirm": "✅ Xác nhận thời gian chính thức (bỏ «dự kiến»)",
    "btn_mt_cancel": "❌ Hủy hội nghị",
    "btn_mt_cancel_yes": "❌ Hủy và báo cho các đơn vị",
    "mt_ask_link": "Gửi đường dẫn tham dự của {title}, ví dụ: https://meet.google.com/abc-defg-hij (gõ /huy để thôi).",
    "mt_ask_time": "Thời gian mới của {title}? Ví dụ: 14h00 ngày 28/5/2026 (gõ /huy để thôi).",
    "mt_ask_place": "Địa điểm mới của {title}? Ví dụ: Hội trường Sở, tầng 3 (gõ /huy để thôi).",
    "mt_time_past": "Thời gian này đã qua.",
    "mt_cancel_ask": "Hủy {title}? Thông báo hủy sẽ được gửi đến {people} người của {units} đơn vị được mời.",
    "mt_cancel_kept": "Không hủy. {title} giữ nguyên.",
    "mt_closed": "Đã đóng. Gõ /hoinghi khi cần thay đổi hội nghị.",
    "mt_no_change": "Không có gì thay đổi ở {title}.",
    "mt_saved": "✅ Đã lưu thay đổi của {title} (thời gian: {when}).",
    "mt_cancelled_done": "❌ Đã hủy {title}.",
    "mt_announced": "📢 Đã xếp lịch thông báo cho {people} người của {units} đơn vị (gửi trong giờ làm việc). "
                    "Gõ /nhacviec để theo dõi.",
    "time_text": "Tôi chưa đọc được thời gian «{text}». Ví dụ: 14h00 ngày 28/5/2026.",
})

TEXTS.update({
    "rem_subject_meeting": "📌 Hội nghị số {id}: {title}",
    "rem_subject_deadline": "📄 Hạn số {id}: {what}",
    "rem_subject_digest": "🗓 Bản tin tuần – {unit}",
    "rem_state_sent": "✅ đã gửi {n}",
    "rem_state_pending": "⏳ chờ gửi {n}",
    "rem_state_skipped": "⏭ không gửi {n}",
    "rem_state_failed": "❌ lỗi {n}",
    "rem_state_uncertain": "❓ không chắc đã đến {n}",
    "rem_state_unreachable": "🚫 không liên lạc được {n}",
    "rem_state_sending": "📤 đang gửi {n}",
    "rem_next_at": "Lần gửi tới: {when}",
    "rem_skipped_why": "Không gửi vì: {reasons}",
    "rem_escalated": "⚠️ Đã báo lãnh đạo đơn vị: {units}",
    "rem_unreachable": "🚫 Không liên lạc được (đã chặn trợ lý hoặc chưa dùng): {people}",
    "rem_none_yet": (
        "Chưa có lần nhắc nào được lên lịch. Trợ lý tự nhắc trước hạn đăng ký, hạn báo cáo và trước giờ họp; "
        "gõ /hoinghi để đặt đường dẫn tham dự, /chuadangky để nhắc ngay các đơn vị chưa đăng ký."
    ),
    "rem_status_head": "🔔 Nhắc việc: {pending} tin chờ gửi, {sent} tin đã gửi, {problems} tin cần xem lại.",
    "rem_status_footer": (
        "Tin «không chắc đã đến» không được gửi lại tự động (tránh gửi trùng). "
        "Gõ /chuadangky để nhắc ngay các đơn vị chưa đăng ký."
    ),
    "rem_mine_head": "🔔 Các lần nhắc sắp tới của anh/chị:",
    "rem_mine_head_muted": (
        "🔕 Anh/chị đã tắt nhắc sớm và bản tin tuần; lần nhắc cuối trước hạn và thông báo của Sở vẫn được gửi.\n"
        "Các lần nhắc sắp tới:"
    ),
    "rem_mine_none": "(Chưa có lần nhắc nào.)",
    "rem_kind_cutoff": "nhắc đăng ký",
    "rem_kind_deadline": "nhắc hạn",
    "rem_kind_meeting": "nhắc lịch họp",
    "rem_kind_digest": "bản tin tuần",
    "rem_kind_escalation": "báo lãnh đạo",
    "rem_kind_announcement": "thông báo",
    "rem_kind_nudge": "Sở nhắc",
    "btn_mute": "🔕 Tắt nhắc sớm và bản tin tuần",
    "btn_unmute": "🔔 Bật lại mọi lần nhắc",
    "mt_closed_reminders": "Đã đóng. Gõ /nhacviec để xem lại.",
    "rem_muted": (
        "🔕 Đã tắt nhắc sớm và bản tin tuần. Lần nhắc cuối trước hạn và thông báo của Sở vẫn được gửi. "
        "Gõ /batnhac để bật lại."
    ),
    "rem_unmuted": "🔔 Đã bật lại mọi lần nhắc. Gõ /tatnhac để tắt nhắc sớm.",
    "btn_nudge_now": "📣 Nhắc ngay các đơn vị này",
    "btn_nudge_yes": "📣 Gửi nhắc",
    "nudge_confirm": (
        "Gửi một tin nhắc đến {people} người của {reached}/{units} đơn vị? "
        "(Đơn vị chưa có ai dùng trợ lý thì không nhận được.)"
    ),
    "nudge_not_sent": "Không gửi nhắc.",
    "nudge_too_late": "Đã quá hạn, không gửi nhắc nữa.",
    "nudge_queued": "📣 Đã xếp {people} tin nhắc cho {units} đơn vị, gửi lúc {when}. Gõ /nhacviec để theo dõi.",
})
COMMANDS.update({
    "hoinghi": "Quản lý hội nghị: đường dẫn, thời gian, hủy",
    "lienket": "Đặt đường dẫn tham dự hội nghị trực tuyến",
    "nhacviec": "Nhắc việc: sắp gửi, đã gửi, tắt/bật nhắc",
    "tatnhac": "Tắt nhắc sớm và bản tin tuần",
    "batnhac": "Bật lại mọi lần nhắc",
})
# Reminders and meeting management, placed before help and cancel in each role's menu.
for _role in ("officer", "unit_head"):
    ROLE_COMMANDS[_role][-2:-2] = ["nhacviec", "tatnhac", "batnhac"]
for _role in ("organizer", "admin"):
    ROLE_COMMANDS[_role][-2:-2] = ["hoinghi", "lienket", "nhacviec"]
TEXTS.update({
    # linking a second account (Telegram ↔ Zalo) to the same member
    "link_code": (
        "🔗 Mã liên kết: {code}\n"
        "Mở Trợ lý TĐC trên ứng dụng còn lại (Zalo hoặc Telegram) và gửi đúng mã này. Mã dùng một lần, "
        "hết hạn lúc {until}.\n"
        "Không đưa mã cho người khác: người có mã sẽ nhận nhắc việc và xem được việc của đơn vị anh/chị."
    ),
    "link_accounts": "Tài khoản đã liên kết: {channels}.",
    "link_done": (
        "✅ Đã liên kết tài khoản {channel} này với {name} ({role}, {unit}).\n"
        "Nhắc việc sẽ gửi tới ứng dụng anh/chị dùng gần nhất, mỗi lần một tin, không gửi trùng. "
        "Gõ /help để xem các việc có thể làm."
    ),
    "link_unknown": "Mã liên kết không đúng. Gõ /lienketzalo trên ứng dụng kia để nhận mã mới.",
    "link_used": "Mã liên kết này đã được dùng. Gõ /lienketzalo trên ứng dụng kia để nhận mã mới.",
    "link_expired": (
        "Mã liên kết đã hết hạn (mỗi mã dùng được 15 phút)."
        " Gõ /lienketzalo trên ứng dụng kia để nhận mã mới."
    ),
    "link_same_channel": "Mã này cần được gửi trên ứng dụng còn lại (Zalo hoặc Telegram), không phải ở đây.",
    "link_other_member": (
        "Tài khoản này đã thuộc về một cán bộ khác nên không liên kết được. "
        "Vui lòng liên hệ Sở nếu cần chuyển tài khoản."
    ),
    # files on a channel that cannot send them (Zalo)
    "file_link": (
        "📎 Tải tệp {name}: {url}\nĐường dẫn dùng được {uses} lần, đến {until}."
        " Không chuyển đường dẫn cho người khác."
    ),
    "file_no_link": (
        "📎 Zalo không gửi được tệp, nên tệp {name} chưa được gửi. Cách lấy tệp:\n"
        "• gõ /xuat trên Telegram (nếu đã liên kết tài khoản), trợ lý sẽ gửi tệp; hoặc\n"
        "• nhờ người quản trị chạy trên máy chủ: {command}"
    ),
    "file_no_link_no_command": (
        "📎 Zalo không gửi được tệp, nên tệp {name} chưa được gửi."
        " Vui lòng dùng Telegram để nhận tệp."
    ),
    "file_link_gone": "Đường dẫn tải tệp không đúng, đã hết hạn hoặc đã dùng hết lượt. Vui lòng xuất lại trong trợ lý.",
    # the monthly budget of proactive Zalo messages
    "zalo_budget_warning": (
        "⚠️ Trợ lý TĐC trên Zalo đã gửi {used}/{limit} tin nhắn chủ động (nhắc việc, thông báo) trong "
        "tháng {month}, quá 80% hạn mức. Khi hết hạn mức, nhắc việc sẽ chuyển sang Telegram nếu cán bộ có "
        "tài khoản Telegram, nếu không sẽ được ghi lại là chưa gửi được."
    ),
    "zalo_budget_spent": (
        "⛔ Đã hết hạn mức {limit} tin nhắn chủ động trên Zalo của tháng {month}. Nhắc việc gửi qua Telegram "
        "cho cán bộ có tài khoản Telegram; những tin còn lại được ghi là chưa gửi được (xem /nhacviec)."
    ),
})
CHANNEL_NAMES = {"telegram": "Telegram", "zalo": "Zalo", "console": "máy tính"}
TEXTS.update({
    # the intent layer: plain words outside any flow (handlers/intents.py)
    "intent_greet_guest": (
        "Chào anh/chị! 👋 Tôi là Trợ lý TĐC của Sở Khoa học và Công nghệ: giúp các đơn vị đăng ký dự hội nghị, "
        "theo dõi nhiệm vụ và nộp báo cáo ngay trong khung chat.\n"
        "Để bắt đầu, anh/chị gửi mã mời do Sở cấp vào đây."
    ),
    "intent_greet": "Chào anh/chị {name}! 👋 Tôi là Trợ lý TĐC, sẵn sàng giúp anh/chị ({role}, {unit}).",
    "intent_examples_unit": (
        "Cứ nhắn như với đồng nghiệp, ví dụ «mấy giờ họp», «đơn vị đã đăng ký chưa», «quý này có việc gì», "
        "hoặc chọn một việc dưới đây:"
    ),
    "intent_examples_organiser": (
        "Cứ nhắn như với đồng nghiệp, ví dụ «ai chưa đăng ký», «danh sách đăng ký», «xuất excel», "
        "hoặc chọn một việc dưới đây:"
    ),
    "intent_thanks": "Dạ, không có gì ạ! 😊 Anh/chị cần gì thêm cứ nhắn, hoặc chọn một việc dưới đây:",
    "intent_ack": "👍 Dạ. Cần gì anh/chị cứ nhắn ạ.",
    "intent_ask": "Anh/chị muốn việc nào dưới đây?",
    "intent_not_understood": (
        "Xin lỗi, tôi chưa hiểu ý anh/chị. Anh/chị chọn một việc dưới đây, nhắn rõ hơn, "
        "hoặc gõ /help để xem mọi việc tôi làm được:"
    ),
    "intent_refused": "Xin lỗi, việc «{what}» chỉ dành cho {who}. Anh/chị có thể:",
    "intent_who_units": "cán bộ các đơn vị",
    "intent_need_invite": (
        "Anh/chị chưa tham gia đơn vị nào nên tôi chưa làm được việc này. Hãy gửi mã mời do Sở cấp vào đây "
        "(gõ /start để xem hướng dẫn)."
    ),
    "intent_import_howto": (
        "Để nhập kế hoạch hoặc giấy mời hội nghị, anh/chị gửi tệp (.docx, .pdf, .txt) vào đây. Tôi đọc, "
        "cho anh/chị xem lại những gì tìm thấy và chỉ lưu khi anh/chị xác nhận."
    ),
    # meeting questions answered from storage (handlers/meeting_answers.py)
    "ans_no_meetings": "Hiện không có hội nghị sắp tới nào mời {unit}.",
    "ans_no_meetings_organiser": "Hiện chưa có hội nghị nào sắp diễn ra.",
    "ans_today": "hôm nay",
    "ans_tomorrow": "ngày mai",
    "ans_in_days": "còn {n} ngày nữa",
    "ans_time": "🕑 Thời gian: {when}",
    "ans_time_unknown": "🕑 Giấy mời chưa ghi thời gian cụ thể.",
    "ans_link": "🔗 Đường dẫn tham dự: {url}",
    "ans_link_pending": (
        "🔗 Sở chưa gửi đường dẫn tham dự. Đường dẫn thường được gửi sau khi hết hạn đăng ký; "
        "khi có, anh/chị hỏi lại tôi là có ngay. Cần gấp, vui lòng liên hệ {contact}."
    ),
    "ans_link_unset_organiser": "🔗 Chưa có đường dẫn tham dự cho hội nghị này.",
    "ans_link_in_person": "Hội nghị họp trực tiếp, không có đường dẫn trực tuyến.",
    "ans_place_unknown": "📍 Giấy mời chưa ghi địa điểm; vui lòng liên hệ {contact}.",
    "ans_units_registered": "👥 Đã có {units}/{invited} đơn vị đăng ký.",
    "ans_reg_done": "✅ {unit} đã đăng ký {n} người: {names}.",
    "ans_reg_none": "⏳ {unit} chưa đăng ký.",
    "ans_reg_none_closed": "🔒 {unit} chưa đăng ký và đã hết hạn; cần tham dự, vui lòng liên hệ {contact}.",
    "ans_reg_until": "Hạn đăng ký, sửa danh sách: {cutoff} ({left}).",
    "ans_cutoff_none": "⏳ Giấy mời không ghi hạn đăng ký.",
    "ans_cutoff_passed": "🔒 Đã hết hạn đăng ký ({cutoff}).",
    "ans_cutoff_today": "⏳ Hạn đăng ký: {cutoff} – hôm nay là ngày cuối!",
    "ans_cutoff_left": "⏳ Hạn đăng ký: {cutoff} – còn {days} ngày ({work} ngày làm việc).",
})
TEXTS["help_footer"] += (
    "\nKhông cần nhớ lệnh: cứ nhắn như với đồng nghiệp, ví dụ «mấy giờ họp», «đơn vị đã đăng ký chưa», "
    "«quý này có việc gì»."
)
TEXTS.update({
    # Zalo reminders and the monthly budget in the dispatcher and /nhacviec (branch zalowire)
    "rem_state_undeliverable": "📵 không gửi được {n}",
    "rem_undeliverable_why": "Không gửi được vì: {reasons}",
    "budget_spent_reason": "hết hạn mức tin nhắn {channel} tháng {month} ({limit} tin), không có tài khoản khác",
    "rem_subject_budget": "📊 Hạn mức tin nhắn {channel}",
    "rem_kind_notice": "thông báo của trợ lý",
})

# imports (issues 8.3, 9.4, 9.5, 9.9): documents read outside the database session, with a time
# limit; warnings shown before "Lưu".
TEXTS.update({
    "intake_unmatched_before": (
        "⚠️ {n} tên đơn vị chưa có trong danh bạ, nếu lưu sẽ không được giao việc hay nhắc: {names}"
    ),
    "intake_more_names": " … và {n} tên khác",
    "intake_meeting_past": "⚠️ Cuộc họp này đã diễn ra ({when}): kiểm tra lại văn bản trước khi lưu.",
    "intake_busy": "⏳ Đang đọc tệp «{name}», xin chờ một chút rồi trả lời sau.",
    "intake_interrupted": "Việc đọc tệp «{name}» bị gián đoạn, chưa có gì được lưu. Vui lòng gửi lại tệp.",
    "intake_too_slow": (
        "⏱️ Đọc tệp «{name}» quá {s} giây nên đã dừng, chưa có gì được lưu. Tệp có thể quá dài hoặc bị hỏng: "
        "thử lưu lại bằng Word rồi gửi tệp .docx, hoặc tách thành các tệp nhỏ hơn."
    ),
    "intake_read_failed": (
        "Không đọc được tệp «{name}» (tệp quá lớn khi giải nén hoặc bị hỏng), chưa có gì được lưu. "
        "Vui lòng mở lại bằng Word, lưu rồi gửi lại."
    ),
    "intake_too_long": "Văn bản quá dài (trên {chars} ký tự), chưa có gì được lưu. Vui lòng tách thành tệp nhỏ hơn.",
    "work_dropped": "Đã bỏ qua kết quả đọc tệp vì anh/chị đã hủy hoặc chuyển sang việc khác. Gửi lại tệp nếu cần.",
})
# members: removing members, withdrawing invites, the invite guess limit (handlers/members.py)
COMMANDS.update({
    "thanhvien": "Thành viên của một đơn vị; xoá thành viên",
    "thuhoi": "Thu hồi mã mời chưa dùng",
})
for _role in ("organizer", "admin"):
    ROLE_COMMANDS[_role][-2:-2] = ["thanhvien", "thuhoi"]
TEXTS.update({
    "members_ask_unit": "Gõ tên đơn vị cần xem thành viên (ví dụ: Phường Trấn Biên). Gõ /huy để dừng.",
    "members_no_unit": "Không tìm thấy đơn vị «{name}».{hint} Gõ lại tên đơn vị, hoặc /huy để dừng.",
    "members_did_you_mean": " Có phải: {names}?",
    "members_header": "👥 Thành viên của {unit} ({n} người):",
    "members_line": "{i}. {name} – {role}",
    "members_none": "{unit} chưa có thành viên nào dùng trợ lý.",
    "members_pick": "Chọn một người để xoá khỏi đơn vị, hoặc gõ /huy.",
    "btn_member_remove": "🗑 Xoá {name}",
    "member_remove_confirm": (
        "Xoá {name} ({role}) khỏi {unit}? Người này sẽ không dùng được trợ lý và không nhận nhắc việc nữa, "
        "cho đến khi được cấp mã mời mới."
    ),
    "btn_member_remove_yes": "🗑 Xoá khỏi đơn vị",
    "btn_member_remove_no": "Không xoá",
    "member_removed": "Đã xoá {name} khỏi {unit}. Khi cần, cấp mã mời mới để người này tham gia lại.",
    "member_not_removed": "Không xoá ai.",
    "member_gone": "Người này không còn trong đơn vị (có thể vừa được người khác xoá).",
    "member_remove_self": "Anh/chị không thể tự xoá mình khỏi đơn vị. Nếu cần, nhờ một quản trị viên khác.",
    "member_remove_admin": "Chỉ quản trị viên mới xoá được một quản trị viên.",
    "invites_header": "🎟 Mã mời còn hiệu lực ({n}):",
    "invites_line": "{i}. Mã #{id} – {unit}, {role}, hết hạn {until}, còn {uses} lượt",
    "invites_none": "Không có mã mời nào còn hiệu lực.",
    "invites_pick": "Chọn mã cần thu hồi; mã đã thu hồi không ai dùng được nữa.",
    "btn_invite_revoke": "Thu hồi mã #{id}",
    "invite_revoke_done": "Đã thu hồi mã mời #{id} ({unit}, {role}). Mã này không còn dùng được.",
    "invite_not_open": "Mã mời #{id} không còn hiệu lực (đã dùng hết, hết hạn hoặc đã thu hồi).",
    "invite_no_such": "Không có mã mời #{id}. Gõ /thuhoi để xem các mã còn hiệu lực.",
    "invite_revoke_admin": "Chỉ quản trị viên mới thu hồi được mã mời cho vai trò quản trị.",
    "invite_revoked": "Mã mời này đã được Sở thu hồi. Vui lòng liên hệ Sở để được cấp mã mới.",
    "invite_wait": (
        "Anh/chị đã gửi sai mã mời quá nhiều lần. Vì an toàn, vui lòng thử lại sau {minutes} phút."
    ),
})

TEXTS.update({
    # drafts: an unsent list survives other commands, /huy and withdrawing ask first, the focal point
    # said aloud (handlers/registration.py, registration_drafts.py); names, phones and text at the edge
    # (domain/attendees.py, phones.py, text.py); a cancelled meeting said to be cancelled.
    "reg_draft_found": (
        "📝 Anh/chị còn một danh sách chưa gửi cho {title} ({n} người, sửa lúc {when}). "
        "Tiếp tục danh sách đó, hay bỏ nó và bắt đầu lại từ danh sách đơn vị đã gửi?"
    ),
    "reg_draft_found_again": "Anh/chị còn một danh sách chưa gửi: chọn Tiếp tục hoặc Bỏ danh sách này.",
    "btn_draft_resume": "▶️ Tiếp tục danh sách chưa gửi",
    "btn_draft_drop": "🗑 Bỏ danh sách này",
    "reg_draft_resumed": "Đây là danh sách chưa gửi của anh/chị; chọn Xác nhận gửi khi xong.",
    "reg_draft_dropped": "Đã bỏ danh sách chưa gửi.",
    "reg_draft_gone": "Danh sách chưa gửi cho hội nghị này đã được bỏ.",
    "reg_cancel_ask": (
        "⚠️ Danh sách ({n} người) có thay đổi chưa gửi. Thoát bây giờ thì các thay đổi này sẽ mất "
        "(danh sách đã gửi trước đó, nếu có, giữ nguyên). Anh/chị muốn bỏ các thay đổi?"
    ),
    "btn_changes_drop": "🗑 Bỏ thay đổi và thoát",
    "btn_changes_keep": "↩️ Tiếp tục sửa",
    "reg_changes_dropped": "Đã bỏ các thay đổi chưa gửi; danh sách đã gửi trước đó (nếu có) giữ nguyên.",
    "btn_withdraw": "🚫 Rút đăng ký của đơn vị",
    "reg_withdraw_ask": (
        "⚠️ Rút đăng ký nghĩa là {unit} không cử ai tham dự {title}: danh sách đã gửi ({n} người) sẽ bị xóa "
        "và Sở sẽ thấy đơn vị chưa đăng ký. Trước hạn, anh/chị vẫn có thể đăng ký lại. Rút đăng ký?"
    ),
    "btn_withdraw_yes": "🚫 Có, rút đăng ký",
    "btn_withdraw_no": "↩️ Không, quay lại danh sách",
    "reg_withdraw_kept": "Chưa rút đăng ký; danh sách đã gửi giữ nguyên.",
    "reg_nothing_to_send": "Danh sách đang trống; hãy thêm người tham dự trước khi gửi.",
    "reg_added_focal_first": (
        "Đã thêm {name} vào danh sách (chưa gửi). Mỗi đơn vị cần đúng một cán bộ đầu mối, và {name} là người "
        "đầu tiên nên tạm là đầu mối ⭐; khi thêm người khác, anh/chị đổi ở mục ⭐ Chọn đầu mối."
    ),
    "reg_added_focal_moved": "Đã thêm {name} (chưa gửi). ⭐ Đầu mối bây giờ là {name}, thay cho {before}.",
    "reg_removed_focal_moved": (
        "Đã xóa {name} khỏi danh sách (chưa gửi). {name} là đầu mối, nên ⭐ đầu mối bây giờ là {focal}; "
        "muốn chọn người khác, dùng mục ⭐ Chọn đầu mối."
    ),
    "reg_meeting_cancelled": "❌ Hội nghị {title} đã bị hủy, không nhận đăng ký nữa.",
    "ans_meeting_cancelled": "❌ Hội nghị này đã bị hủy; không cần đăng ký hay tham dự.",
    "bad_phone": (
        "Số điện thoại chưa đúng. Nhận các dạng: di động 10 số bắt đầu bằng 0 (0919 422 038); "
        "+84, 84 hoặc 0084 rồi 9 số (+84 919 422 038, (+84) 91-942-2038, +84 (0) 919 422 038); "
        "9 số khi mất số 0 đầu (919422038); số cố định 11 số gồm mã vùng (0251 3822 123). "
        "Chỉ dùng chữ số 0–9; dấu cách, chấm, gạch ngang và ngoặc đều được."
    ),
    "bad_characters": (
        "Tin nhắn có ký tự bị lỗi, không đọc được (thường do sao chép từ tệp bị lỗi mã hóa). "
        "Vui lòng gõ lại nội dung đó."
    ),
})
TEXTS.update({
    # tasksui (issue 9 items 3, 6, 7, 9, 11): typed commands, the task answer, paging, organiser tools
    "unknown_command_suggest": (
        "Không có lệnh /{command}. Có phải anh/chị muốn /{suggestion}? Gõ /help để xem các lệnh."
    ),
    "tasks_unclear": (
        "Tôi chưa hiểu kỳ «{typed}». Có thể gõ: /viec (quý này), /viec quý 3, /viec tháng 11, /viec năm nay, "
        "/viec quý 3/2026 hoặc /viec sắp đến hạn."
    ),
    "tasks_which_year": "Anh/chị hỏi {this} hay {next}? Đơn vị có nhiệm vụ trong cả hai năm.",
    "tasks_which_year_again": "Vui lòng chọn {options}.",
    "tasks_overdue": "\nĐã quá thời hạn, chưa báo hoàn thành ({n}):",
    "tasks_soon": "\nSắp đến hạn, trong 14 ngày tới ({n}):",
    "tasks_ongoing_lead": "\nThường xuyên, theo yêu cầu – chủ trì ({n}):",
    "tasks_ongoing_coordinator": "\nThường xuyên, theo yêu cầu – phối hợp ({n}):",
    "tasks_footer_open": (
        "\n⚪ chưa bắt đầu · 🟡 đang làm · ✅ xong. Gõ «xem» và số (ví dụ «xem 3») để xem đầy đủ một nhiệm vụ; "
        "/capnhat để cập nhật tiến độ, /baocao để nộp báo cáo."
    ),
    "tasks_opened_footer": "Gõ «xem» và số khác để xem nhiệm vụ khác, /capnhat để cập nhật tiến độ.",
    "btn_prev_page": "◀ Trang trước",
    "page_items_next": "gõ «tiếp» để xem trang sau, «trước» để quay lại, hoặc «trang 2»",
    "page_items_last": "hết; gõ «trước» để quay lại, hoặc «trang 1»",
    "org_no_such_item": "Không có mục số {n} trong danh sách; gõ lệnh không kèm số để xem danh sách (1–{last}).",
    "help_files_organiser": (
        "📎 Gửi tệp kế hoạch hoặc giấy mời (.docx, .pdf, .txt) vào đây: trợ lý đọc, tóm tắt và hỏi trước khi lưu."
    ),
    "progress_pick_pages": "Trang {page}/{pages}. Gõ số hiệu (ví dụ «2.c») hoặc vài chữ trong tên để tìm nhiệm vụ.",
    "progress_found": "Có {n} nhiệm vụ khớp; chọn một:",
    "page_no_item": "Không có dòng số {n}; các dòng được đánh số từ 1 đến {last}.",
})
# Organisers follow reports too (/baocao shows who has and has not submitted), so their /help lists it.
for _role in ("organizer", "admin"):
    ROLE_COMMANDS[_role].insert(ROLE_COMMANDS[_role].index("xuat") + 1, "baocao")

# groups (issue 8.1, 9.10): group chats, a flow's owner, empty and too-long lines.
TEXTS.update({
    # A group gets one line: no flow runs there (a unit's names and phones must not show in a group).
    "group_private_link": (
        "Trợ lý TĐC chỉ làm việc trong tin nhắn riêng, để danh sách và số điện thoại của đơn vị không lộ "
        "ra nhóm: vui lòng nhắn riêng cho trợ lý tại {link}"
    ),
    "group_not_supported": (
        "Trợ lý TĐC chỉ làm việc trong tin nhắn riêng, để danh sách và số điện thoại của đơn vị không lộ "
        "ra nhóm: vui lòng nhắn tin trực tiếp cho OA Trợ lý TĐC trên Zalo (không qua nhóm)."
    ),
    "flow_owner_changed": (
        "⚠️ Thao tác đang làm dở được bắt đầu cho một đơn vị hoặc tài khoản khác, nên đã dừng lại; phần "
        "chưa xác nhận không được lưu. Anh/chị hiện làm việc cho {unit}: gõ /help để bắt đầu lại."
    ),
    "flow_owner_gone": (
        "⚠️ Thao tác đang làm dở đã dừng vì anh/chị không còn thuộc đơn vị đã bắt đầu nó; phần chưa xác "
        "nhận không được lưu. Gõ /start để xem hướng dẫn."
    ),
    "empty_message": "Tin nhắn trống. Vui lòng gõ nội dung (gõ /help để xem các việc có thể làm).",
})

# one-import (issue 12 parts 2, 5): every field of a read document with its value or "không thấy",
# and a request letter read in chat (a deadline for each thing it asks by a date).
TEXTS.update({
    "field_line": "{label}: {value}",
    "field_missing": "không thấy",
    "field_items": "{n} mục",
    "field_due": "{text} (hạn cuối: {end})",
    "field_until_day": "hết ngày {day}",
    "intake_reason": "🔎 Nhận ra vì {reason}.",
    "field_moved_to": "(ngày nghỉ, nên theo luật kéo dài đến hết ngày {day})",
    "field_due_unplaced": "{text} (chưa xác định được ngày, nên sẽ không nhắc)",
    "field_request": "📝 Yêu cầu {n}: {what}",
    "f_title": "Tên / trích yếu",
    "f_number": "Số văn bản",
    "f_issuer": "Cơ quan ban hành",
    "f_place": "Nơi ban hành",
    "f_issued_on": "Ngày văn bản",
    "f_year": "Năm",
    "f_signer": "Người ký",
    "f_budget": "Kinh phí",
    "f_legal_basis": "Căn cứ",
    "f_lead": "chủ trì",
    "f_coordinators": "Phối hợp",
    "f_timeframe": "Thời gian thực hiện",
    "f_expected": "Kết quả",
    "f_time": "Thời gian",
    "f_duration": "Thời lượng",
    "f_mode": "Hình thức",
    "f_location": "Địa điểm",
    "f_join_url": "Đường dẫn kết nối",
    "f_attendance": "Thành phần",
    "f_cutoff": "Hạn đăng ký",
    "f_contact": "Liên hệ",
    "f_invited": "Kính gửi",
    "f_agenda": "Chương trình",
    "f_follow_ups": "Hạn sau họp",
    "f_owed_by": "Đơn vị phải gửi",
    "f_to": "Gửi về",
    "f_address": "Địa chỉ",
    "f_email": "Thư điện tử",
    "f_data_cutoff": "Số liệu tính đến",
    "f_due": "Hạn nộp",
    "f_recurrence": "Lặp lại",
    "intake_request": "📨 Công văn đề nghị gửi báo cáo, số liệu: {n} yêu cầu có hạn nộp.",
    "intake_request_none": "⚠️ Trong văn bản không thấy hạn nộp nào; không tạo hạn, không có gì được lưu.",
    "btn_save_request": "💾 Lưu hạn nộp",
    "intake_pasted_name": "văn bản đã dán",
    "intake_request_saved": "✅ Đã lưu {n} hạn nộp (số {ids}), {units} đơn vị phải gửi.",
    "intake_not_recognised_any": (
        "Tôi chưa nhận ra đây là kế hoạch (có các nhiệm vụ với cơ quan chủ trì, thời gian thực hiện), "
        "giấy mời hội nghị (có thời gian tổ chức) hay công văn đề nghị gửi báo cáo (có hạn nộp). "
        "Không có gì được lưu."
    ),
})

# /yeucau: a deadline by hand (issue 12 part 3, handlers/deadline_request.py), and cancelling or
# changing it from /baocao's card.
COMMANDS.update({
    "yeucau": "Yêu cầu các đơn vị nộp báo cáo, danh sách theo hạn",
})
for _role in ("organizer", "admin"):
    ROLE_COMMANDS[_role].insert(ROLE_COMMANDS[_role].index("baocao") + 1, "yeucau")
TEXTS.update({
    "req_refused": (
        "Xin lỗi, tạo yêu cầu báo cáo chỉ dành cho cán bộ Sở phụ trách tổ chức. Anh/chị có thể gõ /baocao để "
        "xem và nộp báo cáo theo các hạn của đơn vị, hoặc /viec để xem các việc và hạn sắp tới."
    ),
    "req_ask_what": (
        "📝 Tạo yêu cầu báo cáo mới (bước 1/3).\nAnh/chị yêu cầu các đơn vị gửi gì? Ví dụ: «Báo cáo kết quả "
        "công tác tiêu chuẩn đo lường chất lượng năm 2026». Gõ /huy để dừng."
    ),
    "req_what_short": "Nội dung yêu cầu quá ngắn. Vui lòng gõ rõ cần gửi gì (ví dụ: «Báo cáo kết quả năm 2026»).",
    "req_what_long": "Nội dung yêu cầu dài quá {limit} ký tự. Vui lòng gõ ngắn gọn hơn.",
    "req_what_typed": "Vui lòng gõ nội dung cần các đơn vị gửi (bằng chữ). Gõ /huy để dừng.",
    "req_ask_owed": (
        "Bước 2/3: đơn vị nào phải gửi? Chọn bên dưới, hoặc gõ tên đơn vị (nhiều đơn vị thì cách nhau bằng "
        "dấu phẩy hoặc xuống dòng, ví dụ: «Phường Trấn Biên, Xã Long Thành»)."
    ),
    "btn_req_communes": "🏘 Tất cả xã, phường",
    "btn_req_divisions": "🏢 Các phòng, đơn vị thuộc Sở",
    "btn_req_pick": "☑️ Chọn từng đơn vị",
    "req_owed_missed": "Không tìm thấy đơn vị «{name}».{hint} Vui lòng gõ lại tên, hoặc chọn bên dưới.",
    "req_owed_hint": " Có phải: {names}?",
    "req_owed_nobody": (
        "Chưa có đơn vị nào phải gửi (đơn vị nhận báo cáo không tự gửi cho mình). Vui lòng chọn hoặc gõ đơn vị."
    ),
    "req_pick": "Chọn các đơn vị phải gửi (bấm lần nữa để bỏ chọn), xong thì bấm «Xong». Đã chọn: {n}.",
    "req_pick_pages": "Trang {page}/{pages}. Có thể gõ tên đơn vị để chọn nhanh.",
    "req_pick_none": "Chưa chọn đơn vị nào. Vui lòng chọn ít nhất một đơn vị.",
    "btn_req_done": "✅ Xong",
    "req_ask_due": (
        "Bước 3/3: hạn gửi khi nào? Gõ như trong công văn, ví dụ: «trước ngày 15/12/2026», «chậm nhất ngày "
        "15/12/2026» hoặc «thứ sáu tuần sau»."
    ),
    "due_empty": "Vui lòng gõ hạn gửi, ví dụ: «trước ngày 15/12/2026».",
    "due_unplaced": (
        "«{text}» không cho biết ngày phải gửi (thường xuyên, theo yêu cầu hay sau một sự kiện). Vui lòng gõ "
        "một ngày, ví dụ: «trước ngày 15/12/2026»."
    ),
    "due_unreadable": (
        "Tôi chưa đọc được hạn «{text}». Vui lòng gõ ví dụ: «trước ngày 15/12/2026», «chậm nhất ngày "
        "15/12/2026» hoặc «thứ sáu tuần sau»."
    ),
    "due_past": "Hạn «{text}» (hết ngày {day}) đã qua. Vui lòng kiểm tra lại ngày, năm và gõ hạn mới.",
    "req_card": (
        "📝 Yêu cầu báo cáo:\n• Nội dung: {what}\n• Đơn vị phải gửi ({n}): {owed}\n• Gửi về: {to}\n• Hạn: {due}"
    ),
    "req_card_due": "{text} (hạn cuối: {last})",
    "req_more_units": "{names} và {more} đơn vị khác",
    "req_confirm": "Các đơn vị sẽ được nhắc trước hạn. Anh/chị xác nhận tạo yêu cầu này?",
    "btn_req_confirm": "✅ Xác nhận",
    "btn_req_edit": "✏️ Sửa",
    "btn_req_cancel": "❌ Huỷ",
    "req_confirm_again": "Vui lòng chọn «Xác nhận», «Sửa» hoặc «Huỷ».",
    "req_edit_which": "Sửa phần nào?",
    "btn_req_edit_what": "Nội dung",
    "btn_req_edit_owed": "Đơn vị phải gửi",
    "btn_req_edit_due": "Hạn gửi",
    "req_saved": (
        "✅ Đã tạo yêu cầu số {id}: {what}. {n} đơn vị phải gửi {due}; các đơn vị sẽ được nhắc trước hạn. "
        "Gõ /baocao để xem đơn vị nào đã gửi."
    ),
    "req_dropped": "Đã huỷ, không tạo yêu cầu nào.",
    # cancelling or changing a deadline from /baocao's card (organisers)
    "report_org_manage": "Đổi hạn: /yeucau sua {id} · Huỷ yêu cầu này: /yeucau huy {id}",
    "req_usage": "Gõ /yeucau để tạo yêu cầu mới, /yeucau sua SỐ để đổi hạn, /yeucau huy SỐ để huỷ (số xem ở /baocao).",
    "deadline_not_found": "Không có yêu cầu số {id}. Gõ /baocao để xem các hạn hiện có.",
    "deadline_cancelled": "Yêu cầu số {id} đã huỷ trước đó, không sửa hay huỷ được nữa.",
    "req_cancel_confirm": (
        "Huỷ yêu cầu số {id}: {what}? Các đơn vị sẽ không được nhắc nữa (ai đã gửi vẫn được ghi lại)."
    ),
    "btn_req_cancel_yes": "Huỷ yêu cầu",
    "btn_req_keep": "Không, giữ lại",
    "req_cancelled": "Đã huỷ yêu cầu số {id}; không đơn vị nào còn bị nhắc về yêu cầu này.",
    "req_kept": "Đã giữ nguyên yêu cầu số {id}.",
    "req_ask_new_due": "Yêu cầu số {id}: {what}\nHạn hiện tại: {due}. Gõ hạn mới (ví dụ: «trước ngày 20/12/2026»).",
    "req_due_changed": "✅ Đã đổi hạn yêu cầu số {id} thành {due}; các lần nhắc theo hạn mới.",
})

# open registration by link (issue 15): enterprises register through a meeting's public link
# (handlers/open_registration.py), the organiser opens and closes it (handlers/open_registration_admin.py).
COMMANDS.update({
    "dangkymo": "Đăng ký mở cho doanh nghiệp: đường dẫn công khai",
    "doanhnghiep": "Thông tin doanh nghiệp đã đăng ký",
})
for _role in ("organizer", "admin"):
    ROLE_COMMANDS[_role][-2:-2] = ["dangkymo"]
TEXTS.update({
    # the registrant (an enterprise, with no invite)
    "open_intro": (
        "Doanh nghiệp đăng ký tham dự hội nghị qua đường dẫn công khai của Sở. Trợ lý hỏi lần lượt: tên doanh "
        "nghiệp, mã số thuế, địa chỉ, người liên hệ và số điện thoại; sau đó là danh sách người tham dự. "
        "Gõ /huy bất cứ lúc nào để dừng."
    ),
    "open_ask_name": "Tên doanh nghiệp (như trên Giấy chứng nhận đăng ký), ví dụ: Công ty TNHH Cơ khí An Phát",
    "open_ask_tax_code": "Mã số thuế của doanh nghiệp: 10 chữ số, hoặc 13 chữ số cho chi nhánh (ví dụ 0101248141-001)",
    "open_ask_address": "Địa chỉ trụ sở, ví dụ: Số 12 đường Lê Lợi, phường Trấn Biên",
    "open_ask_contact_name": "Họ và tên người liên hệ của doanh nghiệp, ví dụ: Nguyễn Văn An",
    "open_ask_contact_phone": "Số điện thoại của người liên hệ, ví dụ: 0912 345 678",
    "open_field_name": "Tên doanh nghiệp",
    "open_field_tax_code": "Mã số thuế",
    "open_field_address": "Địa chỉ",
    "open_field_contact_name": "Người liên hệ",
    "open_field_contact_phone": "Số điện thoại",
    "open_line_name": "• Tên doanh nghiệp: {value}",
    "open_line_tax_code": "• Mã số thuế: {value}",
    "open_line_address": "• Địa chỉ: {value}",
    "open_line_contact_name": "• Người liên hệ: {value}",
    "open_line_contact_phone": "• Số điện thoại: {value}",
    "open_confirm": "Vui lòng kiểm tra thông tin doanh nghiệp trước khi gửi:",
    "open_pick_field": "Chọn mục cần sửa:",
    "btn_open_send": "✅ Gửi đăng ký",
    "btn_open_fix": "✏️ Sửa thông tin",
    "btn_open_quit": "✖️ Không đăng ký nữa",
    "btn_open_edit": "✏️ Sửa thông tin doanh nghiệp",
    "btn_open_attendees": "👥 Danh sách người tham dự",
    "open_quit": "Đã dừng, chưa có gì được lưu. Bấm lại đường dẫn đăng ký khi cần.",
    "open_registered": (
        "✅ Đã ghi nhận {unit} đăng ký tham dự {title}.\n"
        "Tiếp theo, vui lòng nhập danh sách người tham dự. Có thể sửa đến hết hạn đăng ký: gõ /dangky (người "
        "tham dự) hoặc /doanhnghiep (thông tin doanh nghiệp)."
    ),
    "open_joined": "✅ {unit} đã được ghi nhận tham dự {title}. Vui lòng nhập danh sách người tham dự.",
    "open_card": "🏢 Thông tin doanh nghiệp đã đăng ký tham dự {title}:",
    "open_card_closed": "Đã đóng. Gõ /doanhnghiep để xem lại thông tin doanh nghiệp, /dangky để xem người tham dự.",
    "open_saved": "✅ Đã lưu thay đổi.",
    "open_edit_closed": (
        "🔒 Đã hết hạn đăng ký ({cutoff}): thông tin doanh nghiệp không sửa được nữa. Cần thay đổi, vui lòng "
        "liên hệ Sở: {contact}."
    ),
    "open_not_enterprise": (
        "Lệnh này dành cho doanh nghiệp đã đăng ký tham dự hội nghị qua đường dẫn công khai của Sở."
    ),
    "open_other_unit": (
        "Tài khoản này đang dùng trợ lý cho {unit}, nên không đăng ký thêm một doanh nghiệp được. Vui lòng dùng "
        "tài khoản khác (của người liên hệ của doanh nghiệp) để bấm đường dẫn đăng ký."
    ),
    "open_tax_taken": (
        "⚠️ Mã số thuế này đã được một tài khoản khác đăng ký cho hội nghị, nên không thể đăng ký lại hay ghi đè. "
        "Vui lòng nhờ người đã đăng ký của doanh nghiệp bổ sung, hoặc liên hệ Sở: {contact}. "
        "Nếu gõ nhầm mã số thuế, chọn «Sửa thông tin»."
    ),
    "open_code_unknown": (
        "Mã đăng ký không đúng. Vui lòng kiểm tra lại mã trong thông báo của Sở (dạng DN-XXXXXXX), hoặc liên hệ Sở."
    ),
    "open_never": "Hội nghị {title} chưa mở đăng ký công khai. Vui lòng liên hệ Sở: {contact}.",
    "open_closed": (
        "🔒 Đường dẫn đăng ký hội nghị {title} đã đóng, không nhận thêm doanh nghiệp. Cần hỗ trợ, vui lòng "
        "liên hệ Sở: {contact}."
    ),
    "open_cancelled": "❌ Hội nghị {title} đã bị hủy, không nhận đăng ký nữa.",
    "open_past_cutoff": (
        "🔒 Đã hết hạn đăng ký hội nghị {title} ({cutoff}). Cần hỗ trợ, vui lòng liên hệ Sở: {contact}."
    ),
    "open_full": (
        "Hội nghị {title} đã nhận đủ số doanh nghiệp đăng ký. Cần hỗ trợ, vui lòng liên hệ Sở: {contact}."
    ),
    "open_cap_bad": "Số doanh nghiệp tối đa phải từ 1 trở lên.",
    "tax_code_empty": "Chưa có mã số thuế.",
    "tax_code_chars": (
        "Mã số thuế chỉ gồm chữ số (có thể có dấu gạch ngang trước 3 số cuối của chi nhánh), ví dụ 0101248141 "
        "hoặc 0101248141-001."
    ),
    "tax_code_length": (
        "Mã số thuế có {digits} chữ số; mã của doanh nghiệp có 10 chữ số, của chi nhánh 13 chữ số (10 số và 3 số, "
        "ví dụ 0101248141-001)."
    ),
    "tax_code_checksum": (
        "Mã số thuế {written} không đúng (chữ số kiểm tra cuối không khớp): có thể gõ nhầm một chữ số. "
        "Vui lòng kiểm tra lại trên Giấy chứng nhận đăng ký doanh nghiệp."
    ),
    "tax_code_branch": "Ba số cuối của mã số thuế chi nhánh phải từ 001 đến 999 (ví dụ 0101248141-001).",
    "org_name_bad": "Tên doanh nghiệp cần ít nhất 3 ký tự và có chữ, ví dụ: Công ty TNHH Cơ khí An Phát.",
    "org_name_long": "Tên doanh nghiệp dài quá {limit} ký tự. Vui lòng gõ ngắn hơn.",
    "org_address_bad": "Địa chỉ cần ít nhất 5 ký tự và có chữ, ví dụ: Số 12 đường Lê Lợi, phường Trấn Biên.",
    "org_address_long": "Địa chỉ dài quá {limit} ký tự. Vui lòng gõ ngắn hơn.",
    # the organiser (/dangkymo)
    "oadm_header": "🌐 Đăng ký mở cho doanh nghiệp – {title}\nTrạng thái: {state}",
    "oadm_state_never": "chưa mở",
    "oadm_state_open": "đang nhận đăng ký",
    "oadm_state_closed": "đã đóng đường dẫn",
    "oadm_state_past_cutoff": "đã hết hạn đăng ký",
    "oadm_state_cancelled": "hội nghị đã hủy",
    "oadm_codes": "Đường dẫn (Telegram): {link}\nMã cho Zalo: {code}",
    "oadm_counts": "Đã đăng ký: {n}/{cap} doanh nghiệp.",
    "btn_oadm_open": "🔓 Mở đăng ký công khai",
    "btn_oadm_close": "🔒 Đóng đường dẫn",
    "btn_oadm_list": "🏢 Doanh nghiệp đã đăng ký",
    "oadm_opened": "✅ Đã mở đăng ký công khai. Dán đoạn dưới đây vào thông báo trên Cổng thông tin của Sở.",
    "oadm_closed": "🔒 Đã đóng đường dẫn: người bấm vào sẽ được báo «đã đóng»; doanh nghiệp đã đăng ký vẫn giữ nguyên.",
    "oadm_notice": (
        "Doanh nghiệp đăng ký tham dự {title} qua Trợ lý TĐC:\n"
        "• Telegram: bấm {link}\n"
        "• Zalo: nhắn mã {code} cho OA Trợ lý TĐC\n"
        "Mỗi doanh nghiệp đăng ký một lần (theo mã số thuế) và có thể sửa đến hết hạn đăng ký."
    ),
    "oadm_none": "Chưa có doanh nghiệp nào đăng ký {title}.",
    "oadm_list_header": "🏢 Doanh nghiệp đăng ký {title} ({n}):",
    "oadm_list_line": (
        "{i}. {name}{mark} – MST {tax}\n   {address}\n   Liên hệ: {contact}, {phone} – {people} người tham dự "
        "(số {id})"
    ),
    "oadm_self": " (tự đăng ký)",
    "oadm_menu_closed": "Đã đóng. Gõ /dangkymo khi cần xem lại đường dẫn đăng ký công khai.",
    "oadm_list_footer": (
        "Doanh nghiệp tự đăng ký đã có trong danh mục? Gộp bằng lệnh: tdc-bot units merge SỐ SỐ_TRONG_DANH_MỤC"
    ),
})

# petitions (issue 15): kiến nghị of a dialogue conference, their answers, the conclusion notice, the report.
COMMANDS.update({
    "kiennghi": "Kiến nghị: gửi, xem, sửa; Sở: danh sách, giao, trả lời",
    "guikiennghi": "Gửi kiến nghị mới cho hội nghị đã đăng ký",
    "hankiennghi": "Đặt hạn gửi kiến nghị của hội nghị",
    "ketluan": "Gửi thông báo kết luận hội nghị",
})
for _role in ("officer", "unit_head"):
    ROLE_COMMANDS[_role].insert(ROLE_COMMANDS[_role].index("baocao") + 1, "kiennghi")
for _role in ("organizer", "admin"):
    ROLE_COMMANDS[_role][ROLE_COMMANDS[_role].index("xuat") + 1:ROLE_COMMANDS[_role].index("xuat") + 1] = [
        "kiennghi", "hankiennghi", "ketluan"]
TEXTS.update({
    "pet_field_standards": "Tiêu chuẩn",
    "pet_field_metrology": "Đo lường",
    "pet_field_quality": "Chất lượng sản phẩm, hàng hóa",
    "pet_field_procedure": "Thủ tục hành chính",
    "pet_field_other": "Khác",
    "pet_state_received": "Đã tiếp nhận",
    "pet_state_assigned": "Đang xử lý",
    "pet_state_answered_at_conference": "Đã trả lời tại hội nghị",
    "pet_state_answered_in_writing": "Đã trả lời bằng văn bản",
    "pet_state_out_of_scope": "Không thuộc phạm vi giải quyết",
    "pet_reason_judicial": "Kiến nghị liên quan đến thẩm quyền của cơ quan tư pháp",
    "pet_reason_citizen": "Kiến nghị của công dân, không thuộc phạm vi đối thoại với doanh nghiệp",
    # the petitioner
    "pet_nothing": (
        "{unit} chưa có kiến nghị nào và chưa đăng ký hội nghị nào đang nhận kiến nghị. "
        "Kiến nghị được gửi sau khi đơn vị đăng ký tham dự hội nghị (/dangky)."
    ),
    "pet_not_registered": (
        "{unit} chưa đăng ký tham dự hội nghị nào, nên chưa gửi được kiến nghị. Vui lòng đăng ký trước (/dangky)."
    ),
    "pet_closed": "Hội nghị «{title}» đã hết hạn gửi kiến nghị ({cutoff}). Kiến nghị đã gửi vẫn được giải quyết.",
    "pet_pick_meeting": "Gửi kiến nghị cho hội nghị nào?",
    "pet_ask_field": "Kiến nghị gửi hội nghị «{title}».\nKiến nghị thuộc lĩnh vực nào?",
    "pet_ask_field_again": "Vui lòng chọn lĩnh vực của kiến nghị:",
    "pet_ask_content": (
        "Vui lòng gõ nội dung kiến nghị, khó khăn, vướng mắc của doanh nghiệp (một tin nhắn, tối đa 3.000 ký tự)."
    ),
    "pet_ask_file": "Có tài liệu kèm theo không? Gửi tệp vào đây, hoặc bấm «Bỏ qua».",
    "petition_too_short": "Nội dung kiến nghị quá ngắn. Vui lòng ghi rõ khó khăn, vướng mắc (ít nhất 10 ký tự).",
    "petition_too_long": (
        "Nội dung kiến nghị quá dài (tối đa 3.000 ký tự). Vui lòng viết ngắn gọn hơn hoặc gửi kèm tệp."
    ),
    "petition_cap": (
        "Mỗi tổ chức gửi tối đa {cap} kiến nghị cho một hội nghị, và đơn vị đã gửi đủ. Có thể sửa một kiến nghị "
        "đã gửi (/kiennghi) hoặc nêu thêm tại hội nghị."
    ),
    "petition_closed": "Đã hết hạn gửi, sửa kiến nghị của hội nghị này.",
    "petition_not_registered": "Đơn vị chưa đăng ký tham dự hội nghị này, nên chưa gửi được kiến nghị.",
    "petition_answered": "Kiến nghị này đã được trả lời, không sửa được nữa.",
    "petition_busy": "Nhiều kiến nghị được gửi cùng lúc; vui lòng gửi lại.",
    "petition_field": "Lĩnh vực không hợp lệ; vui lòng chọn trong danh sách.",
    "petition": "Không tìm thấy kiến nghị này (có thể đã bị xóa).",
    "pet_after_registration": (
        "💬 Doanh nghiệp có khó khăn, vướng mắc về tiêu chuẩn, đo lường, chất lượng? Gõ /guikiennghi để gửi "
        "kiến nghị ({cutoff}); Sở chuẩn bị trả lời tại hội nghị."
    ),
    "pet_received": "✅ Đã tiếp nhận kiến nghị số {label} gửi hội nghị «{title}».",
    "pet_received_edit": "Có thể xem, sửa kiến nghị {cutoff} (gõ /kiennghi); gõ /guikiennghi để gửi thêm.",
    "pet_received_edit_any": "Có thể xem, sửa kiến nghị bằng /kiennghi; gõ /guikiennghi để gửi thêm.",
    "pet_card_head": "💬 Kiến nghị {label} – {unit}",
    "pet_card_field": "Lĩnh vực: {field}",
    "pet_card_content": "Nội dung: {content}",
    "pet_card_file": "📎 Tệp: {name}",
    "pet_card_petitioner": "Người gửi: {name}, {phone}",
    "pet_card_state": "Trạng thái: {state}",
    "pet_card_handler": "Đơn vị xử lý: {unit}",
    "pet_card_answer": "Trả lời: {answer}",
    "pet_card_reason": "Lý do không giải quyết: {answer}",
    "pet_short_due": "(hạn {due})",
    "pet_mine_head": "Kiến nghị của {unit} ({n}):",
    "pet_assigned_list_head": "\nKiến nghị giao {unit} chuẩn bị trả lời ({n}):",
    "pet_mine_footer_open": (
        "\nGõ «xem» và số (ví dụ «xem 1») để xem đầy đủ hoặc sửa; /guikiennghi để gửi kiến nghị mới."
    ),
    "pet_mine_footer_closed": "\nGõ «xem» và số (ví dụ «xem 1») để xem đầy đủ một kiến nghị.",
    "btn_pet_edit_content": "✏️ Sửa nội dung",
    "btn_pet_edit_field": "🏷️ Sửa lĩnh vực",
    "pet_ask_new_content": "Nội dung hiện tại:\n{content}\n\nVui lòng gõ nội dung mới (thay cho nội dung trên).",
    "pet_edited": "✅ Đã sửa kiến nghị {label}.\nLĩnh vực: {field}\nNội dung: {content}",
    "pet_edit_closed": (
        "⛔ Không sửa được kiến nghị {label}: đã hết hạn gửi, sửa kiến nghị ({cutoff}). Kiến nghị giữ nguyên "
        "như đã gửi; nội dung bổ sung xin nêu tại hội nghị."
    ),
    # the organiser
    "pet_org_head": "💬 Kiến nghị – {title}: {n} ({counts})",
    "pet_org_cutoff": "Hạn gửi kiến nghị: {cutoff}.",
    "pet_org_no_cutoff": "Chưa đặt hạn gửi kiến nghị.",
    "pet_org_filtered": "Lọc theo {what}: {n} kiến nghị.",
    "pet_org_empty": "Chưa có kiến nghị nào.",
    "pet_org_footer": (
        "\nGõ «xem» và số để mở một kiến nghị (giao đơn vị, ghi trả lời). Lọc: /kiennghi đo lường, "
        "/kiennghi chưa giao, /kiennghi đã giao. /xuat: Excel và dự thảo báo cáo; /hankiennghi: đổi hạn."
    ),
    "btn_pet_assign": "📌 Giao đơn vị xử lý",
    "btn_pet_answered_at_conference": "🎤 Đã trả lời tại hội nghị",
    "btn_pet_answered_in_writing": "📝 Trả lời bằng văn bản",
    "btn_pet_out_of_scope": "⛔ Không thuộc phạm vi",
    "pet_ask_unit": "Giao kiến nghị cho đơn vị nào chuẩn bị trả lời? Chọn, hoặc gõ vài chữ trong tên đơn vị.",
    "pet_unit_pages": "Trang {page}/{pages}. Gõ vài chữ trong tên để tìm đơn vị.",
    "pet_unit_again": "Không tìm thấy đơn vị đó. Vui lòng chọn trong danh sách hoặc gõ tên khác.",
    "pet_ask_due": (
        "Hạn {unit} gửi nội dung trả lời? Mặc định: {days} ngày làm việc sau ngày hội nghị. Chọn, hoặc gõ hạn "
        "(ví dụ: trước ngày 30/4/2026)."
    ),
    "btn_pet_due_default": "Mặc định: hết ngày {due}",
    "pet_ask_due_again": "Vui lòng gõ hạn trả lời (ví dụ: trước ngày 30/4/2026).",
    "pet_due_past": "Thời hạn đó đã qua. Vui lòng gõ một thời hạn sắp tới (ví dụ: trước ngày 30/4/2026).",
    "pet_assigned_done": "✅ Đã giao kiến nghị {label} cho {unit}, hạn trả lời {due}. Đã báo {n} cán bộ của đơn vị.",
    "pet_ask_answer": (
        "Gõ nội dung trả lời (có thể kèm đường dẫn văn bản), hoặc gửi tệp văn bản trả lời. Người gửi kiến nghị "
        "sẽ nhận được trả lời."
    ),
    "pet_ask_answer_typed": (
        "Gõ nội dung trả lời (có thể kèm đường dẫn văn bản). Người gửi kiến nghị sẽ nhận được trả lời."
    ),
    "pet_ask_reason": "Vì sao kiến nghị không thuộc phạm vi giải quyết? Chọn, hoặc gõ lý do.",
    "pet_answered_told": "✅ Đã ghi kiến nghị {label} ({unit}): {state}. Người gửi sẽ nhận được trả lời.",
    "pet_answered_not_again": (
        "✅ Đã cập nhật kiến nghị {label} ({unit}): {state}. Người gửi đã nhận trả lời trước đó nên không gửi lại."
    ),
    "petition_move": "Kiến nghị đang ở trạng thái không cho phép thao tác này.",
    "petition_state": "Trạng thái không hợp lệ.",
    "petition_answer_empty": "Vui lòng gõ nội dung trả lời hoặc gửi tệp.",
    "petition_reason": "Vui lòng gõ lý do (tối đa {limit} ký tự).",
    "petition_file_big": "Tệp quá lớn (tối đa {limit} MB). Vui lòng gửi tệp nhỏ hơn, hoặc gõ đường dẫn tới văn bản.",
    "pet_ask_cutoff": (
        "Hạn gửi kiến nghị của hội nghị «{title}». {now}\nGõ hạn mới (ví dụ: trước ngày 20/4/2026), hoặc chọn "
        "dùng hạn đăng ký."
    ),
    "btn_pet_cutoff_registration": "Dùng hạn đăng ký",
    "pet_ask_cutoff_again": "Vui lòng gõ hạn gửi kiến nghị (ví dụ: trước ngày 20/4/2026).",
    "pet_cutoff_saved": "✅ Hạn gửi kiến nghị của hội nghị «{title}»: {cutoff}.",
    "pet_no_cutoff_words": "không đặt hạn",
    # what the outbox sends
    "pet_assigned_head": "📌 Sở giao đơn vị chuẩn bị trả lời kiến nghị {label} (hội nghị «{title}»).",
    "pet_due_line": "Hạn gửi nội dung trả lời: {due}.",
    "pet_assigned_do": "Gõ /kiennghi để xem đầy đủ kiến nghị; gửi nội dung trả lời về Chi cục/Phòng TĐC.",
    "pet_due_head": "⏰ Nhắc hạn trả lời kiến nghị {label} (hội nghị «{title}»):",
    "pet_answer_head": "📬 Trả lời kiến nghị {label} (hội nghị «{title}»)",
    "pet_answer_asked": "Kiến nghị: {content}",
    "pet_answer_answered_at_conference": "Đã được trả lời tại hội nghị: {answer}",
    "pet_answer_answered_in_writing": "Trả lời: {answer}",
    "pet_answer_out_of_scope": "Kiến nghị không thuộc phạm vi giải quyết của hội nghị. Lý do: {reason}",
    "pet_answer_see_file": "xem văn bản kèm theo.",
    "pet_answer_file": "📎 Văn bản kèm theo: {name}",
    "conclusion_head": "📢 Thông báo kết luận hội nghị «{title}»",
    # the conclusion notice
    "conclusion_ask": (
        "Gửi thông báo kết luận hội nghị «{title}» tới {n} người của các đơn vị đã đăng ký. Gõ nội dung "
        "(có thể kèm đường dẫn), hoặc gửi tệp thông báo."
    ),
    "conclusion_ask_typed": (
        "Gửi thông báo kết luận hội nghị «{title}» tới {n} người của các đơn vị đã đăng ký. Gõ nội dung "
        "(có thể kèm đường dẫn tới văn bản)."
    ),
    "conclusion_sent_before": "Đã gửi một lần ngày {when}: người đã nhận sẽ không nhận lại.",
    "conclusion_confirm": "Gửi thông báo kết luận tới {n} người của {units} đơn vị?",
    "btn_conclusion_send": "📢 Gửi",
    "conclusion_not_sent": "Chưa gửi thông báo kết luận.",
    "conclusion_queued": "✅ Đã xếp gửi thông báo kết luận tới {n} người (đã nhận trước đó: {already}).",
    "conclusion_nobody_new": "Tất cả {n} người đã nhận thông báo kết luận trước đó; không gửi lại.",
    "conclusion_empty": "Vui lòng gõ nội dung thông báo hoặc gửi tệp.",
    "conclusion_nobody": (
        "Hội nghị «{title}» chưa có ai để nhận thông báo kết luận: các đơn vị đã đăng ký chưa có cán bộ dùng trợ lý."
    ),
    # /viec, exports
    "tasks_petitions": "\nKiến nghị chờ đơn vị trả lời ({n}):",
    "pet_export_ready": "📥 Danh sách kiến nghị (Excel).",
    "pet_report_ready": "📄 Dự thảo Báo cáo kết quả giải quyết kiến nghị (Word).",
    "pet_export_title": "Danh sách kiến nghị – {title}",
    "pet_export_subtitle": "{n} kiến nghị · lập lúc {made}",
    "pet_report_title": "BÁO CÁO KẾT QUẢ GIẢI QUYẾT KIẾN NGHỊ CỦA DOANH NGHIỆP",
    "pet_report_intro": (
        "Hội nghị diễn ra {when}. Chi cục/Phòng TĐC đã tiếp nhận {n} kiến nghị của {units} tổ chức; "
        "đã trả lời {answered} kiến nghị. (Dự thảo lập lúc {made} từ dữ liệu của Trợ lý TĐC.)"
    ),
    "pet_report_summary": "I. Tổng hợp theo lĩnh vực và kết quả giải quyết",
    "pet_report_details": "II. Nội dung kiến nghị và kết quả trả lời",
    "pet_report_field": "Lĩnh vực",
    "pet_report_total": "Tổng",
    "pet_report_no_answer": "Trả lời: (chưa có)",
})
