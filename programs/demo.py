"""Demo data of the plan: the 2022 plan of Y Tịch exactly as the seed document states it (section II
targets, the nine section III activities, section V assignments to units), plus synthetic 2022
events with gift lists, a Children's Forum, drowning-risk sites, trainings, manual target values and
an assessment. Idempotent (nothing is created when the 2022 plan exists) and deterministic.
"""

import contextlib
import random
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import Area, Unit, User
from children.models import Child, ChildCircumstance
from children.privacy.demo import demo_consent
from children.privacy.models import Purpose
from children.privacy.selectors import statuses_for
from funds.models import Entry

from . import services
from .criteria import CRITERIA
from .models import Activity, Assignment, Event, GiftList, Plan, RiskSite, Target, TargetValue, Training

YEAR = 2022
K = Unit.Kind
I = Target.Indicator  # noqa: E741
P = Target.Kind

TITLE = "Kế hoạch thực hiện công tác bảo vệ, chăm sóc trẻ em trên địa bàn xã Y Tịch năm 2022"
IMPLEMENTS = (
    "Thực hiện Kế hoạch số 105/KH-UBND ngày 30/3/2022 của Ủy ban nhân dân huyện Chi Lăng về việc triển khai "
    "thực hiện công tác bảo vệ, chăm sóc trẻ em trên địa bàn huyện Chi Lăng năm 2022."
)
PURPOSE = """- Tăng cường sự quan tâm, lãnh đạo, chỉ đạo của cấp ủy, chính quyền địa phương; sự phối hợp của các tổ chức đoàn thể, trường học, thôn bản. Hạn chế tình trạng trẻ em có nguy cơ rơi vào hoàn cảnh đặc biệt. Bảo vệ trẻ em trước nguy cơ bị bạo lực, xâm hại, bị tai nạn, thương tích.
- Huy động sự tham gia tích cực của gia đình, cộng đồng, trường học và toàn xã hội thực hiện Luật trẻ em, các chương trình, kế hoạch liên quan đến công tác bảo vệ, chăm sóc, giáo dục trẻ em.
- Tạo môi trường an toàn, thân thiện và bình đẳng với mọi trẻ em để trẻ em có cơ hội phát triển toàn diện về thể chất, nhân cách, trí tuệ. Thực hiện hiệu quả các quyền cơ bản của trẻ em; tăng cường sự tham gia của trẻ em vào các vấn đề phát triển kinh tế, văn hóa, xã hội."""
REQUIREMENTS = (
    "Các tổ chức đoàn thể, trường học, thôn bản triển khai thực hiện hiệu quả Kế hoạch và các Chương trình, Đề án "
    "bảo vệ, chăm sóc trẻ em năm 2022. Chủ động triển khai Kế hoạch và tổ chức thực hiện Kế hoạch bảo vệ, chăm sóc "
    "trẻ em của đơn vị đảm bảo hoàn thành các mục tiêu, chỉ tiêu trong Kế hoạch của xã đề ra."
)

# Section II: (title, kind, goal, indicator, how measured, responsible unit kind)
TARGETS = [
    ("Phấn đấu 100% trẻ em có hoàn cảnh đặc biệt được bảo vệ, chăm sóc dưới các hình thức như: được hưởng trợ cấp xã hội; được trợ giúp về khám chữa bệnh, chỉnh hình phục hồi chức năng; được hỗ trợ về giáo dục; được tư vấn, tiếp cận dịch vụ bảo vệ trẻ em; được hưởng các hình thức trợ giúp khác",
     P.PERCENT, 100, I.SPECIAL_SUPPORTED, "Trẻ em có hoàn cảnh đặc biệt có ít nhất một lần trợ giúp trong năm ÷ trẻ em có hoàn cảnh đặc biệt", K.CULTURE_SOCIAL),
    ("Duy trì không có vụ trẻ em bị bạo lực, xâm hại trên địa bàn; 100% trẻ em bị bạo lực, xâm hại được kịp thời phát hiện, can thiệp trợ giúp để ổn định tâm lý và phát triển bình đẳng",
     P.PERCENT, 100, I.ABUSE_IN_TIME, "Vụ việc có kế hoạch hỗ trợ được phê duyệt đúng hạn ÷ vụ việc tiếp nhận", K.POLICE),
    ("Đảm bảo 100% trẻ em dưới 6 tuổi được khám, chữa bệnh miễn phí tại cơ sở y tế công lập theo quy định của pháp luật",
     P.PERCENT, 100, I.UNDER6_INSURED, "Trẻ em dưới 6 tuổi có thẻ BHYT còn hạn ÷ trẻ em dưới 6 tuổi", K.HEALTH_STATION),
    ("Phấn đấu 80% trẻ em khuyết tật được tiếp cận với các dịch vụ bảo vệ, chăm sóc, giáo dục trẻ em tại cộng đồng",
     P.PERCENT, 80, I.DISABLED_SUPPORTED, "Trẻ em khuyết tật có ít nhất một lần trợ giúp trong năm ÷ trẻ em khuyết tật", K.HEALTH_STATION),
    ("Tỷ lệ trẻ em đến 8 tuổi được tiếp cận các dịch vụ hỗ trợ chăm sóc phát triển toàn diện đạt 90%",
     P.PERCENT, 90, I.MANUAL, "Theo báo cáo của các thôn", K.HEALTH_STATION),
    ("Phấn đấu 90% trẻ em trong và ngoài trường học được hướng dẫn và biết kỹ năng phòng, chống tai nạn, thương tích, đặc biệt là phòng, chống tai nạn đuối nước; tăng tỷ lệ trẻ em được học bơi, biết bơi, có kỹ năng tự cứu đuối",
     P.PERCENT, 90, I.MANUAL, "Theo báo cáo của thôn và nhà trường", K.SCHOOL),
    ("90% hộ gia đình, nhà trường, cộng đồng và trẻ em được tuyên truyền nâng cao kiến thức kỹ năng cơ bản về phòng, chống tai nạn, thương tích, đuối nước",
     P.PERCENT, 90, I.MANUAL, "Theo báo cáo của các thôn", K.CULTURE_SOCIAL),
    ("Đảm bảo 100% các cơ quan đơn vị trên địa bàn không sử dụng lao động trẻ em; 100% trẻ em tham gia lao động trái quy định của pháp luật được phát hiện, can thiệp và hỗ trợ kịp thời",
     P.PERCENT, 100, I.LABOUR_WITH_PLAN, "Vụ việc bóc lột, lao động trẻ em có kế hoạch hỗ trợ ÷ số vụ việc", K.POLICE),
    ("Phấn đấu đạt tiêu chuẩn phù hợp với trẻ em năm 2022",
     P.YES_NO, 1, I.CHILD_FRIENDLY, "Kết quả đánh giá xã phù hợp với trẻ em (Quyết định 06/QĐ-TTg)", K.CULTURE_SOCIAL),
    ("Phấn đấu 70% trẻ em được nâng cao nhận thức, năng lực về quyền tham gia của trẻ em",
     P.PERCENT, 70, I.MANUAL, "Theo báo cáo của các thôn và nhà trường", K.YOUTH_UNION),
    ("Tỷ lệ trẻ em từ 11 tuổi trở lên được tham gia vào các mô hình, hoạt động thúc đẩy quyền tham gia của trẻ em đạt 30%",
     P.PERCENT, 30, I.MANUAL, "Danh sách diễn đàn, câu lạc bộ trẻ em", K.YOUTH_UNION),
    ("Nhập dữ liệu hệ thống cơ sở dữ liệu trẻ em; Cử cán bộ làm công tác bảo vệ chăm sóc trẻ em cấp xã tham gia tập huấn, bồi dưỡng kiến thức và nâng cao năng lực bảo vệ, chăm sóc trẻ em",
     P.YES_NO, 1, I.OFFICER_TRAINED, "Sổ tập huấn: công chức Văn hóa – Xã hội được tập huấn trong năm", K.CULTURE_SOCIAL),
    ("Vận động, xây dựng Quỹ Bảo trợ trẻ em cấp xã hoạt động hiệu quả",
     P.AMOUNT, 0, I.FUND_RECEIPTS, "Số tiền Quỹ Bảo trợ trẻ em thu được trong năm (kế hoạch không đặt mức)", K.CULTURE_SOCIAL),
]  # fmt: skip

# Section III: (number, title, content)
ACTIVITIES = [
    (1, "Đẩy mạnh các hoạt động truyền thông, giáo dục, vận động xã hội về công tác trẻ em",
     "Nâng cao nhận thức, trách nhiệm của cấp ủy, chính quyền từ xã đến thôn; tuyên truyền Luật Trẻ em năm 2016 và Nghị định số 56/2017/NĐ-CP; tổng kết 10 năm thực hiện Chỉ thị số 20-CT/TW ngày 05/12/2012 của Bộ Chính trị; giáo dục kiến thức, kỹ năng phòng ngừa xâm hại tình dục trẻ em, lao động trẻ em, tai nạn thương tích, đuối nước.\n"
     "Truyền thông về Tổng đài quốc gia bảo vệ trẻ em 111; pano, áp-phích, tài liệu truyền thông.\n"
     "Truyền thông, giáo dục kỹ năng thực hiện quyền trẻ em cho cha mẹ, người chăm sóc trẻ em, người làm việc với trẻ em và trẻ em."),
    (2, "Củng cố hệ thống tổ chức, nhân lực, nâng cao năng lực cho đội ngũ cán bộ các đơn vị trường học, cấp thôn có liên quan, cộng tác viên cơ sở làm công tác liên quan đến trẻ em",
     "Củng cố Ban Chỉ đạo Bảo vệ trẻ em, tổ chức phối hợp liên ngành và nhóm thường trực bảo vệ trẻ em cấp xã.\n"
     "Củng cố đội ngũ công chức làm công tác trẻ em; duy trì cộng tác viên tại thôn; nâng cao năng lực cán bộ, cộng tác viên.\n"
     "Cử cán bộ tham gia các lớp tập huấn về phòng, chống bạo lực, xâm hại, tai nạn thương tích, đuối nước, lao động trẻ em; chăm sóc phát triển toàn diện trẻ em những năm đầu đời; hỗ trợ trẻ em khuyết tật."),
    (3, "Tổ chức Tháng hành động vì trẻ em năm 2022 với chủ đề “Chung tay bảo vệ trẻ em hãy lên tiếng phòng, chống xâm hại, bạo lực trẻ em” và Tết Trung thu năm 2022",
     "Tham gia Lễ phát động Tháng hành động vì trẻ em cấp huyện, tổ chức các hoạt động trong Tháng hành động vì trẻ em năm 2022; Tết Trung thu năm 2022 cho trẻ em và trẻ em có hoàn cảnh đặc biệt."),
    (4, "Tổ chức Diễn đàn trẻ em năm 2022 theo hướng dẫn Thông tư số 29/2019/TT-BLĐTBXH",
     "Tham mưu UBND xã ban hành Kế hoạch tổ chức Diễn đàn trẻ em năm 2022 trên địa bàn xã, lựa chọn trẻ em đại diện tham gia Diễn đàn trẻ em cấp huyện năm 2022."),
    (5, "Tiếp tục xây dựng, củng cố, phát triển hệ thống cung cấp dịch vụ bảo vệ trẻ em và các mô hình bảo vệ, chăm sóc trẻ em",
     "Duy trì, nhân rộng các mô hình chăm sóc phát triển toàn diện trẻ em; phòng, chống xâm hại, tai nạn thương tích (đặc biệt đuối nước, tai nạn giao thông); phòng ngừa lao động trẻ em trái pháp luật; hỗ trợ trẻ em khuyết tật; thúc đẩy quyền tham gia của trẻ em.\n"
     "Mô hình trợ giúp trẻ em có hoàn cảnh đặc biệt dựa vào cộng đồng: chăm sóc sức khỏe, khám sàng lọc, phẫu thuật chỉnh hình, phục hồi chức năng, thẻ bảo hiểm y tế; dinh dưỡng (Chương trình dinh dưỡng học đường, sữa “Vươn cao”); trợ cấp xã hội; bảo vệ trẻ em và trợ giúp pháp lý."),
    (6, "Tiếp tục thực hiện đánh giá xã, thị trấn phù hợp với trẻ em theo quy định",
     "Nhân rộng phong trào “Toàn dân chăm sóc, giáo dục, bảo vệ trẻ em” gắn tiêu chí quyền trẻ em với đánh giá nông thôn mới; rà soát, kiện toàn Hội đồng đánh giá xã phù hợp với trẻ em (Quyết định số 06/QĐ-TTg ngày 03/01/2019)."),
    (7, "Triển khai kiểm tra công tác bảo vệ, chăm sóc, giáo dục trẻ em; thực hiện thu chi có hiệu quả quỹ “Bảo trợ trẻ em năm 2022”",
     "Kịp thời phát hiện và xử lý nghiêm minh các hành vi vi phạm quyền trẻ em; xác định trách nhiệm người đứng đầu; kiểm tra, rà soát các biện pháp bảo đảm môi trường sống an toàn, phòng ngừa bạo lực, bóc lột, xâm hại tình dục trẻ em và tai nạn thương tích, đặc biệt tai nạn đuối nước trên địa bàn toàn xã."),
    (8, "Thực hiện công tác phối hợp giữa các tổ chức đoàn thể ở cấp xã, giữa gia đình, nhà trường và xã hội trong thực hiện công tác trẻ em",
     "Thực hiện tốt chức năng giám sát và phản biện xã hội đối với chính sách liên quan đến trẻ em; xây dựng nội dung phong trào “Toàn dân chăm sóc, giáo dục và bảo vệ trẻ em” gắn với cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh”."),
    (9, "Triển khai thu thập chỉ tiêu thống kê, báo cáo theo Thông tư số 13/2021/TT-BLĐTBXH ngày 30/9/2021",
     "Theo dõi, quản lý chất lượng thông tin thống kê về tình hình trẻ em trên nền tảng số; rà soát, xác thực thông tin, dữ liệu trẻ em và duy trì cập nhật lên phần mềm quản lý thông tin trẻ em; thực hiện đầy đủ chế độ thông tin, báo cáo."),
]  # fmt: skip

# Section V: (unit kind or "village", activity number, task, due date, budget in VND)
D = date
ASSIGNMENTS = [
    (K.CULTURE_SOCIAL, 8, "Tham mưu xây dựng kế hoạch triển khai thực hiện cụ thể các chương trình BVCSTE năm 2022; phối hợp với các tổ chức đoàn thể tổ chức thực hiện kế hoạch và vận động các nguồn lực để hỗ trợ cho công tác bảo vệ, chăm sóc trẻ em.", D(2022, 4, 30), 0),
    (K.CULTURE_SOCIAL, 1, "Phối hợp với các tổ chức đoàn thể, trường học, thôn bản tổ chức các hoạt động tuyên truyền, giáo dục, vận động xã hội nâng cao nhận thức, trách nhiệm, kỹ năng về bảo vệ trẻ em và phòng, chống bạo lực, xâm hại trẻ em theo Chỉ thị số 02/CT-UBND ngày 02/3/2020 của UBND tỉnh Lạng Sơn và Kế hoạch số 59/KH-UBND ngày 08/3/2022 của UBND huyện Chi Lăng.", D(2022, 12, 31), 1_500_000),
    (K.CULTURE_SOCIAL, 5, "Phối hợp tuyên truyền quảng bá Tổng đài quốc gia bảo vệ trẻ em 111; thực hiện tốt quy trình tiếp nhận, xử lý thông tin, thông báo, tố giác hành vi bạo lực, xâm hại trẻ em; hỗ trợ kịp thời trẻ em bị đuối nước, bị bạo lực, xâm hại; hỗ trợ trẻ em vi phạm pháp luật tiếp cận dịch vụ tái hòa nhập cộng đồng.", D(2022, 12, 31), 0),
    (K.CULTURE_SOCIAL, 4, "Tham mưu UBND xã tổ chức Diễn đàn trẻ em năm 2022; xây dựng kịch bản, chương trình diễn đàn, đối thoại giữa trẻ em với lãnh đạo xã, lãnh đạo các tổ chức đoàn thể, trường học; lựa chọn trẻ em đại diện tham gia Diễn đàn trẻ em cấp huyện năm 2022.", D(2022, 8, 31), 3_000_000),
    (K.CULTURE_SOCIAL, 7, "Tiếp tục vận động và sử dụng có hiệu quả Quỹ Bảo trợ trẻ em nhằm tăng cường sự đóng góp của các tổ chức, cá nhân vào nguồn lực bảo vệ, chăm sóc trẻ em.", D(2022, 12, 31), 0),
    (K.CULTURE_SOCIAL, 9, "Duy trì tốt công tác thu thập thông tin, số liệu trẻ em và cập nhật số liệu vào phần mềm quản lý trẻ em cấp cơ sở.", D(2022, 11, 10), 0),
    (K.CULTURE_SOCIAL, 3, "Phối hợp với các cơ quan, ban, ngành đoàn thể tổ chức tốt Tháng hành động vì trẻ em năm 2022 với chủ đề “Chung tay bảo vệ trẻ em hãy lên tiếng phòng, chống xâm hại, bạo lực trẻ em”; tổ chức thăm, tặng quà cho trẻ em nhân dịp Ngày Quốc tế Thiếu nhi 1/6, Tết Trung thu.", D(2022, 9, 10), 5_000_000),
    (K.CULTURE_SOCIAL, 6, "Lồng ghép việc triển khai thực hiện Kế hoạch bảo vệ, chăm sóc trẻ em với triển khai xây dựng xã phù hợp với trẻ em.", D(2022, 12, 31), 0),
    (K.CULTURE_SOCIAL, 1, "Xây dựng các chương trình chuyên mục, tăng số lượng tin, bài tuyên truyền việc thực hiện các quyền của trẻ em; tổ chức truyền thông và phổ biến Luật Trẻ em năm 2016 và các văn bản quy phạm pháp luật có liên quan đến trẻ em.", D(2022, 12, 31), 0),
    (K.CULTURE_SOCIAL, 8, "Hướng dẫn các thôn bản tổ chức các hoạt động văn hóa, văn nghệ, vui chơi, giải trí, thể dục, thể thao cho trẻ em.", D(2022, 8, 31), 0),
    (K.CULTURE_SOCIAL, 3, "Treo băng zôn, khẩu hiệu về trẻ em trong dịp “Tháng hành động vì trẻ em”, Tết thiếu nhi, Tết trung thu.", D(2022, 6, 1), 800_000),
    (K.SCHOOL, 1, "Thực hiện tốt quyền trẻ em theo Luật Trẻ em năm 2016, Luật Giáo dục; tuyên truyền, giáo dục tâm lý lứa tuổi và chăm sóc sức khỏe sinh sản vị thành niên; phòng chống bạo lực học đường; lập hồ sơ, thủ tục cho học sinh nghèo, mồ côi, khuyết tật được hưởng chính sách hỗ trợ chi phí học tập.", D(2022, 12, 31), 0),
    (K.SCHOOL, 3, "Phối hợp lựa chọn học sinh có hoàn cảnh đặc biệt khó khăn vươn lên trong học tập khi có chương trình trao học bổng; tổ chức Tháng hành động vì trẻ em và Tết trung thu trong nhà trường; lựa chọn học sinh có hoàn cảnh khó khăn đạt thành tích cao tham gia các chương trình gặp mặt.", D(2022, 9, 10), 0),
    (K.JUSTICE, 1, "Tăng cường phổ biến, giáo dục pháp luật trong nhân dân, tập trung tuyên truyền Luật Hôn nhân và gia đình, Luật Trẻ em, Luật Phòng chống bạo lực gia đình.", D(2022, 12, 31), 0),
    (K.JUSTICE, 5, "Thực hiện tốt việc đăng ký nhận con nuôi, nhận con nuôi có yếu tố người nước ngoài chặt chẽ, đúng pháp luật, không để lợi dụng để mua bán trẻ em hoặc xâm hại tính mạng, sức khỏe trẻ em.", D(2022, 12, 31), 0),
    (K.JUSTICE, 5, "Tham mưu thực hiện tốt việc đăng ký khai sinh cho trẻ em; chủ động đề nghị cấp thẻ BHYT cho trẻ em dưới 6 tuổi đảm bảo chính xác, kịp thời.", D(2022, 12, 31), 0),
    (K.ACCOUNTING, 7, "Phối hợp với công chức Văn hóa – Xã hội xây dựng kế hoạch kinh phí hỗ trợ các hoạt động BVCSTE từ nguồn đảm bảo xã hội, trình UBND xã phê duyệt.", D(2022, 4, 30), 0),
    (K.ACCOUNTING, 7, "Theo dõi giám sát, chi tiêu tài chính các hoạt động BVCSTE đảm bảo đúng mục đích, hiệu quả theo quy định của Nhà nước.", D(2022, 12, 31), 0),
    (K.HEALTH_STATION, 5, "Phối hợp với công chức Văn hóa – Xã hội rà soát, thống kê và khám sàng lọc cho trẻ em khuyết tật hệ vận động, bệnh về mắt, tim bẩm sinh, sứt môi, hở hàm ếch...; khám chữa bệnh miễn phí cho trẻ em dưới 6 tuổi.", D(2022, 10, 31), 2_000_000),
    (K.POLICE, 7, "Chủ trì phối hợp với các tổ chức đoàn thể, thôn bản tuyên truyền và thực hiện biện pháp phòng ngừa, đấu tranh với hành vi xâm hại trẻ em, người chưa thành niên vi phạm pháp luật; can thiệp khẩn cấp, xử lý nghiêm các tổ chức, cá nhân vi phạm quyền trẻ em.", D(2022, 12, 31), 0),
    (K.YOUTH_UNION, 3, "Chỉ đạo, hướng dẫn đoàn thôn xây dựng các mô hình hoạt động cho trẻ em ngoài trường học, tổ chức các hoạt động hè, Tết trung thu cho trẻ em.", D(2022, 9, 10), 1_000_000),
    (K.YOUTH_UNION, 1, "Tuyên truyền lồng ghép trong sinh hoạt Đoàn, Đội nội dung Luật Trẻ em, kiến thức, kỹ năng phòng chống tai nạn thương tích cho trẻ em, đặc biệt phòng tránh đuối nước trong mùa hè.", D(2022, 6, 30), 0),
    (K.FATHERLAND_FRONT, 8, "Tuyên truyền, đẩy mạnh phong trào “Toàn dân bảo vệ, chăm sóc và giáo dục trẻ em”; tuyên truyền Luật Trẻ em năm 2016 và Tổng đài quốc gia bảo vệ trẻ em 111.", D(2022, 12, 31), 0),
    ("village", 1, "Triển khai kế hoạch bảo vệ chăm sóc trẻ em năm 2022 phù hợp với điều kiện thực tế của thôn; tuyên truyền Luật Trẻ em năm 2016 và Tổng đài quốc gia bảo vệ trẻ em 111.", D(2022, 12, 31), 0),
    ("village", 3, "Tổ chức tốt các hoạt động nhân Tháng hành động vì trẻ em, ngày Quốc tế Thiếu nhi 1/6, Tết Trung thu năm 2022; tập trung hỗ trợ trẻ em có hoàn cảnh đặc biệt, trẻ em sống trong gia đình nghèo.", D(2022, 9, 10), 0),
    ("village", 7, "Rà soát các khu vực thường xuyên xảy ra hoặc có nguy cơ xảy ra tai nạn đuối nước để có biện pháp phòng ngừa (rào chắn, biển cảnh báo tại hồ, đập, ao, sông suối, khu vực nước sâu); phòng, chống bạo lực, xâm hại tình dục trẻ em.", D(2022, 5, 31), 0),
]  # fmt: skip

SITES = [
    (0, "Ao nhà văn hóa Thôn 1", RiskSite.Kind.POND, "Cạnh nhà văn hóa thôn", RiskSite.Risk.HIGH, True, True, ""),
    (0, "Suối Khuổi Khe", RiskSite.Kind.STREAM, "Đoạn qua cầu tràn", RiskSite.Risk.HIGH, False, True, ""),
    (1, "Đập Nà Lừa", RiskSite.Kind.DAM, "Đầu thôn, đường vào khu ruộng", RiskSite.Risk.HIGH, True, True, "Lịch trực hè"),
    (2, "Ao cá hộ gia đình (khu Bản Cầu)", RiskSite.Kind.POND, "Khu dân cư Bản Cầu", RiskSite.Risk.MEDIUM, False, False, ""),
    (3, "Sông Thương (bến đò cũ)", RiskSite.Kind.RIVER, "Bến đò cũ cuối thôn", RiskSite.Risk.HIGH, False, True, ""),
    (4, "Hồ thủy lợi Thôn 5", RiskSite.Kind.LAKE, "Phía sau trường tiểu học", RiskSite.Risk.HIGH, True, True, ""),
    (6, "Vũng nước mỏ đá cũ", RiskSite.Kind.OTHER, "Khu mỏ đá bỏ hoang", RiskSite.Risk.MEDIUM, False, False, ""),
    (7, "Suối Bản Thín", RiskSite.Kind.STREAM, "Đoạn chảy qua khu dân cư", RiskSite.Risk.LOW, False, False, "Họp thôn nhắc nhở phụ huynh"),
]  # fmt: skip


def _approve_scores(assessment, user):
    """Synthetic 2022 scores: every criterion met, total 842 (≥ 800 for a mountainous commune)."""
    scores = {1: 85, 2: 50, 3: 90, 4: 45, 5: 80, 6: 110, 7: 48, 8: 60, 9: 40, 10: 95, 11: 60, 12: 62, 13: 42}
    rows = {n: {"value": scores[n], "met": True, "note": "Số liệu demo"} for n, _name, _max in CRITERIA}
    services.assessment_scores_update(assessment=assessment, user=user, rows=rows)


def _link_fund_entries(event: Event, category: str, start: date, end: date) -> None:
    entries = Entry.objects.filter(
        fund__commune=event.plan.commune, kind="disbursement", category=category, entry_date__range=(start, end)
    )
    event.entries.add(*entries)


@transaction.atomic
def seed(*, context: dict, stdout=None) -> dict:
    commune: Area = context["commune"]
    villages: list[Area] = context["villages"]
    if Plan.objects.filter(commune=commune, year=YEAR).exists():
        return {"plan": Plan.objects.get(commune=commune, year=YEAR)}
    rng = random.Random(2022)
    users = {u.username: u for u in User.objects.filter(username__in=["vhxh", "chutich", "truong", "yte", "doanxa"])}
    vhxh = users["vhxh"]
    units = {u.kind: u for u in Unit.objects.filter(commune=commune).exclude(kind=K.VILLAGE).order_by("-pk")}
    village_units = list(Unit.objects.filter(commune=commune, kind=K.VILLAGE).select_related("village"))

    plan = services.plan_create(
        commune=commune, year=YEAR, title=TITLE, user=vhxh, implements=IMPLEMENTS, purpose=PURPOSE,
        requirements=REQUIREMENTS,
    )  # fmt: skip
    for order, (title, kind, goal, indicator, measure, unit_kind) in enumerate(TARGETS, 1):
        services.target_save(
            target=Target(plan=plan, order=order, title=title, kind=kind, goal=goal, indicator=indicator,
                          measure=measure, responsible=units.get(unit_kind)),
            user=vhxh,
        )  # fmt: skip
    activities = {}
    for number, title, content in ACTIVITIES:
        activities[number] = services.activity_save(
            activity=Activity(plan=plan, number=number, title=title, description=content), user=vhxh
        )
    assignments = []
    for unit_kind, number, task, due, budget in ASSIGNMENTS:
        targets = village_units if unit_kind == "village" else [units[unit_kind]]
        for unit in targets:
            assignments.append(
                services.assignment_save(
                    assignment=Assignment(
                        activity=activities[number], unit=unit, task=task, due_date=due, budget=budget
                    ),
                    user=vhxh,
                )
            )
    services.plan_approve(plan=plan, user=users["chutich"], signer_name="Mai Việt Lào")
    plan.issued_on = date(2022, 4, 8)
    plan.approved_at = timezone.make_aware(timezone.datetime(2022, 4, 8, 9, 0))
    plan.save(update_fields=["issued_on", "approved_at"])

    # Progress reported by the units (synthetic): most done by their due date, a few still open.
    for a in assignments:
        roll = rng.random()
        if roll < 0.75:
            services.assignment_update(
                assignment=a, user=vhxh, status=Assignment.Status.DONE, note="Đã thực hiện theo kế hoạch.",
                done_on=a.due_date, on=a.due_date,
            )  # fmt: skip
        elif roll < 0.9:
            services.assignment_update(
                assignment=a, user=vhxh, status=Assignment.Status.IN_PROGRESS, note="Đang triển khai.",
                on=date(2022, 6, 15),
            )  # fmt: skip

    # Events of 2022 with gift lists.
    vhxh_unit, youth = units.get(K.CULTURE_SOCIAL), units.get(K.YOUTH_UNION)
    action = services.event_save(
        event=Event(plan=plan, activity=activities[3], kind=Event.Kind.ACTION_MONTH,
                    title="Tháng hành động vì trẻ em năm 2022",
                    theme="Chung tay bảo vệ trẻ em hãy lên tiếng phòng, chống xâm hại, bạo lực trẻ em",
                    date=date(2022, 6, 1), end_date=date(2022, 6, 30), place="Hội trường UBND xã Y Tịch",
                    organiser=vhxh_unit, budget=3_000_000, participants=250),
        user=vhxh,
    )  # fmt: skip
    childrens_day = services.event_save(
        event=Event(plan=plan, activity=activities[3], kind=Event.Kind.CHILDRENS_DAY,
                    title="Ngày Quốc tế Thiếu nhi 1/6/2022", date=date(2022, 6, 1),
                    place="Sân Trường PTDTBT Tiểu học và THCS", organiser=units.get(K.SCHOOL),
                    budget=6_000_000, participants=320),
        user=vhxh,
    )  # fmt: skip
    mid_autumn = services.event_save(
        event=Event(plan=plan, activity=activities[3], kind=Event.Kind.MID_AUTUMN, title="Tết Trung thu năm 2022",
                    date=date(2022, 9, 10), place="Nhà văn hóa các thôn", organiser=youth, budget=5_000_000,
                    participants=400),
        user=vhxh,
    )  # fmt: skip
    _link_fund_entries(action, "events", date(2022, 5, 15), date(2022, 6, 30))
    _link_fund_entries(mid_autumn, "gifts", date(2022, 8, 25), date(2022, 9, 15))

    commune_children = Child.objects.filter(village__parent=commune).select_related("village").order_by("pk")
    special_ids = set(
        ChildCircumstance.objects.filter(child__village__parent=commune, start_date__lte=date(2022, 6, 1)).values_list(
            "child_id", flat=True
        )
    )
    special = [c for c in commune_children.active(date(2022, 6, 1)) if c.pk in special_ids][:40]
    poor = list(
        commune_children.active(date(2022, 9, 10))
        .filter(poverty=Child.Poverty.POOR)
        .aged(0, 10, date(2022, 9, 10))[:60]
    )
    gifts_1_6 = services.gift_list_save(
        gift_list=GiftList(event=childrens_day, title="Quà 1/6 cho trẻ em có hoàn cảnh đặc biệt",
                           default_gift="Sách vở và đồ dùng học tập", default_value=200_000),
        user=vhxh,
    )  # fmt: skip
    services.gift_recipients_add(
        gift_list=gifts_1_6, children=special, gift="Sách vở và đồ dùng học tập", value=200_000, user=vhxh
    )
    gifts_mid = services.gift_list_save(
        gift_list=GiftList(event=mid_autumn, title="Quà Trung thu cho trẻ em hộ nghèo", default_gift="Bánh trung thu, đèn ông sao",
                           default_value=100_000),
        user=vhxh,
    )  # fmt: skip
    services.gift_recipients_add(
        gift_list=gifts_mid, children=poor, gift="Bánh trung thu, đèn ông sao", value=100_000, user=vhxh
    )
    # Photographs at the Mid-Autumn festival: only children whose families agreed (recorded in the registry).
    for child in poor[:8]:
        demo_consent(child, "event_photos", given_on=date(2022, 9, 1), user=vhxh)
    photo_purpose = Purpose.objects.get(code="event_photos")
    statuses = statuses_for(poor[:8], photo_purpose, on=mid_autumn.date)
    services.event_photographed_add(
        event=mid_autumn, children=[c for c in poor[:8] if not statuses[c.pk].lacks_basis], user=vhxh
    )
    # Without a fund book for 2022 the list simply stays without a payment request.
    with contextlib.suppress(ValidationError, ImportError):
        services.gift_list_request_payment(gift_list=gifts_1_6, user=vhxh, on=date(2022, 5, 30))

    # The Children's Forum of 2022: 36 children aged 10–15, 8 minders, 3 volunteers, 10 guests.
    forum_day = date(2022, 7, 20)
    pool = list(commune_children.active(forum_day).aged(10, 15, forum_day)[:200])
    rng.shuffle(pool)
    forum_children = pool[:36]
    for child in forum_children:  # the written consent of each family (and child), collected before the forum
        demo_consent(child, "forum", given_on=date(2022, 7, 10), user=vhxh)
    ready = statuses_for(forum_children, Purpose.objects.get(code="forum"), on=forum_day)
    forum_children = [c for c in forum_children if not ready[c.pk].lacks_basis]
    if len(forum_children) >= 30:
        forum = services.forum_create(
            plan=plan, user=vhxh, date=forum_day, topic="Trẻ em với phòng, chống xâm hại và đuối nước",
            children=forum_children, minders=8, volunteers=3, guests=10, consent_on=date(2022, 7, 10),
            place="Hội trường UBND xã Y Tịch", minder_names="Giáo viên tổng phụ trách Đội và cán bộ Đoàn xã",
            guest_names="Chủ tịch UBND xã, đại diện MTTQ, Công an xã, Trạm Y tế",
        )  # fmt: skip
        for question, answer, who in [
            ("Xã có làm biển cảnh báo ở các ao, suối nguy hiểm không ạ?", "Năm 2022 xã đã chỉ đạo các thôn rà soát và làm biển cảnh báo, rào chắn ở các điểm nguy hiểm.", "Chủ tịch UBND xã"),
            ("Khi bị bắt nạt ở trường, chúng cháu báo cho ai?", "Các cháu báo thầy cô, cha mẹ hoặc gọi Tổng đài 111 miễn phí.", "Công an xã"),
            ("Chúng cháu muốn có sân chơi ở thôn.", "Xã sẽ phối hợp với các thôn bố trí sân chơi tại nhà văn hóa.", "Chủ tịch UBND xã"),
        ]:  # fmt: skip
            services.forum_question_add(forum=forum, user=vhxh, question=question, answer=answer, answered_by=who)
        services.forum_representatives_set(
            forum=forum,
            user=vhxh,
            participant_ids=set(forum.participants.order_by("pk").values_list("pk", flat=True)[:3]),
        )

    # Drowning-risk sites in several villages.
    for index, name, kind, location, risk, fence, sign, other in SITES:
        services.site_save(
            site=RiskSite(village=villages[index], name=name, kind=kind, location=location, risk=risk, has_fence=fence,
                          has_sign=sign, other_measures=other, last_checked=date(2022, 5, 20) if (fence or sign) else None),
            user=vhxh,
        )  # fmt: skip

    # Training log.
    t1 = services.training_record(
        training=Training(commune=commune, date=date(2022, 5, 12), topic="Tập huấn nghiệp vụ bảo vệ, chăm sóc trẻ em và phòng, chống xâm hại trẻ em",
                          organiser="Phòng LĐTBXH&DT huyện Chi Lăng", place="Hội trường UBND huyện Chi Lăng",
                          other_attendees="Cộng tác viên Thôn 1\nCộng tác viên Thôn 5"),
        attendees=[vhxh], user=vhxh,
    )  # fmt: skip
    services.training_record(
        training=Training(commune=commune, date=date(2022, 8, 18), topic="Sơ cứu đuối nước và kỹ năng an toàn trong môi trường nước",
                          organiser="Trạm Y tế xã Y Tịch", place="Nhà văn hóa Thôn 5"),
        attendees=[u for k, u in users.items() if k in {"yte", "doanxa", "truong"}], user=vhxh,
    )  # fmt: skip

    # Manual target values from the village reports of 05/11/2022.
    manual = [t for t in plan.targets.order_by("order") if t.indicator == I.MANUAL]
    for target in manual:
        for village in villages:
            total = rng.randint(40, 120)
            share = min(1.0, target.goal / 100 + rng.uniform(-0.12, 0.08))
            services.target_value_record(
                target=target, user=vhxh, as_of=date(2022, 11, 5), numerator=round(total * share), denominator=total,
                village=village, source=TargetValue.Source.VILLAGE_REPORT,
                evidence=f"Báo cáo năm 2022 của {village.name} (05/11/2022)",
            )  # fmt: skip

    assessment = services.assessment_start(commune=commune, year=YEAR, user=vhxh, on=date(2022, 12, 31))
    _approve_scores(assessment, vhxh)

    if stdout:
        stdout.write(
            f"  programs: plan {YEAR} with {plan.targets.count()} targets, {len(activities)} activities, "
            f"{len(assignments)} assignments; 3 events; {len(SITES)} drowning-risk sites; training {t1.date:%d/%m/%Y}"
        )
    return {"plan": plan}
