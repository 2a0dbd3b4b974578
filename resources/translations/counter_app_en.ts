<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="vi">
  <context>
    <name>desk</name>
    <message>
      <source> (hiện {} hồ sơ mới nhất)</source>
      <translation> (the newest {} shown)</translation>
    </message>
    <message>
      <source> (hẹn ban đầu {})</source>
      <translation> (originally due {})</translation>
    </message>
    <message>
      <source> (không bắt buộc)</source>
      <translation> (optional)</translation>
    </message>
    <message>
      <source> (nếu có)</source>
      <translation> (if any)</translation>
    </message>
    <message>
      <source> hồ sơ)</source>
      <translation> dossiers)</translation>
    </message>
    <message>
      <source> số </source>
      <translation> no. </translation>
    </message>
    <message>
      <source> · </source>
      <translation> · </translation>
    </message>
    <message>
      <source> · xung đột cần xử lý: {}</source>
      <translation> · conflicts to handle: {}</translation>
    </message>
    <message>
      <source> đ</source>
      <translation> VND</translation>
    </message>
    <message>
      <source> điểm</source>
      <translation> points</translation>
    </message>
    <message>
      <source> — </source>
      <translation> — </translation>
    </message>
    <message>
      <source> — quá một ngày làm việc</source>
      <translation> — more than one working day</translation>
    </message>
    <message>
      <source> — ưu tiên</source>
      <translation> — priority</translation>
    </message>
    <message>
      <source>&amp;1 Tiền mặt</source>
      <translation>&amp;1 Cash</translation>
    </message>
    <message>
      <source>&amp;2 Chuyển khoản</source>
      <translation>&amp;2 Bank transfer</translation>
    </message>
    <message>
      <source>&amp;Bàn giao cho đơn vị (quét mã)</source>
      <translation>&amp;Hand over to a unit (scan)</translation>
    </message>
    <message>
      <source>&amp;Bỏ qua số (không có mặt)</source>
      <translation>&amp;Skip the ticket (citizen not here)</translation>
    </message>
    <message>
      <source>&amp;Chuyển số sang hàng chờ, quầy khác…</source>
      <translation>&amp;Transfer a ticket to another line or counter…</translation>
    </message>
    <message>
      <source>&amp;Cài đặt bàn tiếp nhận</source>
      <translation>Desk &amp;settings</translation>
    </message>
    <message>
      <source>&amp;Danh mục thủ tục</source>
      <translation>Procedure &amp;catalog</translation>
    </message>
    <message>
      <source>&amp;Ghi chú:</source>
      <translation>&amp;Note:</translation>
    </message>
    <message>
      <source>&amp;Giấy tờ số hóa (chọn dòng, rồi bấm phím):</source>
      <translation>&amp;Digitised papers (choose a line, then press a key):</translation>
    </message>
    <message>
      <source>&amp;Gọi số tiếp theo</source>
      <translation>&amp;Call the next ticket</translation>
    </message>
    <message>
      <source>&amp;Hồ sơ</source>
      <translation>&amp;Dossiers</translation>
    </message>
    <message>
      <source>&amp;Khoá bàn, đổi cán bộ</source>
      <translation>&amp;Lock the desk, change officer</translation>
    </message>
    <message>
      <source>&amp;Làm mới</source>
      <translation>&amp;Refresh</translation>
    </message>
    <message>
      <source>&amp;Lý do:</source>
      <translation>&amp;Reason:</translation>
    </message>
    <message>
      <source>&amp;Nhận kết quả từ đơn vị (quét mã)</source>
      <translation>Take &amp;results back from a unit (scan)</translation>
    </message>
    <message>
      <source>&amp;Nhập mã PIN để ký số giấy tờ (chỉ hỏi một lần trong phiên làm việc):</source>
      <translation>&amp;Enter the PIN to sign the papers (asked once per work session):</translation>
    </message>
    <message>
      <source>&amp;Nhật ký truy cập</source>
      <translation>&amp;Audit trail</translation>
    </message>
    <message>
      <source>&amp;Phím tắt và cách làm</source>
      <translation>&amp;Keys and how-to</translation>
    </message>
    <message>
      <source>&amp;Quản lý</source>
      <translation>&amp;Manage</translation>
    </message>
    <message>
      <source>&amp;Sao lưu và khôi phục</source>
      <translation>&amp;Backup and restore</translation>
    </message>
    <message>
      <source>&amp;Số tiền:</source>
      <translation>&amp;Amount:</translation>
    </message>
    <message>
      <source>&amp;Tiếp nhận hồ sơ mới</source>
      <translation>&amp;New reception</translation>
    </message>
    <message>
      <source>&amp;Trợ giúp</source>
      <translation>&amp;Help</translation>
    </message>
    <message>
      <source>&amp;Xung đột đồng bộ</source>
      <translation>Sync &amp;conflicts</translation>
    </message>
    <message>
      <source>(chưa có tài khoản)</source>
      <translation>(no account yet)</translation>
    </message>
    <message>
      <source>(khi mở lại chương trình)</source>
      <translation>(after a restart)</translation>
    </message>
    <message>
      <source>(xoay {}°)</source>
      <translation>(turned {}°)</translation>
    </message>
    <message>
      <source>(đã thay thế)</source>
      <translation>(replaced)</translation>
    </message>
    <message>
      <source>, đã ký số</source>
      <translation>, signed</translation>
    </message>
    <message>
      <source>6 tháng cuối năm</source>
      <translation>Second half of the year</translation>
    </message>
    <message>
      <source>6 tháng đầu năm</source>
      <translation>First half of the year</translation>
    </message>
    <message>
      <source>= 100 % − (quá hạn {} + phản ánh {})</source>
      <translation>= 100 % − (late {} + complaints {})</translation>
    </message>
    <message>
      <source>Biên lai của ca (tại bàn này, chưa kết sổ):</source>
      <translation>Receipts of the shift (at this desk, not cashed up):</translation>
    </message>
    <message>
      <source>Biên lai {} số {:07d} — {}</source>
      <translation>Receipt {} no. {:07d} — {}</translation>
    </message>
    <message>
      <source>Biểu 06</source>
      <translation>Form 06</translation>
    </message>
    <message>
      <source>Biểu số 06/VPCP/KSTT</source>
      <translation>Form No. 06/VPCP/KSTT</translation>
    </message>
    <message>
      <source>Bàn</source>
      <translation>Desk</translation>
    </message>
    <message>
      <source>Bàn giao (F3)</source>
      <translation>Hand over (F3)</translation>
    </message>
    <message>
      <source>Bàn giao hồ sơ</source>
      <translation>Hand over dossiers</translation>
    </message>
    <message>
      <source>Bàn giao hồ sơ cho đơn vị</source>
      <translation>Hand over dossiers to unit</translation>
    </message>
    <message>
      <source>Bàn này dùng máy chủ PostgreSQL: máy chủ được sao lưu bằng công cụ của PostgreSQL, không từ màn hình này.</source>
      <translation>This desk uses a PostgreSQL server: the server is backed up with PostgreSQL's own tools, not from this screen.</translation>
    </message>
    <message>
      <source>Bàn tiếp nhận</source>
      <translation>Reception desk</translation>
    </message>
    <message>
      <source>Bàn tiếp nhận này yêu cầu đăng nhập.</source>
      <translation>This desk requires a login.</translation>
    </message>
    <message>
      <source>Bàn tiếp nhận với cơ sở dữ liệu này đã đang mở trên máy này (có thể đang thu nhỏ trên thanh tác vụ): hãy dùng cửa sổ đó. Nếu không thấy cửa sổ nào, đợi một lát rồi mở lại.</source>
      <translation>The reception desk on this database is already open on this PC (perhaps minimised on the taskbar): use that window. If no window can be seen, wait a moment and open it again.</translation>
    </message>
    <message>
      <source>Bàn đang khoá</source>
      <translation>The desk is locked</translation>
    </message>
    <message>
      <source>Bàn đang khoá: đăng nhập rồi quét lại.</source>
      <translation>The desk is locked: log in, then scan again.</translation>
    </message>
    <message>
      <source>Báo cáo</source>
      <translation>Reports</translation>
    </message>
    <message>
      <source>Bưu chính</source>
      <translation>Postal</translation>
    </message>
    <message>
      <source>Bản chính</source>
      <translation>Original</translation>
    </message>
    <message>
      <source>Bản sao</source>
      <translation>Copy</translation>
    </message>
    <message>
      <source>Bản sao chứng thực</source>
      <translation>Certified copy</translation>
    </message>
    <message>
      <source>Bản sao không chứng thực, chỉ để đối chiếu</source>
      <translation>Uncertified copy, for comparison only</translation>
    </message>
    <message>
      <source>Bản sao lưu (*.db *before-restore-*)</source>
      <translation>Backups (*.db *before-restore-*)</translation>
    </message>
    <message>
      <source>Bản sao tự động được lấy khi mở bàn lần đầu mỗi ngày. Được giữ: mọi bản sao của {} ngày gần nhất, bản mới nhất của 7 ngày và 4 tuần gần nhất, trong thư mục chỉ người dùng máy này đọc được:</source>
      <translation>Automatic backups are taken at the desk's first start each day. Kept: every copy of the last {} days, the newest copy of the last 7 days and of the last 4 weeks, in a folder only this computer's user can read:</translation>
    </message>
    <message>
      <source>Bản sao được kiểm tra trước (mã kiểm tra SHA-256, tính toàn vẹn, phiên bản); dữ liệu hiện tại được giữ nguyên trong một tệp bên cạnh cơ sở dữ liệu và có thể khôi phục lại từ tệp đó.</source>
      <translation>The backup is checked first (SHA-256 checksum, integrity, version); the current data is kept unchanged in a file beside the database and can be restored from it.</translation>
    </message>
    <message>
      <source>Bảng kê kết sổ — {}</source>
      <translation>Cash-up sheet — {}</translation>
    </message>
    <message>
      <source>Bảng điều hành của lãnh đạo</source>
      <translation>Leader's dashboard</translation>
    </message>
    <message>
      <source>Bảng điều hành, &amp;Biểu 06</source>
      <translation>&amp;Dashboard, Form 06</translation>
    </message>
    <message>
      <source>Bấm vào một cột để xem các hồ sơ của nó.</source>
      <translation>Click a bar to list its dossiers.</translation>
    </message>
    <message>
      <source>Bắt buộc</source>
      <translation>Required</translation>
    </message>
    <message>
      <source>Bị máy chủ từ chối: {} (tại {})</source>
      <translation>Refused by the office server: {} (at {})</translation>
    </message>
    <message>
      <source>Bị từ chối</source>
      <translation>Refused</translation>
    </message>
    <message>
      <source>Bỏ các trang đã quét?</source>
      <translation>Drop the scanned pages?</translation>
    </message>
    <message>
      <source>Bộ phận một cửa</source>
      <translation>One-stop desk</translation>
    </message>
    <message>
      <source>Bộ phận một cửa (hồ sơ đã kết thúc)</source>
      <translation>One-stop desk (dossier closed)</translation>
    </message>
    <message>
      <source>Bộ phận một cửa — Tiếp nhận và trả kết quả</source>
      <translation>One-stop desk — Receiving and returning results</translation>
    </message>
    <message>
      <source>Bộ phận tiếp nhận và trả kết quả</source>
      <translation>Reception and results desk</translation>
    </message>
    <message>
      <source>Cho biết số thứ tự, và hàng chờ hoặc quầy nhận số.</source>
      <translation>Give the ticket, and the line or the counter that takes it.</translation>
    </message>
    <message>
      <source>Cho quầy</source>
      <translation>To counter</translation>
    </message>
    <message>
      <source>Chuyển</source>
      <translation>Transfer</translation>
    </message>
    <message>
      <source>Chuyển cho đơn vị</source>
      <translation>Hand over to unit</translation>
    </message>
    <message>
      <source>Chuyển hồ sơ</source>
      <translation>Hand over dossier</translation>
    </message>
    <message>
      <source>Chuyển khoản</source>
      <translation>Bank transfer</translation>
    </message>
    <message>
      <source>Chuyển số thứ tự</source>
      <translation>Transfer a ticket</translation>
    </message>
    <message>
      <source>Chênh lệch</source>
      <translation>Difference</translation>
    </message>
    <message>
      <source>Chưa chọn đơn vị nhận (F4).</source>
      <translation>No receiving unit chosen (F4).</translation>
    </message>
    <message>
      <source>Chưa có hồ sơ vừa tiếp nhận hoặc trả kết quả ở bàn này để mời đánh giá.</source>
      <translation>No dossier was just received or returned at this desk: nothing to invite a rating for.</translation>
    </message>
    <message>
      <source>Chưa có máy in</source>
      <translation>No printer</translation>
    </message>
    <message>
      <source>Chưa có số liệu hài lòng của kỳ đã chọn. {}</source>
      <translation>No satisfaction figures for the chosen period. {}</translation>
    </message>
    <message>
      <source>Chưa có số liệu hài lòng của kỳ đã chọn: bàn này đã tham gia máy chủ văn phòng, hàng chờ và sổ phản ánh kiến nghị là của máy chủ, mà bàn chưa kết nối được. Các trang khác không bị ảnh hưởng; bấm “Xem số liệu” để thử lại.</source>
      <translation>No satisfaction figures for the chosen period: this desk has joined an office server, the queue and the complaints register are the server's, and the desk cannot reach it. The other pages are not affected; press “Show figures” to try again.</translation>
    </message>
    <message>
      <source>Chưa có việc nào đang cấp số: xin báo nhân viên.</source>
      <translation>No line is giving tickets now: please tell the staff.</translation>
    </message>
    <message>
      <source>Chưa cấu hình tài khoản thu của cơ quan cho VietQR: quản trị chạy counter-app fees configure --bank-bin BIN --account SỐ_TÀI_KHOẢN.</source>
      <translation>The agency's collection account for VietQR is not set: an administrator runs counter-app fees configure --bank-bin BIN --account ACCOUNT.</translation>
    </message>
    <message>
      <source>Chưa ghi: hồ sơ này đã được tiếp nhận lúc {} (mã {}).</source>
      <translation>Not recorded: this dossier was already received at {} (code {}).</translation>
    </message>
    <message>
      <source>Chưa gửi</source>
      <translation>Not sent</translation>
    </message>
    <message>
      <source>Chưa ký số: {}</source>
      <translation>Not signed: {}</translation>
    </message>
    <message>
      <source>Chưa lưu tên bàn: {}</source>
      <translation>Desk name not saved: {}</translation>
    </message>
    <message>
      <source>Chưa nhập mã PIN (token còn 1 lần thử).</source>
      <translation>No PIN entered (the token has 1 try left).</translation>
    </message>
    <message>
      <source>Chưa nhập mã PIN.</source>
      <translation>No PIN entered.</translation>
    </message>
    <message>
      <source>Chưa số hóa</source>
      <translation>Not digitised</translation>
    </message>
    <message>
      <source>Chưa tiếp nhận được: {}.</source>
      <translation>Cannot receive yet: {}.</translation>
    </message>
    <message>
      <source>Chưa đóng</source>
      <translation>Not closed</translation>
    </message>
    <message>
      <source>Chưa đặt</source>
      <translation>Not set</translation>
    </message>
    <message>
      <source>Chưa đặt số quầy của bàn này: vào Cài đặt (Ctrl+,), mục «Quầy số», rồi gọi số.</source>
      <translation>This desk has no counter number: set it in Settings (Ctrl+,), "Counter number", then call.</translation>
    </message>
    <message>
      <source>Chưa đặt thư mục máy quét: Quản lý → Cài đặt bàn tiếp nhận → Thư mục quét.</source>
      <translation>No scan folder set: Manage → Desk settings → Scan folder.</translation>
    </message>
    <message>
      <source>Chạm vào việc bạn cần làm để lấy số thứ tự</source>
      <translation>Touch what you came for to take a ticket</translation>
    </message>
    <message>
      <source>Chậm ở bước xử lý</source>
      <translation>Delayed at a processing step</translation>
    </message>
    <message>
      <source>Chế &amp;độ:</source>
      <translation>&amp;Mode:</translation>
    </message>
    <message>
      <source>Chỉ nhân viên: thoát chế độ máy lấy số?</source>
      <translation>Staff only: leave kiosk mode?</translation>
    </message>
    <message>
      <source>Chọn bản sao lưu</source>
      <translation>Choose a backup</translation>
    </message>
    <message>
      <source>Chọn một cán bộ trong danh sách trước.</source>
      <translation>Choose an officer in the list first.</translation>
    </message>
    <message>
      <source>Chọn một dòng giấy tờ trước.</source>
      <translation>Choose a paper line first.</translation>
    </message>
    <message>
      <source>Chọn một giấy tờ rồi bấm Enter.</source>
      <translation>Choose a paper, then press Enter.</translation>
    </message>
    <message>
      <source>Chọn một hồ sơ trong danh sách trước.</source>
      <translation>Choose a dossier in the list first.</translation>
    </message>
    <message>
      <source>Chọn thủ tục để tính ngày hẹn trả.</source>
      <translation>Select a procedure to calculate the due date.</translation>
    </message>
    <message>
      <source>Chọn tệp danh mục</source>
      <translation>Select catalog file</translation>
    </message>
    <message>
      <source>Chọn tệp giấy tờ (nhiều ảnh: theo thứ tự trang)</source>
      <translation>Choose the paper's files (several images: in page order)</translation>
    </message>
    <message>
      <source>Chờ bổ sung</source>
      <translation>Awaiting supplement</translation>
    </message>
    <message>
      <source>Chờ p50</source>
      <translation>Wait p50</translation>
    </message>
    <message>
      <source>Chờ p90</source>
      <translation>Wait p90</translation>
    </message>
    <message>
      <source>Chờ đăng nhập</source>
      <translation>Waiting for a login</translation>
    </message>
    <message>
      <source>Chữ ký số KHÔNG hợp lệ: tài liệu đã bị sửa sau khi ký hoặc chữ ký bị hỏng.</source>
      <translation>The digital signature is NOT valid: the document was changed after signing or the signature is broken.</translation>
    </message>
    <message>
      <source>Chữ ký số hợp lệ.</source>
      <translation>The digital signature is valid.</translation>
    </message>
    <message>
      <source>Cài đặt</source>
      <translation>Settings</translation>
    </message>
    <message>
      <source>Cài đặt bàn tiếp nhận</source>
      <translation>Desk settings</translation>
    </message>
    <message>
      <source>Các phiên bản của thủ tục đang chọn:</source>
      <translation>Versions of the selected procedure:</translation>
    </message>
    <message>
      <source>Các số vừa gọi</source>
      <translation>Just called</translation>
    </message>
    <message>
      <source>Các thay đổi có hiệu lực ngay, trừ những mục ghi «khi mở lại chương trình».</source>
      <translation>Changes take effect at once, except those marked “after a restart”.</translation>
    </message>
    <message>
      <source>Các trang đã quét chưa được lưu. Đóng cửa sổ và bỏ chúng?</source>
      <translation>The scanned pages are not saved. Close the window and drop them?</translation>
    </message>
    <message>
      <source>Cách trả</source>
      <translation>How returned</translation>
    </message>
    <message>
      <source>Cách xử lý</source>
      <translation>What to do</translation>
    </message>
    <message>
      <source>Cán &amp;bộ và vai trò</source>
      <translation>&amp;Officers and roles</translation>
    </message>
    <message>
      <source>Cán bộ</source>
      <translation>Officer</translation>
    </message>
    <message>
      <source>Cán bộ và vai trò</source>
      <translation>Officers and roles</translation>
    </message>
    <message>
      <source>Cán bộ xử lý</source>
      <translation>Officer in charge</translation>
    </message>
    <message>
      <source>Cán bộ {} đã khoá bàn. Nhập mật khẩu để mở lại, hoặc cán bộ khác đăng nhập để đổi ca.</source>
      <translation>Officer {} locked the desk. Type the password to unlock, or another officer logs in to take over.</translation>
    </message>
    <message>
      <source>Còn lại (giờ làm việc)</source>
      <translation>Left (working hours)</translation>
    </message>
    <message>
      <source>Còn phải nộp:</source>
      <translation>Left to pay:</translation>
    </message>
    <message>
      <source>Còn {} giây</source>
      <translation>{} seconds left</translation>
    </message>
    <message>
      <source>Có</source>
      <translation>Yes</translation>
    </message>
    <message>
      <source>Có kết quả, chờ trả</source>
      <translation>Result back, awaiting return</translation>
    </message>
    <message>
      <source>Công dân này chưa có giấy tờ nào đã số hóa trên bàn này.</source>
      <translation>This citizen has no digitised paper on this desk yet.</translation>
    </message>
    <message>
      <source>Công dân quét mã bằng ứng dụng ngân hàng: {} cho hồ sơ {}.</source>
      <translation>The citizen scans the code with a banking app: {} for dossier {}.</translation>
    </message>
    <message>
      <source>Công dân rút hồ sơ</source>
      <translation>Withdrawn by citizen</translation>
    </message>
    <message>
      <source>Công dân đánh giá</source>
      <translation>Rated by the citizen</translation>
    </message>
    <message>
      <source>Công khai</source>
      <translation>Published</translation>
    </message>
    <message>
      <source>Công khai, minh bạch</source>
      <translation>Openness</translation>
    </message>
    <message>
      <source>Công việc</source>
      <translation>Tasks</translation>
    </message>
    <message>
      <source>Căn cước / CMND</source>
      <translation>Citizen ID / old ID</translation>
    </message>
    <message>
      <source>Cơ quan</source>
      <translation>Agency</translation>
    </message>
    <message>
      <source>Cơ quan bắt buộc ký số: giấy tờ chưa được lưu.</source>
      <translation>The agency requires signing: the paper was not saved.</translation>
    </message>
    <message>
      <source>Cơ sở dữ liệu</source>
      <translation>Database</translation>
    </message>
    <message>
      <source>Cả ngày</source>
      <translation>Whole day</translation>
    </message>
    <message>
      <source>Cảm ơn quý khách đã đánh giá!</source>
      <translation>Thank you for your rating!</translation>
    </message>
    <message>
      <source>Cần ghi họ tên người nộp.</source>
      <translation>Enter the applicant's full name.</translation>
    </message>
    <message>
      <source>Cổng DVC quốc gia</source>
      <translation>National portal</translation>
    </message>
    <message>
      <source>Cổng báo hồ sơ đã có cả khi gửi cập nhật: đối chiếu mã hồ sơ trên Cổng với đơn vị tích hợp của tỉnh rồi chạy `portal retry`</source>
      <translation>The portal says the dossier exists even to an update: check the dossier code on the portal with the province's integrator, then run `portal retry`</translation>
    </message>
    <message>
      <source>Cổng vẫn từ chối phiên sau khi đăng nhập lại: kiểm tra tài khoản cổng tích hợp (`portal configure --user`) rồi chạy `portal retry`</source>
      <translation>The gateway still refuses the session after a new login: check the gateway account (`portal configure --user`), then run `portal retry`</translation>
    </message>
    <message>
      <source>Cửa sổ đã đóng.</source>
      <translation>The window was closed.</translation>
    </message>
    <message>
      <source>Danh mục JSON (*.json)</source>
      <translation>JSON catalog (*.json)</translation>
    </message>
    <message>
      <source>Danh mục thủ tục</source>
      <translation>Procedure catalog</translation>
    </message>
    <message>
      <source>Danh mục thủ tục hành chính</source>
      <translation>Administrative procedure catalog</translation>
    </message>
    <message>
      <source>Danh sách bàn giao</source>
      <translation>Handover list</translation>
    </message>
    <message>
      <source>Danh sách:</source>
      <translation>List:</translation>
    </message>
    <message>
      <source>Dung lượng</source>
      <translation>Size</translation>
    </message>
    <message>
      <source>Dòng này chưa được số hóa: chưa có gì để xem.</source>
      <translation>This line is not digitised: nothing to view yet.</translation>
    </message>
    <message>
      <source>Dòng này được miễn số hóa: không có tệp. Lý do: {}</source>
      <translation>This line is exempt from digitising: no file. Reason: {}</translation>
    </message>
    <message>
      <source>Dùng lại giấy tờ đã số hóa cho: {}</source>
      <translation>Reuse a digitised paper for: {}</translation>
    </message>
    <message>
      <source>Dùng lại… (Ctrl+U)</source>
      <translation>Reuse… (Ctrl+U)</translation>
    </message>
    <message>
      <source>Dịch vụ</source>
      <translation>Service</translation>
    </message>
    <message>
      <source>Dừng</source>
      <translation>Stopped</translation>
    </message>
    <message>
      <source>Dừng giải quyết</source>
      <translation>Processing stopped</translation>
    </message>
    <message>
      <source>Enter trên một dòng để mở hồ sơ và xử lý lại.</source>
      <translation>Enter on a line opens the dossier to act again.</translation>
    </message>
    <message>
      <source>Ghi chú</source>
      <translation>Note</translation>
    </message>
    <message>
      <source>Ghi chú (không bắt buộc)</source>
      <translation>Note (optional)</translation>
    </message>
    <message>
      <source>Ghi chú thêm (bắt buộc khi chọn lý do khác)</source>
      <translation>Further note (required for another reason)</translation>
    </message>
    <message>
      <source>Ghi rõ lý do miễn số hóa.</source>
      <translation>Write the reason for the exemption.</translation>
    </message>
    <message>
      <source>Gia hạn</source>
      <translation>Extend</translation>
    </message>
    <message>
      <source>Gia hạn, hẹn lại</source>
      <translation>Extended, new due date</translation>
    </message>
    <message>
      <source>Giải quyết xong</source>
      <translation>Resolved</translation>
    </message>
    <message>
      <source>Giấy tiếp nhận và hẹn trả</source>
      <translation>Receipt and appointment slip</translation>
    </message>
    <message>
      <source>Giấy tờ</source>
      <translation>Paper</translation>
    </message>
    <message>
      <source>Giấy tờ / điện thoại</source>
      <translation>ID / phone</translation>
    </message>
    <message>
      <source>Giấy tờ chỉ xuất trình, không nộp lại</source>
      <translation>Paper only shown, not handed in</translation>
    </message>
    <message>
      <source>Giấy tờ cần bổ sung</source>
      <translation>Documents to supplement</translation>
    </message>
    <message>
      <source>Giấy tờ của cùng công dân (cùng số giấy tờ tùy thân):</source>
      <translation>Papers of the same citizen (same ID number):</translation>
    </message>
    <message>
      <source>Giấy tờ không phải số hóa theo {}.</source>
      <translation>Paper not to be digitised under {}.</translation>
    </message>
    <message>
      <source>Giấy tờ số hóa: {} — hồ sơ {}</source>
      <translation>Digitised paper: {} — dossier {}</translation>
    </message>
    <message>
      <source>Giấy tờ đã nhận</source>
      <translation>Documents received</translation>
    </message>
    <message>
      <source>Giấy tờ đã được số hóa và còn giá trị sử dụng</source>
      <translation>Paper already digitised and still valid</translation>
    </message>
    <message>
      <source>Giờ gọi số</source>
      <translation>Hour called</translation>
    </message>
    <message>
      <source>Gõ tên hoặc mã thủ tục (không cần dấu)…</source>
      <translation>Type procedure name or code (diacritics optional)…</translation>
    </message>
    <message>
      <source>Gọi &amp;lại số đang phục vụ</source>
      <translation>&amp;Recall the ticket being served</translation>
    </message>
    <message>
      <source>Gọi số (F12)</source>
      <translation>Call (F12)</translation>
    </message>
    <message>
      <source>Gửi lại tin lên Cổng DVC</source>
      <translation>Portal messages sent again</translation>
    </message>
    <message>
      <source>Gửi mã lỗi và nội dung cho đơn vị tích hợp của tỉnh</source>
      <translation>Send the error code and the message to the province's integrator</translation>
    </message>
    <message>
      <source>Gửi qua bưu điện</source>
      <translation>By post</translation>
    </message>
    <message>
      <source>Hai lần nhập mật khẩu không khớp.</source>
      <translation>The two passwords differ.</translation>
    </message>
    <message>
      <source>Hiệu lực từ</source>
      <translation>Effective from</translation>
    </message>
    <message>
      <source>Hài lòng</source>
      <translation>Satisfied</translation>
    </message>
    <message>
      <source>Hàn&amp;g chờ</source>
      <translation>&amp;Queue</translation>
    </message>
    <message>
      <source>Hàng chờ: bàn chưa đặt số quầy (Ctrl+, → Quầy số)</source>
      <translation>Queue: this desk has no counter number (Ctrl+, → Counter number)</translation>
    </message>
    <message>
      <source>Hình thức</source>
      <translation>Form</translation>
    </message>
    <message>
      <source>Hình thức nộp</source>
      <translation>Submission channel</translation>
    </message>
    <message>
      <source>Hình thức:</source>
      <translation>Method:</translation>
    </message>
    <message>
      <source>Hướng dẫn rõ ràng</source>
      <translation>Clear guidance</translation>
    </message>
    <message>
      <source>Hạn trả lời</source>
      <translation>Answer due</translation>
    </message>
    <message>
      <source>Hằng ngày</source>
      <translation>Daily</translation>
    </message>
    <message>
      <source>Hằng tuần</source>
      <translation>Weekly</translation>
    </message>
    <message>
      <source>Hẹn trả</source>
      <translation>Due</translation>
    </message>
    <message>
      <source>Hẹn trả kết quả: {}</source>
      <translation>Result due: {}</translation>
    </message>
    <message>
      <source>Hẹn trả mới</source>
      <translation>New due date</translation>
    </message>
    <message>
      <source>Họ tên</source>
      <translation>Full name</translation>
    </message>
    <message>
      <source>Họ tên (in trên phiếu)</source>
      <translation>Full name (printed on forms)</translation>
    </message>
    <message>
      <source>Họ tên in trên phiếu</source>
      <translation>Full name printed on forms</translation>
    </message>
    <message>
      <source>Họ tên người nộp</source>
      <translation>Applicant's full name</translation>
    </message>
    <message>
      <source>Họ tên tối đa {} ký tự.</source>
      <translation>Full name: at most {} characters.</translation>
    </message>
    <message>
      <source>Hồ sơ</source>
      <translation>Dossier</translation>
    </message>
    <message>
      <source>Hồ sơ chưa có thành phần nào được số hóa</source>
      <translation>Dossiers with no component digitised</translation>
    </message>
    <message>
      <source>Hồ sơ chưa số hóa đủ thành phần bắt buộc</source>
      <translation>Dossiers missing a required component</translation>
    </message>
    <message>
      <source>Hồ sơ chưa đủ</source>
      <translation>Dossier incomplete</translation>
    </message>
    <message>
      <source>Hồ sơ có kết quả chưa được số hóa</source>
      <translation>Resolved dossiers whose result is not digitised</translation>
    </message>
    <message>
      <source>Hồ sơ của công dân có căn cước vừa quét: {}</source>
      <translation>Dossiers of the citizen whose ID card was scanned: {}</translation>
    </message>
    <message>
      <source>Hồ sơ quá hạn đang giải quyết, theo lĩnh vực</source>
      <translation>Overdue dossiers in progress, by field</translation>
    </message>
    <message>
      <source>Hồ sơ quá hạn đang giải quyết, theo đơn vị</source>
      <translation>Overdue dossiers in progress, by unit</translation>
    </message>
    <message>
      <source>Hồ sơ quý khách vừa nộp</source>
      <translation>The dossier you have just submitted</translation>
    </message>
    <message>
      <source>Hồ sơ thiếu: {}</source>
      <translation>Dossier missing: {}</translation>
    </message>
    <message>
      <source>Hồ sơ tiếp nhận mỗi ngày (30 ngày)</source>
      <translation>Dossiers received per day (30 days)</translation>
    </message>
    <message>
      <source>Hồ sơ trực tu&amp;yến chờ tiếp nhận</source>
      <translation>&amp;Online dossiers waiting to be accepted</translation>
    </message>
    <message>
      <source>Hồ sơ vừa tiếp nhận</source>
      <translation>Dossier just received</translation>
    </message>
    <message>
      <source>Hồ sơ {} đã được ghi, nhưng chưa gắn được với số {}: {}</source>
      <translation>Dossier {} was recorded, but could not be linked to ticket {}: {}</translation>
    </message>
    <message>
      <source>Hồ sơ {} — nội dung chuyển khoản: {}</source>
      <translation>Dossier {} — transfer purpose: {}</translation>
    </message>
    <message>
      <source>Hồ sơ {} — {}</source>
      <translation>Dossier {} — {}</translation>
    </message>
    <message>
      <source>Hồ sơ đang giải quyết theo thời gian đã nhận</source>
      <translation>Dossiers in progress by time since received</translation>
    </message>
    <message>
      <source>Hộ chiếu</source>
      <translation>Passport</translation>
    </message>
    <message>
      <source>Hủy quét (Esc)</source>
      <translation>Cancel scan (Esc)</translation>
    </message>
    <message>
      <source>In &amp;sổ theo dõi hồ sơ…</source>
      <translation>Print the dossier &amp;register…</translation>
    </message>
    <message>
      <source>In lại</source>
      <translation>Print again</translation>
    </message>
    <message>
      <source>In lại…</source>
      <translation>Reprint…</translation>
    </message>
    <message>
      <source>In ngay, không hỏi</source>
      <translation>Print at once, without asking</translation>
    </message>
    <message>
      <source>In phiếu</source>
      <translation>Print sheet</translation>
    </message>
    <message>
      <source>In ra giấy thường</source>
      <translation>Print on ordinary paper</translation>
    </message>
    <message>
      <source>In sổ theo dõi hồ sơ (mẫu 07)</source>
      <translation>Print the dossier register (form 07)</translation>
    </message>
    <message>
      <source>Khay nạp giấy tự động</source>
      <translation>Automatic document feeder</translation>
    </message>
    <message>
      <source>Khoá (Ctrl+L)</source>
      <translation>Lock (Ctrl+L)</translation>
    </message>
    <message>
      <source>Khoá / mở lại tài khoản</source>
      <translation>Disable / enable the account</translation>
    </message>
    <message>
      <source>Khoá bàn</source>
      <translation>Desk locked</translation>
    </message>
    <message>
      <source>Khôi phục</source>
      <translation>Restore</translation>
    </message>
    <message>
      <source>Khôi phục bản sao lưu lúc {} ({} hồ sơ, {} sự kiện)?</source>
      <translation>Restore the backup taken at {} ({} dossiers, {} events)?</translation>
    </message>
    <message>
      <source>Khôi phục dữ liệu</source>
      <translation>Restore data</translation>
    </message>
    <message>
      <source>Khôi phục…</source>
      <translation>Restore…</translation>
    </message>
    <message>
      <source>Không còn ai chờ quầy {}.</source>
      <translation>Nobody is waiting for counter {}.</translation>
    </message>
    <message>
      <source>Không có ca thu nào đang mở: không có gì để kết sổ.</source>
      <translation>No shift is open: nothing to cash up.</translation>
    </message>
    <message>
      <source>Không có tin nào chờ gửi.</source>
      <translation>No message waiting to be sent.</translation>
    </message>
    <message>
      <source>Không dùng</source>
      <translation>Not used</translation>
    </message>
    <message>
      <source>Không giải quyết</source>
      <translation>Not resolved (refused)</translation>
    </message>
    <message>
      <source>Không hài lòng</source>
      <translation>Not satisfied</translation>
    </message>
    <message>
      <source>Không hẹn</source>
      <translation>No due date</translation>
    </message>
    <message>
      <source>Không in được: {}</source>
      <translation>Could not print: {}</translation>
    </message>
    <message>
      <source>Không khoá được: bàn chưa bật đăng nhập (chưa có tài khoản quản trị; tạo ở Quản lý → Cán bộ).</source>
      <translation>Cannot lock: this desk has no login yet (no administrator account; create one in Manage → Officers).</translation>
    </message>
    <message>
      <source>Không mở được cơ sở dữ liệu</source>
      <translation>Cannot open the database</translation>
    </message>
    <message>
      <source>Không nhận: {}</source>
      <translation>Not accepted: {}</translation>
    </message>
    <message>
      <source>Không nhập được: {}</source>
      <translation>Could not import: {}</translation>
    </message>
    <message>
      <source>Không quy định thời hạn</source>
      <translation>No time limit set</translation>
    </message>
    <message>
      <source>Không thực hiện được: {}</source>
      <translation>Could not be done: {}</translation>
    </message>
    <message>
      <source>Không đọc được tệp PDF để in.</source>
      <translation>Could not read the PDF file to print.</translation>
    </message>
    <message>
      <source>Khổ giấy tiếp nhận</source>
      <translation>Receipt paper size</translation>
    </message>
    <message>
      <source>Khổ phiếu in thường là A6 hoặc 80mm.</source>
      <translation>The ordinary printer's ticket paper is A6 or 80mm.</translation>
    </message>
    <message>
      <source>Kiểm tra mã thủ tục trong danh mục (catalog) so với Cổng DVCQG rồi chạy `portal retry`</source>
      <translation>Check the procedure code in the catalog against the national portal, then run `portal retry`</translation>
    </message>
    <message>
      <source>Kiểm tra nhật ký</source>
      <translation>Trail checked</translation>
    </message>
    <message>
      <source>Kiểm tra toàn vẹn</source>
      <translation>Check integrity</translation>
    </message>
    <message>
      <source>Ký hiệu, số</source>
      <translation>Series, number</translation>
    </message>
    <message>
      <source>Ký số</source>
      <translation>Signed</translation>
    </message>
    <message>
      <source>Ký số giấy tờ số hóa</source>
      <translation>Signing of digitised papers</translation>
    </message>
    <message>
      <source>Kết quả</source>
      <translation>Result</translation>
    </message>
    <message>
      <source>Kết quả giải quyết</source>
      <translation>Result</translation>
    </message>
    <message>
      <source>Kết quả khi quét:</source>
      <translation>Outcome for scans:</translation>
    </message>
    <message>
      <source>Kết sổ ca th&amp;u phí, lệ phí…</source>
      <translation>Cash-&amp;up of fees…</translation>
    </message>
    <message>
      <source>Kết sổ ca thu phí, lệ phí — {}</source>
      <translation>Cash-up of fees — {}</translation>
    </message>
    <message>
      <source>Kết sổ và in bảng kê (Ctrl+Enter)</source>
      <translation>Cash up and print the sheet (Ctrl+Enter)</translation>
    </message>
    <message>
      <source>Kỳ báo cáo:</source>
      <translation>Reporting period:</translation>
    </message>
    <message>
      <source>Loại</source>
      <translation>Kind</translation>
    </message>
    <message>
      <source>Loại giấy tờ</source>
      <translation>ID type</translation>
    </message>
    <message>
      <source>Loại tin</source>
      <translation>Message</translation>
    </message>
    <message>
      <source>Làm mới (F5)</source>
      <translation>Refresh (F5)</translation>
    </message>
    <message>
      <source>Lãnh đạo</source>
      <translation>Leader</translation>
    </message>
    <message>
      <source>Lên/Xuống: chọn trang · Ctrl+Lên/Xuống: đổi thứ tự · Ctrl+Phải/Trái: xoay 90° · Delete: bỏ trang</source>
      <translation>Up/Down: choose a page · Ctrl+Up/Down: move it · Ctrl+Right/Left: turn 90° · Delete: drop it</translation>
    </message>
    <message>
      <source>Lô chưa có hồ sơ nào để ghi nhận.</source>
      <translation>The batch has no dossier to record yet.</translation>
    </message>
    <message>
      <source>Lý do</source>
      <translation>Reason</translation>
    </message>
    <message>
      <source>Lý do Cổng trả về</source>
      <translation>The portal's reason</translation>
    </message>
    <message>
      <source>Lý do chậm</source>
      <translation>Reason for delay</translation>
    </message>
    <message>
      <source>Lý do dừng giải quyết</source>
      <translation>Reason for stopping processing</translation>
    </message>
    <message>
      <source>Lý do khác (ghi rõ bên dưới)</source>
      <translation>Another reason (write it below)</translation>
    </message>
    <message>
      <source>Lý do rút hồ sơ</source>
      <translation>Reason for withdrawal</translation>
    </message>
    <message>
      <source>Lý do từ chối</source>
      <translation>Reason for refusal</translation>
    </message>
    <message>
      <source>Lý do từ chối:</source>
      <translation>Reason for refusal:</translation>
    </message>
    <message>
      <source>Lĩnh vực</source>
      <translation>Field</translation>
    </message>
    <message>
      <source>Lĩnh vực, thủ tục</source>
      <translation>Field, procedure</translation>
    </message>
    <message>
      <source>Lưu (Ctrl+S)</source>
      <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
      <source>Lưu PDF…</source>
      <translation>Save PDF…</translation>
    </message>
    <message>
      <source>Lưu phiếu</source>
      <translation>Save sheet</translation>
    </message>
    <message>
      <source>Lưu ý</source>
      <translation>Note</translation>
    </message>
    <message>
      <source>Lấy số lúc {}</source>
      <translation>Taken at {}</translation>
    </message>
    <message>
      <source>Lấy số thứ tự</source>
      <translation>Take a ticket</translation>
    </message>
    <message>
      <source>Lệ phí</source>
      <translation>Fee</translation>
    </message>
    <message>
      <source>Lỗi: {}</source>
      <translation>Error: {}</translation>
    </message>
    <message>
      <source>Miễn phí, lệ phí</source>
      <translation>Fee exempted</translation>
    </message>
    <message>
      <source>Miễn số hóa</source>
      <translation>Exempt</translation>
    </message>
    <message>
      <source>Miễn số hóa: {}</source>
      <translation>Exempt from digitising: {}</translation>
    </message>
    <message>
      <source>Miễn số hóa… (Ctrl+E)</source>
      <translation>Exempt… (Ctrl+E)</translation>
    </message>
    <message>
      <source>Màn hình &amp;công dân</source>
      <translation>&amp;Citizen's screen</translation>
    </message>
    <message>
      <source>Màn hình công dân</source>
      <translation>Citizen's screen</translation>
    </message>
    <message>
      <source>Màn hình gọi số</source>
      <translation>Call display</translation>
    </message>
    <message>
      <source>Màu</source>
      <translation>Colour</translation>
    </message>
    <message>
      <source>Máy chủ văn phòng không trả lời — xin chờ giây lát</source>
      <translation>The office server does not answer — please wait a moment</translation>
    </message>
    <message>
      <source>Máy chủ văn phòng không trả lời: bàn không gọi số nào (để không gọi trùng).</source>
      <translation>The office server does not answer: the desk calls nothing (so that no ticket is called twice).</translation>
    </message>
    <message>
      <source>Máy in</source>
      <translation>Printer</translation>
    </message>
    <message>
      <source>Máy in dừng giữa chừng.</source>
      <translation>The printer stopped partway through.</translation>
    </message>
    <message>
      <source>Máy in hết giấy — số của bạn là {}, xin ghi nhớ hoặc báo nhân viên</source>
      <translation>The printer is out of paper — your number is {}, please remember it or tell the staff</translation>
    </message>
    <message>
      <source>Máy in không in được — số của bạn là {}, xin ghi nhớ hoặc báo nhân viên</source>
      <translation>The printer could not print — your number is {}, please remember it or tell the staff</translation>
    </message>
    <message>
      <source>Máy in không nhận lệnh in (hết giấy, chưa bật, hoặc không kết nối).</source>
      <translation>The printer did not accept the print job (out of paper, switched off, or not connected).</translation>
    </message>
    <message>
      <source>Máy in mặc định của máy tính</source>
      <translation>This computer's default printer</translation>
    </message>
    <message>
      <source>Máy in phiếu chưa đặt đúng: {}</source>
      <translation>The ticket printer is not set right: {}</translation>
    </message>
    <message>
      <source>Máy quét: khoảng cách phím tối đa</source>
      <translation>Scanner: longest gap between keys</translation>
    </message>
    <message>
      <source>Máy quét: ký tự đầu (nếu có)</source>
      <translation>Scanner: prefix character (if any)</translation>
    </message>
    <message>
      <source>Máy tính chưa có máy in nào để in phiếu: đặt COUNTER_APP_TICKET_PRINTER (máy in vé) hoặc cài một máy in mặc định, rồi in lại phiếu.</source>
      <translation>This computer has no printer for tickets: set COUNTER_APP_TICKET_PRINTER (the ticket printer) or install a default printer, then print the ticket again.</translation>
    </message>
    <message>
      <source>Máy tính này chưa cài máy in nào. Hãy lưu phiếu thành tệp PDF để in sau hoặc in ở máy khác.</source>
      <translation>No printer is installed on this computer. Save the sheet as a PDF file to print later or on another computer.</translation>
    </message>
    <message>
      <source>Mã</source>
      <translation>Code</translation>
    </message>
    <message>
      <source>Mã PIN của token ký số</source>
      <translation>Signing token PIN</translation>
    </message>
    <message>
      <source>Mã SHA-256 khớp với bản đã lưu: tệp còn nguyên vẹn.</source>
      <translation>The SHA-256 matches the stored record: the file is intact.</translation>
    </message>
    <message>
      <source>Mã bưu gửi</source>
      <translation>Postal tracking number</translation>
    </message>
    <message>
      <source>Mã hồ sơ</source>
      <translation>Dossier code</translation>
    </message>
    <message>
      <source>Mã lỗi</source>
      <translation>Error code</translation>
    </message>
    <message>
      <source>Mất kết nối máy chủ văn phòng: đang thử lại…</source>
      <translation>Lost the office server: trying again…</translation>
    </message>
    <message>
      <source>Mất kết nối máy chủ · chờ gửi: {} (giữ an toàn ở bàn) · thử lại sau {} giây</source>
      <translation>Server unreachable · waiting to send: {} (kept safe at the desk) · next try in {} s</translation>
    </message>
    <message>
      <source>Mật khẩu</source>
      <translation>Password</translation>
    </message>
    <message>
      <source>Mật khẩu (ít nhất 8 ký tự)</source>
      <translation>Password (at least 8 characters)</translation>
    </message>
    <message>
      <source>MỜI CÔNG DÂN CÓ SỐ</source>
      <translation>NOW SERVING</translation>
    </message>
    <message>
      <source>Mời bạn nhận phiếu.</source>
      <translation>Please take your ticket.</translation>
    </message>
    <message>
      <source>Mời công dân đánh &amp;giá</source>
      <translation>Invite the citizen to &amp;rate</translation>
    </message>
    <message>
      <source>Mời đánh giá (F11)</source>
      <translation>Invite a rating (F11)</translation>
    </message>
    <message>
      <source>Mở &amp;ca mới</source>
      <translation>Open a new &amp;shift</translation>
    </message>
    <message>
      <source>Nguồn</source>
      <translation>Source</translation>
    </message>
    <message>
      <source>Ngày</source>
      <translation>Day</translation>
    </message>
    <message>
      <source>Ngày cuối kỳ phải không trước ngày đầu kỳ.</source>
      <translation>The period's last day must not be before its first day.</translation>
    </message>
    <message>
      <source>Ngày cuối phải không trước ngày đầu.</source>
      <translation>The last day cannot be before the first.</translation>
    </message>
    <message>
      <source>Ngày nhận</source>
      <translation>Received on</translation>
    </message>
    <message>
      <source>Ngày số hóa</source>
      <translation>Digitised on</translation>
    </message>
    <message>
      <source>Ngôn ngữ</source>
      <translation>Language</translation>
    </message>
    <message>
      <source>Người ký: {}{}.</source>
      <translation>Signed by: {}{}.</translation>
    </message>
    <message>
      <source>Người nhận</source>
      <translation>Receiver</translation>
    </message>
    <message>
      <source>Người nộp</source>
      <translation>Applicant</translation>
    </message>
    <message>
      <source>Người nộp nhận trực tiếp</source>
      <translation>The applicant in person</translation>
    </message>
    <message>
      <source>Người được ủy quyền nhận thay</source>
      <translation>An authorised person</translation>
    </message>
    <message>
      <source>Nhận</source>
      <translation>Received</translation>
    </message>
    <message>
      <source>Nhận bổ sung</source>
      <translation>Receive supplement</translation>
    </message>
    <message>
      <source>Nhận hồ sơ bổ sung</source>
      <translation>Receive supplementary documents</translation>
    </message>
    <message>
      <source>Nhận kết quả</source>
      <translation>Receive result</translation>
    </message>
    <message>
      <source>Nhận kết quả (F4)</source>
      <translation>Receive result (F4)</translation>
    </message>
    <message>
      <source>Nhận kết quả từ đơn vị</source>
      <translation>Receive results from unit</translation>
    </message>
    <message>
      <source>Nhận lúc</source>
      <translation>Received at</translation>
    </message>
    <message>
      <source>Nhận: tổng</source>
      <translation>Received: total</translation>
    </message>
    <message>
      <source>Nhập danh mục</source>
      <translation>Catalog import</translation>
    </message>
    <message>
      <source>Nhập lúc</source>
      <translation>Imported at</translation>
    </message>
    <message>
      <source>Nhập lại mật khẩu</source>
      <translation>Password again</translation>
    </message>
    <message>
      <source>Nhập tệp danh mục…</source>
      <translation>Import catalog file…</translation>
    </message>
    <message>
      <source>Nhật ký KHÔNG nguyên vẹn: bàn {}, mục số {} ({}): {}.</source>
      <translation>The trail is NOT intact: desk {}, entry {} ({}): {}.</translation>
    </message>
    <message>
      <source>Nhật ký nguyên vẹn: {} mục của {} bàn.</source>
      <translation>The trail is intact: {} entries of {} desks.</translation>
    </message>
    <message>
      <source>Nhật ký truy cập</source>
      <translation>Audit trail</translation>
    </message>
    <message>
      <source>Năm nay</source>
      <translation>This year</translation>
    </message>
    <message>
      <source>Năm trước</source>
      <translation>Last year</translation>
    </message>
    <message>
      <source>Nộp trên cổng lúc</source>
      <translation>Submitted on the portal</translation>
    </message>
    <message>
      <source>Phiên bản</source>
      <translation>Version</translation>
    </message>
    <message>
      <source>Phiếu hướng dẫn bổ sung</source>
      <translation>Supplement guidance sheet</translation>
    </message>
    <message>
      <source>Phiếu kiểm soát</source>
      <translation>Control sheet</translation>
    </message>
    <message>
      <source>Phiếu từ chối</source>
      <translation>Refusal sheet</translation>
    </message>
    <message>
      <source>Phiếu từ chối tiếp nhận</source>
      <translation>Refusal slip</translation>
    </message>
    <message>
      <source>Phiếu yêu cầu bổ sung</source>
      <translation>Supplement request sheet</translation>
    </message>
    <message>
      <source>Phí, lệ phí: miễn ({}).</source>
      <translation>Fees: exempt ({}).</translation>
    </message>
    <message>
      <source>Phí, lệ phí: phải nộp {}; đã nộp {}; còn lại {} — {}.</source>
      <translation>Fees: due {}; paid {}; left {} — {}.</translation>
    </message>
    <message>
      <source>Phông chữ in</source>
      <translation>Printing font</translation>
    </message>
    <message>
      <source>Phản ánh tiếp nhận</source>
      <translation>Complaints received</translation>
    </message>
    <message>
      <source>Phản ánh đang xử lý</source>
      <translation>Complaints in progress</translation>
    </message>
    <message>
      <source>Phản ánh đã công khai</source>
      <translation>Complaints published</translation>
    </message>
    <message>
      <source>Phản ánh đã xử lý</source>
      <translation>Complaints handled</translation>
    </message>
    <message>
      <source>Phục vụ p50</source>
      <translation>Service p50</translation>
    </message>
    <message>
      <source>Phục vụ p90</source>
      <translation>Service p90</translation>
    </message>
    <message>
      <source>Qua bưu chính</source>
      <translation>By post</translation>
    </message>
    <message>
      <source>Quá hạn</source>
      <translation>Overdue</translation>
    </message>
    <message>
      <source>Quá hạn trả lời</source>
      <translation>Answer overdue</translation>
    </message>
    <message>
      <source>Quá hạn đang giải quyết</source>
      <translation>Overdue in progress</translation>
    </message>
    <message>
      <source>Quét (F9)</source>
      <translation>Scan (F9)</translation>
    </message>
    <message>
      <source>Quét giấy tờ: {}</source>
      <translation>Scan paper: {}</translation>
    </message>
    <message>
      <source>Quét mã vạch từng hồ sơ…</source>
      <translation>Scan each dossier's barcode…</translation>
    </message>
    <message>
      <source>Quét mã để nộp phí, lệ phí</source>
      <translation>Scan the code to pay the fee</translation>
    </message>
    <message>
      <source>Quý khách có hài lòng với lượt {} này không?</source>
      <translation>Are you satisfied with this visit ({})?</translation>
    </message>
    <message>
      <source>Quý khách muốn nói về (chạm để chọn, không bắt buộc):</source>
      <translation>What it is about (tap to choose, optional):</translation>
    </message>
    <message>
      <source>Quý khách đã nhận kết quả</source>
      <translation>You have received the result</translation>
    </message>
    <message>
      <source>Quý này</source>
      <translation>This quarter</translation>
    </message>
    <message>
      <source>Quý trước</source>
      <translation>Last quarter</translation>
    </message>
    <message>
      <source>Quản trị</source>
      <translation>Administrator</translation>
    </message>
    <message>
      <source>Quầy số (gọi số: F12)</source>
      <translation>Counter number (calls: F12)</translation>
    </message>
    <message>
      <source>Quầy {}: chưa gọi số nào — F12 gọi số tiếp theo</source>
      <translation>Counter {}: nothing called — F12 calls the next ticket</translation>
    </message>
    <message>
      <source>Rút</source>
      <translation>Withdrawn</translation>
    </message>
    <message>
      <source>Rút hồ sơ</source>
      <translation>Withdraw dossier</translation>
    </message>
    <message>
      <source>Rất hài lòng</source>
      <translation>Very satisfied</translation>
    </message>
    <message>
      <source>Sai địa chỉ cổng tích hợp: kiểm tra URL đã khai báo (`portal configure --url`) rồi chạy `portal retry`</source>
      <translation>Wrong gateway address: check the URL configured (`portal configure --url`), then run `portal retry`</translation>
    </message>
    <message>
      <source>Sang hàng chờ</source>
      <translation>To line</translation>
    </message>
    <message>
      <source>Sao lưu</source>
      <translation>Backup</translation>
    </message>
    <message>
      <source>Sao lưu ngay</source>
      <translation>Back up now</translation>
    </message>
    <message>
      <source>Sao lưu tự động: đã xoá {} bản sao cũ theo quy tắc giữ bản sao: {}</source>
      <translation>Automatic backup: the retention rule removed {} old copies: {}</translation>
    </message>
    <message>
      <source>Sao lưu và khôi phục dữ liệu</source>
      <translation>Backup and restore</translation>
    </message>
    <message>
      <source>Sắp đến hạn trả lời</source>
      <translation>Answer due soon</translation>
    </message>
    <message>
      <source>SỐ THỨ TỰ CỦA BẠN</source>
      <translation>YOUR NUMBER</translation>
    </message>
    <message>
      <source>Số</source>
      <translation>Number</translation>
    </message>
    <message>
      <source>Số &amp;trang:</source>
      <translation>&amp;Pages:</translation>
    </message>
    <message>
      <source>Số bộ hồ sơ</source>
      <translation>Number of dossier sets</translation>
    </message>
    <message>
      <source>Số căn cước gồm 12 chữ số (chứng minh nhân dân cũ: 9 chữ số). Với hộ chiếu, chọn loại giấy tờ «Hộ chiếu».</source>
      <translation>A citizen ID has 12 digits (old ID card: 9 digits). For a passport, choose the document type «Passport».</translation>
    </message>
    <message>
      <source>Số căn cước phải bắt đầu bằng mã tỉnh, từ 001 đến 096.</source>
      <translation>A citizen ID starts with a province code, 001 to 096.</translation>
    </message>
    <message>
      <source>Số giấy tờ</source>
      <translation>ID number</translation>
    </message>
    <message>
      <source>Số giấy tờ người nhận</source>
      <translation>Recipient's ID number</translation>
    </message>
    <message>
      <source>Số hóa</source>
      <translation>Digitisation</translation>
    </message>
    <message>
      <source>Số hóa giấy tờ</source>
      <translation>Paper digitised</translation>
    </message>
    <message>
      <source>Số hóa hồ sơ — cách tính của Cổng</source>
      <translation>Dossiers digitised — the portal's formula</translation>
    </message>
    <message>
      <source>Số hóa kết quả</source>
      <translation>Results digitised</translation>
    </message>
    <message>
      <source>Số hóa đủ thành phần bắt buộc</source>
      <translation>Every required component digitised</translation>
    </message>
    <message>
      <source>Số hồ sơ</source>
      <translation>Dossiers</translation>
    </message>
    <message>
      <source>Số hộ chiếu gồm 6 đến 20 chữ cái hoặc chữ số, có ít nhất một chữ số.</source>
      <translation>A passport number has 6 to 20 letters or digits, at least one digit.</translation>
    </message>
    <message>
      <source>Số lượng</source>
      <translation>Quantity</translation>
    </message>
    <message>
      <source>Số lượt</source>
      <translation>Ratings</translation>
    </message>
    <message>
      <source>Số lượt đánh giá</source>
      <translation>Number of ratings</translation>
    </message>
    <message>
      <source>Số lần phải đi lại</source>
      <translation>Number of visits needed</translation>
    </message>
    <message>
      <source>Số người đang chờ trước bạn: {}</source>
      <translation>People waiting before you: {}</translation>
    </message>
    <message>
      <source>Số phiếu</source>
      <translation>Tickets</translation>
    </message>
    <message>
      <source>Số thành phần hồ sơ</source>
      <translation>Documents</translation>
    </message>
    <message>
      <source>Số thứ tự</source>
      <translation>Ticket</translation>
    </message>
    <message>
      <source>Số tiền</source>
      <translation>Amount</translation>
    </message>
    <message>
      <source>Số trang</source>
      <translation>Pages</translation>
    </message>
    <message>
      <source>Số điện thoại gồm 10 chữ số bắt đầu bằng 0, hoặc +84 rồi 9 chữ số.</source>
      <translation>A phone number has 10 digits starting with 0, or +84 and 9 digits.</translation>
    </message>
    <message>
      <source>Sổ &amp;phản ánh, kiến nghị</source>
      <translation>&amp;Complaints register</translation>
    </message>
    <message>
      <source>Sổ phản ánh, kiến nghị</source>
      <translation>Complaints register</translation>
    </message>
    <message>
      <source>Sổ theo dõi hồ sơ {} – {}</source>
      <translation>Dossier register {} – {}</translation>
    </message>
    <message>
      <source>T&amp;hoát</source>
      <translation>E&amp;xit</translation>
    </message>
    <message>
      <source>TT 01/2023 Điều 4</source>
      <translation>Circular 01/2023 article 4</translation>
    </message>
    <message>
      <source>Thanh tra</source>
      <translation>Inspector</translation>
    </message>
    <message>
      <source>Thay thế biên lai</source>
      <translation>Receipt replaced</translation>
    </message>
    <message>
      <source>Thay đổi cán bộ</source>
      <translation>Officer changed</translation>
    </message>
    <message>
      <source>Theo lĩnh vực</source>
      <translation>By field</translation>
    </message>
    <message>
      <source>Theo thủ tục</source>
      <translation>By procedure</translation>
    </message>
    <message>
      <source>Theo yêu cầu</source>
      <translation>On request</translation>
    </message>
    <message>
      <source>Thoát chế độ lấy số</source>
      <translation>Leave kiosk mode</translation>
    </message>
    <message>
      <source>Thu phí, lệ phí</source>
      <translation>Fee collected</translation>
    </message>
    <message>
      <source>Thu phí, lệ phí — {}</source>
      <translation>Collect fees — {}</translation>
    </message>
    <message>
      <source>Thu phí… (Ctrl+T)</source>
      <translation>Collect fee… (Ctrl+T)</translation>
    </message>
    <message>
      <source>Thu và in biên lai (Ctrl+Enter)</source>
      <translation>Collect and print receipt (Ctrl+Enter)</translation>
    </message>
    <message>
      <source>Thành phần hồ sơ</source>
      <translation>Dossier component</translation>
    </message>
    <message>
      <source>Thành phần hồ sơ (Alt+T)</source>
      <translation>Documents received (Alt+T)</translation>
    </message>
    <message>
      <source>Thái độ của cán bộ</source>
      <translation>The officer's manner</translation>
    </message>
    <message>
      <source>Tháng này</source>
      <translation>This month</translation>
    </message>
    <message>
      <source>Tháng trước</source>
      <translation>Last month</translation>
    </message>
    <message>
      <source>Thêm cán bộ</source>
      <translation>Add an officer</translation>
    </message>
    <message>
      <source>Thêm cán bộ…</source>
      <translation>Add an officer…</translation>
    </message>
    <message>
      <source>Thông báo dừng giải quyết</source>
      <translation>Notice of stopped processing</translation>
    </message>
    <message>
      <source>Thông tin hồ sơ</source>
      <translation>Dossier</translation>
    </message>
    <message>
      <source>Thông tin đã có trong cơ sở dữ liệu quốc gia hoặc chuyên ngành</source>
      <translation>Data already in a national or sector database</translation>
    </message>
    <message>
      <source>Thông tin đã nhập chưa được ghi nhận và sẽ mất. Đóng?</source>
      <translation>What was typed is not recorded and will be lost. Close?</translation>
    </message>
    <message>
      <source>Thư mục máy photocopy quét vào (F8 lấy tệp mới nhất)</source>
      <translation>Folder the copier scans into (F8 takes the newest file)</translation>
    </message>
    <message>
      <source>Thư mục quét (F8)</source>
      <translation>Scan folder (F8)</translation>
    </message>
    <message>
      <source>Thư mục quét (máy photocopy)</source>
      <translation>Scan folder (copier)</translation>
    </message>
    <message>
      <source>Thư điện tử</source>
      <translation>Email</translation>
    </message>
    <message>
      <source>Thời gian chờ và phục vụ (phút:giây)</source>
      <translation>Waiting and service times (minutes:seconds)</translation>
    </message>
    <message>
      <source>Thời gian giải quyết</source>
      <translation>Time taken</translation>
    </message>
    <message>
      <source>Thời hạn</source>
      <translation>Time limit</translation>
    </message>
    <message>
      <source>Thời điểm</source>
      <translation>Time</translation>
    </message>
    <message>
      <source>Thủ tục</source>
      <translation>Procedure</translation>
    </message>
    <message>
      <source>Tin bị Cổng từ chối</source>
      <translation>Messages the portal refused</translation>
    </message>
    <message>
      <source>Tin chờ gửi lâu nhất: {} (đã chờ {})</source>
      <translation>Oldest message waiting: {} (waiting for {})</translation>
    </message>
    <message>
      <source>Tin thiếu hoặc sai trường bắt buộc: kiểm tra mã đơn vị đã khai báo (`portal configure --agency-code`) rồi chạy `portal retry`; còn lỗi thì báo đơn vị tích hợp của tỉnh</source>
      <translation>A required field is missing or wrong: check the agency code configured (`portal configure --agency-code`), then run `portal retry`; if it stays, tell the province's integrator</translation>
    </message>
    <message>
      <source>Tiến độ xử lý</source>
      <translation>Progress</translation>
    </message>
    <message>
      <source>Tiếng Việt</source>
      <translation>Vietnamese</translation>
    </message>
    <message>
      <source>Tiếp &amp;nhận hồ sơ trực tuyến</source>
      <translation>Accept the o&amp;nline dossier</translation>
    </message>
    <message>
      <source>Tiếp nhận hôm nay</source>
      <translation>Received today</translation>
    </message>
    <message>
      <source>Tiếp nhận hồ sơ</source>
      <translation>Receive dossier</translation>
    </message>
    <message>
      <source>Tiếp nhận hồ sơ trực tuyến</source>
      <translation>Online dossier accepted</translation>
    </message>
    <message>
      <source>Tiếp nhận mới (F2)</source>
      <translation>New reception (F2)</translation>
    </message>
    <message>
      <source>Tiếp nhận từ ngày</source>
      <translation>Received from</translation>
    </message>
    <message>
      <source>Tiếp nhận và in giấy hẹn (Ctrl+S)</source>
      <translation>Receive and print appointment slip (Ctrl+S)</translation>
    </message>
    <message>
      <source>Tiếp nhận và trả kết quả</source>
      <translation>Reception and return</translation>
    </message>
    <message>
      <source>Tiền mặt</source>
      <translation>Cash</translation>
    </message>
    <message>
      <source>Tiền mặt &amp;đếm được (đồng):</source>
      <translation>Cash &amp;counted (VND):</translation>
    </message>
    <message>
      <source>Tiền mặt phải có:</source>
      <translation>Cash expected:</translation>
    </message>
    <message>
      <source>Token sắp bị khóa</source>
      <translation>The token is about to lock</translation>
    </message>
    <message>
      <source>Toàn bộ dữ liệu hiện tại của bàn sẽ được thay bằng nội dung bản sao này: những gì ghi sau thời điểm đó sẽ không còn.</source>
      <translation>All of the desk's current data will be replaced by this backup's content: whatever was recorded after that time will be gone.</translation>
    </message>
    <message>
      <source>Trong hạn</source>
      <translation>Within time</translation>
    </message>
    <message>
      <source>Trong lúc khôi phục, các bàn dùng chung cơ sở dữ liệu này phải chờ.</source>
      <translation>While the restore runs, desks sharing this database have to wait.</translation>
    </message>
    <message>
      <source>Trong ngày</source>
      <translation>Same day</translation>
    </message>
    <message>
      <source>Trước hạn</source>
      <translation>Early</translation>
    </message>
    <message>
      <source>Trạng thái</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>Trạng thái theo máy chủ</source>
      <translation>Status on the server</translation>
    </message>
    <message>
      <source>Trả kết quả</source>
      <translation>Return result</translation>
    </message>
    <message>
      <source>Trả kết quả lúc</source>
      <translation>Result returned at</translation>
    </message>
    <message>
      <source>Trả lời mỗi hồ sơ trước giờ ở cột «Hạn trả lời»: tiếp nhận, yêu cầu bổ sung hoặc từ chối. Enter mở hồ sơ.</source>
      <translation>Answer each dossier before the time in «Answer due»: accept it, ask for a supplement or refuse it. Enter opens the dossier.</translation>
    </message>
    <message>
      <source>Trợ giúp — phím tắt và cách làm</source>
      <translation>Help — keys and how-to</translation>
    </message>
    <message>
      <source>Trực tiếp</source>
      <translation>In person</translation>
    </message>
    <message>
      <source>Trực tiếp, BC</source>
      <translation>In person, postal</translation>
    </message>
    <message>
      <source>Trực tuyến</source>
      <translation>Online</translation>
    </message>
    <message>
      <source>Trực tuyến (F6)</source>
      <translation>Online (F6)</translation>
    </message>
    <message>
      <source>Trực tuyến chờ tiếp nhận</source>
      <translation>Online, waiting to be accepted</translation>
    </message>
    <message>
      <source>Trực tuyến · chờ gửi: {}{}</source>
      <translation>Online · waiting to send: {}{}</translation>
    </message>
    <message>
      <source>Tài liệu chưa được ký số.</source>
      <translation>The document is not signed.</translation>
    </message>
    <message>
      <source>Tài liệu còn nguyên vẹn như khi ký, nhưng không xác minh được chuỗi chứng thư.</source>
      <translation>The document is intact as signed, but the certificate chain could not be verified.</translation>
    </message>
    <message>
      <source>Tên bàn tiếp nhận</source>
      <translation>Desk name</translation>
    </message>
    <message>
      <source>Tên bàn tiếp nhận không được để trống.</source>
      <translation>The desk name cannot be empty.</translation>
    </message>
    <message>
      <source>Tên thủ tục</source>
      <translation>Procedure name</translation>
    </message>
    <message>
      <source>Tên đăng nhập</source>
      <translation>Username</translation>
    </message>
    <message>
      <source>Tên đăng nhập cán bộ</source>
      <translation>Officer's user name</translation>
    </message>
    <message>
      <source>Tên đăng nhập cán bộ không được để trống hay có khoảng trắng.</source>
      <translation>The officer's login cannot be empty or contain spaces.</translation>
    </message>
    <message>
      <source>Tìm &amp;hồ sơ</source>
      <translation>&amp;Find a dossier</translation>
    </message>
    <message>
      <source>Tìm theo mã hồ sơ, tên (không cần dấu), số giấy tờ, điện thoại — Enter</source>
      <translation>Search by dossier code, name (diacritics optional), ID number, phone — Enter</translation>
    </message>
    <message>
      <source>Tình trạng</source>
      <translation>State</translation>
    </message>
    <message>
      <source>Tùy chọn</source>
      <translation>Optional</translation>
    </message>
    <message>
      <source>Tạm dừng</source>
      <translation>Paused</translation>
    </message>
    <message>
      <source>Tất cả</source>
      <translation>All</translation>
    </message>
    <message>
      <source>Tệp</source>
      <translation>File</translation>
    </message>
    <message>
      <source>Tệp PDF (*.pdf)</source>
      <translation>PDF file (*.pdf)</translation>
    </message>
    <message>
      <source>Tệp PDF hoặc ảnh (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)</source>
      <translation>PDF or image files (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)</translation>
    </message>
    <message>
      <source>Tệp chưa về máy này; sẽ tải khi đồng bộ</source>
      <translation>The file is not on this desk yet; it comes with the sync</translation>
    </message>
    <message>
      <source>Tổng quan</source>
      <translation>Overview</translation>
    </message>
    <message>
      <source>Từ</source>
      <translation>From</translation>
    </message>
    <message>
      <source>Từ &amp;chối tiếp nhận…</source>
      <translation>&amp;Refuse…</translation>
    </message>
    <message>
      <source>Từ chối</source>
      <translation>Refused</translation>
    </message>
    <message>
      <source>Từ chối hồ sơ trực tuyến</source>
      <translation>Refuse the online dossier</translation>
    </message>
    <message>
      <source>Từ chối tiếp nhận</source>
      <translation>Intake refused</translation>
    </message>
    <message>
      <source>Từ chối tiếp nhận hồ sơ trực tuyến {}? Cổng dịch vụ công sẽ nhận trạng thái «không được tiếp nhận»; không làm lại được.</source>
      <translation>Refuse the online dossier {}? The public service portal will get the status «not accepted»; this cannot be undone.</translation>
    </message>
    <message>
      <source>Từ chối tiếp nhận…</source>
      <translation>Refuse intake…</translation>
    </message>
    <message>
      <source>Từ kỳ trước</source>
      <translation>Carried over</translation>
    </message>
    <message>
      <source>Từ trước kỳ này còn {} tin chưa gửi và {} tin bị từ chối: xem bằng {}.</source>
      <translation>From before this period, {} messages not sent and {} refused: see {}.</translation>
    </message>
    <message>
      <source>Từ tệp… (Ctrl+O)</source>
      <translation>From file… (Ctrl+O)</translation>
    </message>
    <message>
      <source>Tỷ lệ (%)</source>
      <translation>Rate (%)</translation>
    </message>
    <message>
      <source>Tỷ lệ hài lòng</source>
      <translation>Share satisfied</translation>
    </message>
    <message>
      <source>Tỷ lệ trước hạn và đúng hạn theo tháng báo cáo (%)</source>
      <translation>Early or on time by reporting month (%)</translation>
    </message>
    <message>
      <source>Tỷ lệ đúng hạn kỳ này</source>
      <translation>On-time rate, this period</translation>
    </message>
    <message>
      <source>Tỷ lệ đúng hạn kỳ trước</source>
      <translation>On-time rate, last period</translation>
    </message>
    <message>
      <source>Vai trò</source>
      <translation>Role</translation>
    </message>
    <message>
      <source>Việc</source>
      <translation>Event</translation>
    </message>
    <message>
      <source>Việc bị từ chối</source>
      <translation>Action refused</translation>
    </message>
    <message>
      <source>Văn bản xin lỗi, gia hạn</source>
      <translation>Apology and extension letter</translation>
    </message>
    <message>
      <source>Văn phòng vừa bật đăng nhập (đã có tài khoản quản trị): bàn đã tự khoá. Cán bộ đăng nhập bằng tài khoản của mình; việc đang làm dở được giữ nguyên.</source>
      <translation>The office has just turned login on (an administrator account exists): the desk locked itself. Officers sign in with their own account; work in progress is kept.</translation>
    </message>
    <message>
      <source>Vẫn nhập mã PIN?</source>
      <translation>Enter the PIN anyway?</translation>
    </message>
    <message>
      <source>Xem biểu</source>
      <translation>Show form</translation>
    </message>
    <message>
      <source>Xem báo cáo</source>
      <translation>Report viewed</translation>
    </message>
    <message>
      <source>Xem danh sách</source>
      <translation>List viewed</translation>
    </message>
    <message>
      <source>Xem hồ sơ</source>
      <translation>Dossier viewed</translation>
    </message>
    <message>
      <source>Xem nhật ký</source>
      <translation>Trail read</translation>
    </message>
    <message>
      <source>Xem số liệu</source>
      <translation>Show figures</translation>
    </message>
    <message>
      <source>Xem trước để in (Enter)</source>
      <translation>Preview to print (Enter)</translation>
    </message>
    <message>
      <source>Xin kính chào quý khách!</source>
      <translation>Welcome!</translation>
    </message>
    <message>
      <source>Xung đột đồng bộ</source>
      <translation>Sync conflicts</translation>
    </message>
    <message>
      <source>Xuất Biểu 06</source>
      <translation>Export form 06</translation>
    </message>
    <message>
      <source>Xuất Excel…</source>
      <translation>Export Excel…</translation>
    </message>
    <message>
      <source>Xuất PDF…</source>
      <translation>Export PDF…</translation>
    </message>
    <message>
      <source>Xuất báo cáo</source>
      <translation>Report exported</translation>
    </message>
    <message>
      <source>Xác nhận và in danh sách (Ctrl+Enter)</source>
      <translation>Confirm and print the list (Ctrl+Enter)</translation>
    </message>
    <message>
      <source>Xám</source>
      <translation>Grey</translation>
    </message>
    <message>
      <source>Yêu cầu &amp;bổ sung…</source>
      <translation>Ask for a &amp;supplement…</translation>
    </message>
    <message>
      <source>Yêu cầu bổ sung</source>
      <translation>Request supplement</translation>
    </message>
    <message>
      <source>chuyển hồ sơ</source>
      <translation>hand over dossier</translation>
    </message>
    <message>
      <source>chưa chọn thủ tục</source>
      <translation>no procedure chosen</translation>
    </message>
    <message>
      <source>còn {}</source>
      <translation>{} left</translation>
    </message>
    <message>
      <source>dòng {}</source>
      <translation>line {}</translation>
    </message>
    <message>
      <source>dùng lại giấy tờ cũ</source>
      <translation>earlier paper reused</translation>
    </message>
    <message>
      <source>dừng giải quyết</source>
      <translation>stop processing</translation>
    </message>
    <message>
      <source>gia hạn</source>
      <translation>extend</translation>
    </message>
    <message>
      <source>khi trả qua bưu điện</source>
      <translation>when returned by post</translation>
    </message>
    <message>
      <source>khi trả trực tiếp</source>
      <translation>when handed over in person</translation>
    </message>
    <message>
      <source>không có hồ sơ mã này</source>
      <translation>no dossier with this code</translation>
    </message>
    <message>
      <source>không hẹn ngày trả</source>
      <translation>no due date</translation>
    </message>
    <message>
      <source>kết quả</source>
      <translation>result</translation>
    </message>
    <message>
      <source>lúc {}</source>
      <translation>at {}</translation>
    </message>
    <message>
      <source>miễn số hóa</source>
      <translation>exempt</translation>
    </message>
    <message>
      <source>máy quét</source>
      <translation>scanner</translation>
    </message>
    <message>
      <source>mã hồ sơ</source>
      <translation>dossier code</translation>
    </message>
    <message>
      <source>nhận bổ sung</source>
      <translation>receive supplement</translation>
    </message>
    <message>
      <source>nhận kết quả</source>
      <translation>receive result</translation>
    </message>
    <message>
      <source>quá hạn</source>
      <translation>overdue</translation>
    </message>
    <message>
      <source>quá hạn {}</source>
      <translation>{} overdue</translation>
    </message>
    <message>
      <source>quá hạn {} / {} hồ sơ đã giải quyết; phản ánh {} / {} hồ sơ tiếp nhận</source>
      <translation>late {} / {} dossiers resolved; complaints {} / {} dossiers received</translation>
    </message>
    <message>
      <source>rút hồ sơ</source>
      <translation>withdraw dossier</translation>
    </message>
    <message>
      <source>thư mục máy quét</source>
      <translation>scan folder</translation>
    </message>
    <message>
      <source>thủ tục này do {} giải quyết, không phải đơn vị đang chọn</source>
      <translation>this procedure is handled by {}, not the unit chosen</translation>
    </message>
    <message>
      <source>trước hạn</source>
      <translation>early</translation>
    </message>
    <message>
      <source>trả kết quả</source>
      <translation>return result</translation>
    </message>
    <message>
      <source>tên đăng nhập</source>
      <translation>username</translation>
    </message>
    <message>
      <source>tệp</source>
      <translation>file</translation>
    </message>
    <message>
      <source>từ</source>
      <translation>from</translation>
    </message>
    <message>
      <source>từ chối</source>
      <translation>refused</translation>
    </message>
    <message>
      <source>từ chối tiếp nhận</source>
      <translation>refuse intake</translation>
    </message>
    <message>
      <source>viết liền các chữ số, ví dụ 150000</source>
      <translation>digits only, e.g. 150000</translation>
    </message>
    <message>
      <source>ví dụ A021</source>
      <translation>e.g. A021</translation>
    </message>
    <message>
      <source>yêu cầu bổ sung</source>
      <translation>request supplement</translation>
    </message>
    <message>
      <source>{}  {}: {} người</source>
      <translation>{}  {}: {} people</translation>
    </message>
    <message>
      <source>{} In lại phiếu khi máy in sẵn sàng.</source>
      <translation>{} Print the ticket again once the printer is ready.</translation>
    </message>
    <message>
      <source>{} giờ</source>
      <translation>{} h</translation>
    </message>
    <message>
      <source>{} giờ làm việc</source>
      <translation>{} working hours</translation>
    </message>
    <message>
      <source>{} giờ {:02d} phút</source>
      <translation>{} h {:02d} min</translation>
    </message>
    <message>
      <source>{} giờ {} phút</source>
      <translation>{} h {} min</translation>
    </message>
    <message>
      <source>{} hồ sơ</source>
      <translation>{} dossiers</translation>
    </message>
    <message>
      <source>{} hồ sơ trong lô; vừa thêm {}.</source>
      <translation>{} dossiers in batch; just added {}.</translation>
    </message>
    <message>
      <source>{} hồ sơ đã quét chưa được xác nhận và sẽ bị bỏ. Đóng?</source>
      <translation>{} scanned dossiers are not confirmed and will be dropped. Close?</translation>
    </message>
    <message>
      <source>{} mục.</source>
      <translation>{} entries.</translation>
    </message>
    <message>
      <source>{} ngày</source>
      <translation>{} days</translation>
    </message>
    <message>
      <source>{} ngày làm việc</source>
      <translation>{} working days</translation>
    </message>
    <message>
      <source>{} ngày {} giờ</source>
      <translation>{} days {} h</translation>
    </message>
    <message>
      <source>{} phút</source>
      <translation>{} min</translation>
    </message>
    <message>
      <source>{} phản ánh.</source>
      <translation>{} complaints.</translation>
    </message>
    <message>
      <source>{} — hồ sơ trực tuyến {}</source>
      <translation>{} — online dossier {}</translation>
    </message>
    <message>
      <source>{} — {} · cán bộ {}</source>
      <translation>{} — {} · officer {}</translation>
    </message>
    <message>
      <source>{} → Quầy {}</source>
      <translation>{} → Counter {}</translation>
    </message>
    <message>
      <source>{}. Hẹn trả: {}</source>
      <translation>{}. Due: {}</translation>
    </message>
    <message>
      <source>{}: {} biên lai, {}</source>
      <translation>{}: {} receipts, {}</translation>
    </message>
    <message>
      <source>Đang GQ: quá hạn</source>
      <translation>In progress: overdue</translation>
    </message>
    <message>
      <source>Đang GQ: tổng</source>
      <translation>In progress: total</translation>
    </message>
    <message>
      <source>Đang chờ</source>
      <translation>Waiting</translation>
    </message>
    <message>
      <source>Đang chờ quầy {}: {} người</source>
      <translation>Waiting for counter {}: {}</translation>
    </message>
    <message>
      <source>Đang chờ: không đọc được</source>
      <translation>Waiting: could not be read</translation>
    </message>
    <message>
      <source>Đang dừng máy quét…</source>
      <translation>Stopping the scanner…</translation>
    </message>
    <message>
      <source>Đang ghi hồ sơ: chương trình chỉ thoát được sau khi giấy hẹn hiện ra.</source>
      <translation>Recording the dossier: the program can quit once the receipt is on screen.</translation>
    </message>
    <message>
      <source>Đang ghi…</source>
      <translation>Saving…</translation>
    </message>
    <message>
      <source>Đang giải quyết</source>
      <translation>In progress</translation>
    </message>
    <message>
      <source>Đang hoạt động</source>
      <translation>Active</translation>
    </message>
    <message>
      <source>Đang in phiếu…</source>
      <translation>Printing the ticket…</translation>
    </message>
    <message>
      <source>Đang in…</source>
      <translation>Printing…</translation>
    </message>
    <message>
      <source>Đang kiểm tra chữ ký số…</source>
      <translation>Checking the digital signature…</translation>
    </message>
    <message>
      <source>Đang kiểm tra mã SHA-256…</source>
      <translation>Checking the SHA-256…</translation>
    </message>
    <message>
      <source>Đang kiểm tra và khôi phục…</source>
      <translation>Checking and restoring…</translation>
    </message>
    <message>
      <source>Đang kiểm tra…</source>
      <translation>Checking…</translation>
    </message>
    <message>
      <source>Đang lưu giấy tờ…</source>
      <translation>Saving the paper…</translation>
    </message>
    <message>
      <source>Đang lưu {} trang…</source>
      <translation>Saving {} pages…</translation>
    </message>
    <message>
      <source>Đang lấy số…</source>
      <translation>Taking a ticket…</translation>
    </message>
    <message>
      <source>Đang lập sổ…</source>
      <translation>Building the register…</translation>
    </message>
    <message>
      <source>Đang mở cơ sở dữ liệu…</source>
      <translation>Opening database…</translation>
    </message>
    <message>
      <source>Đang mở…</source>
      <translation>Opening…</translation>
    </message>
    <message>
      <source>Đang phục vụ: {} — chờ {} phút</source>
      <translation>Serving: {} — waited {} min</translation>
    </message>
    <message>
      <source>Đang quét trang %v/%m…</source>
      <translation>Scanning page %v/%m…</translation>
    </message>
    <message>
      <source>Đang quét… (Esc: hủy)</source>
      <translation>Scanning… (Esc: cancel)</translation>
    </message>
    <message>
      <source>Đang sao lưu…</source>
      <translation>Backing up…</translation>
    </message>
    <message>
      <source>Đang tìm giấy tờ của công dân…</source>
      <translation>Looking for the citizen's papers…</translation>
    </message>
    <message>
      <source>Đang tìm…</source>
      <translation>Searching…</translation>
    </message>
    <message>
      <source>Đang tính số liệu…</source>
      <translation>Computing the figures…</translation>
    </message>
    <message>
      <source>Đang tải…</source>
      <translation>Loading…</translation>
    </message>
    <message>
      <source>Đang xử lý</source>
      <translation>Being handled</translation>
    </message>
    <message>
      <source>Đang đọc danh sách giấy tờ…</source>
      <translation>Reading the list of papers…</translation>
    </message>
    <message>
      <source>Đang đọc…</source>
      <translation>Reading…</translation>
    </message>
    <message>
      <source>Đang ở</source>
      <translation>Currently at</translation>
    </message>
    <message>
      <source>Đen trắng</source>
      <translation>Black and white</translation>
    </message>
    <message>
      <source>Điện thoại</source>
      <translation>Phone</translation>
    </message>
    <message>
      <source>Đánh giá theo cán bộ</source>
      <translation>Ratings by officer</translation>
    </message>
    <message>
      <source>Đánh giá theo thủ tục</source>
      <translation>Ratings by procedure</translation>
    </message>
    <message>
      <source>Đánh giá theo tuần (từ thứ Hai)</source>
      <translation>Ratings by week (from Monday)</translation>
    </message>
    <message>
      <source>Đã GQ: tổng</source>
      <translation>Resolved: total</translation>
    </message>
    <message>
      <source>Đã bỏ qua số {} (trở lại được trong 30 phút).</source>
      <translation>Ticket {} skipped (it can come back within 30 minutes).</translation>
    </message>
    <message>
      <source>Đã chuyển số {} sang {}.</source>
      <translation>Ticket {} transferred to {}.</translation>
    </message>
    <message>
      <source>Đã có kết quả</source>
      <translation>Result back</translation>
    </message>
    <message>
      <source>Đã có đúng giấy tờ này ({}): không ghi thêm.</source>
      <translation>This very paper is already there ({}): nothing recorded.</translation>
    </message>
    <message>
      <source>Đã công khai trả lời</source>
      <translation>Answer published</translation>
    </message>
    <message>
      <source>Đã ghi Biểu 06 ({}) vào {}</source>
      <translation>Form 06 ({}) written to {}</translation>
    </message>
    <message>
      <source>Đã ghi miễn số hóa ({}).</source>
      <translation>Exemption recorded ({}).</translation>
    </message>
    <message>
      <source>Đã ghi nhận {} hồ sơ.</source>
      <translation>Recorded {} dossiers.</translation>
    </message>
    <message>
      <source>Đã gọi lại số {}.</source>
      <translation>Ticket {} called again.</translation>
    </message>
    <message>
      <source>Đã gửi</source>
      <translation>Sent</translation>
    </message>
    <message>
      <source>Đã gửi {} trang tới máy in.</source>
      <translation>Sent {} pages to the printer.</translation>
    </message>
    <message>
      <source>Đã hủy quét: không giữ trang nào của lần quét này.</source>
      <translation>Scan cancelled: no page of it was kept.</translation>
    </message>
    <message>
      <source>Đã khoá</source>
      <translation>Disabled</translation>
    </message>
    <message>
      <source>Đã khoá tài khoản {}.</source>
      <translation>Account {} disabled.</translation>
    </message>
    <message>
      <source>Đã khôi phục bản sao lưu lúc {}: {} hồ sơ. Dữ liệu trước khi khôi phục được giữ ở {}.</source>
      <translation>Restored the backup taken at {}: {} dossiers. The data from before the restore is kept in {}.</translation>
    </message>
    <message>
      <source>Đã ký</source>
      <translation>Signed</translation>
    </message>
    <message>
      <source>Đã kết sổ: phải có {}, đếm được {}, chênh lệch {}.</source>
      <translation>Cashed up: expected {}, counted {}, difference {}.</translation>
    </message>
    <message>
      <source>Đã lưu {}</source>
      <translation>Saved {}</translation>
    </message>
    <message>
      <source>Đã lưu {}: {} trang{}.</source>
      <translation>Saved {}: {} pages{}.</translation>
    </message>
    <message>
      <source>Đã mời công dân đánh giá hồ sơ {} (trong {} giây).</source>
      <translation>The citizen is invited to rate dossier {} (for {} seconds).</translation>
    </message>
    <message>
      <source>Đã mở ca mới: thu tiền mặt được.</source>
      <translation>A new shift is open: cash can be taken.</translation>
    </message>
    <message>
      <source>Đã mở lại tài khoản {}.</source>
      <translation>Account {} enabled.</translation>
    </message>
    <message>
      <source>Đã nhập {} thủ tục: {} mới, {} phiên bản mới, {} không đổi.</source>
      <translation>Imported {} procedures: {} new, {} new versions, {} unchanged.</translation>
    </message>
    <message>
      <source>Đã nộp:</source>
      <translation>Paid:</translation>
    </message>
    <message>
      <source>Đã quét {} trang.</source>
      <translation>Scanned {} pages.</translation>
    </message>
    <message>
      <source>Đã sao lưu {} hồ sơ vào {} ({}).</source>
      <translation>Backed up {} dossiers to {} ({}).</translation>
    </message>
    <message>
      <source>Đã số hóa</source>
      <translation>Digitised</translation>
    </message>
    <message>
      <source>Đã thêm cán bộ {}.</source>
      <translation>Officer {} added.</translation>
    </message>
    <message>
      <source>Đã tiếp nhận</source>
      <translation>Received</translation>
    </message>
    <message>
      <source>Đã tiếp nhận hồ sơ trực tuyến {}.</source>
      <translation>Online dossier {} accepted.</translation>
    </message>
    <message>
      <source>Đã trả kết quả</source>
      <translation>Result returned</translation>
    </message>
    <message>
      <source>Đã trả lời</source>
      <translation>Answered</translation>
    </message>
    <message>
      <source>Đã trả trong 7 ngày qua</source>
      <translation>Returned in the last 7 days</translation>
    </message>
    <message>
      <source>Đã trả — {}</source>
      <translation>Returned — {}</translation>
    </message>
    <message>
      <source>Đã từ chối tiếp nhận hồ sơ trực tuyến {}.</source>
      <translation>Online dossier {} refused.</translation>
    </message>
    <message>
      <source>Đã xoá {} bản sao cũ theo quy tắc giữ bản sao: {}</source>
      <translation>The retention rule removed {} old copies: {}</translation>
    </message>
    <message>
      <source>Đã xử lý</source>
      <translation>Handled</translation>
    </message>
    <message>
      <source>Đã yêu cầu bổ sung hồ sơ trực tuyến {}.</source>
      <translation>A supplement was asked for online dossier {}.</translation>
    </message>
    <message>
      <source>Đã đóng</source>
      <translation>Closed</translation>
    </message>
    <message>
      <source>Đã đặt mật khẩu mới cho {}.</source>
      <translation>New password set for {}.</translation>
    </message>
    <message>
      <source>Đóng (Esc)</source>
      <translation>Close (Esc)</translation>
    </message>
    <message>
      <source>Đóng phiếu tiếp nhận</source>
      <translation>Close the reception</translation>
    </message>
    <message>
      <source>Đúng hạn</source>
      <translation>On time</translation>
    </message>
    <message>
      <source>Đăng nhập</source>
      <translation>Log in</translation>
    </message>
    <message>
      <source>Đăng nhập (Enter)</source>
      <translation>Log in (Enter)</translation>
    </message>
    <message>
      <source>Đăng nhập sai</source>
      <translation>Failed login</translation>
    </message>
    <message>
      <source>Đăng xuất</source>
      <translation>Log out</translation>
    </message>
    <message>
      <source>Đặt mật khẩu mới</source>
      <translation>Set a new password</translation>
    </message>
    <message>
      <source>Đặt mật khẩu mới…</source>
      <translation>Set a new password…</translation>
    </message>
    <message>
      <source>Đến hạn hôm nay</source>
      <translation>Due today</translation>
    </message>
    <message>
      <source>Địa chỉ</source>
      <translation>Address</translation>
    </message>
    <message>
      <source>Địa chỉ thư điện tử chưa đúng (ví dụ: ten@example.vn).</source>
      <translation>The e-mail address is not valid (e.g. name@example.vn).</translation>
    </message>
    <message>
      <source>Đối chiếu sao kê ngân hàng</source>
      <translation>Bank statement matched</translation>
    </message>
    <message>
      <source>Đồng bộ: đang kết nối…</source>
      <translation>Sync: connecting…</translation>
    </message>
    <message>
      <source>Đổi kết quả dòng đang chọn</source>
      <translation>Change the selected line's outcome</translation>
    </message>
    <message>
      <source>Độ &amp;phân giải:</source>
      <translation>&amp;Resolution:</translation>
    </message>
    <message>
      <source>Độ phân giải in (dpi)</source>
      <translation>Print resolution (dpi)</translation>
    </message>
    <message>
      <source>đã có trong lô</source>
      <translation>already in the batch</translation>
    </message>
    <message>
      <source>đúng hạn</source>
      <translation>on time</translation>
    </message>
    <message>
      <source>đến</source>
      <translation>to</translation>
    </message>
    <message>
      <source>đến hết ngày</source>
      <translation>to the end of</translation>
    </message>
    <message>
      <source>Ưu tiên: người cao tuổi, người khuyết tật, phụ nữ mang thai, người có công</source>
      <translation>Priority: elderly, disabled, pregnant, persons with meritorious services</translation>
    </message>
    <message>
      <source>Ước tính cho lãnh đạo theo QĐ 766: 100 % − (tỷ lệ hồ sơ quá hạn + tỷ lệ phản ánh kiến nghị). Tỷ lệ phản ánh = phản ánh tiếp nhận / hồ sơ tiếp nhận trong kỳ: cách hiểu của phần mềm, cần thống nhất với cơ quan cấp tỉnh. Không phải điểm Cổng công bố.</source>
      <translation>An estimate for the leader after QĐ 766: 100 % − (share of dossiers late + share of complaints). Share of complaints = complaints received / dossiers received in the period: the program's reading, to be agreed with the provincial office. Not the score the Portal publishes.</translation>
    </message>
    <message>
      <source>Ước tính tiêu chí 5.4</source>
      <translation>Criterion 5.4 estimate</translation>
    </message>
    <message>
      <source>—</source>
      <translation>—</translation>
    </message>
    <message>
      <source>— giữ hàng chờ —</source>
      <translation>— same line —</translation>
    </message>
    <message>
      <source>— kỳ đang hiển thị; kỳ đã chọn từ {} đến {} chưa được xem (bấm “Xem biểu”).</source>
      <translation>— the period on screen; the dates chosen, {} to {}, are not shown yet (press “Show form”).</translation>
    </message>
    <message>
      <source>— mọi quầy của hàng chờ —</source>
      <translation>— any counter of the line —</translation>
    </message>
    <message>
      <source>— theo hồ sơ quét đầu tiên —</source>
      <translation>— from the first dossier scanned —</translation>
    </message>
    <message>
      <source>✓</source>
      <translation>✓</translation>
    </message>
  </context>
</TS>
