"""The 2022 plan of Y Tịch commune, word for word as the seed document has it (Kế hoạch thực hiện
công tác bảo vệ, chăm sóc trẻ em trên địa bàn xã Y Tịch năm 2022). Only the demo uses it.

Paragraphs that the source splits across a page break are joined; the source's bold markers are
dropped. Nothing here is invented: values the seed does not give (the plan's number and date, the
targets' responsible units, the tasks' due dates and budgets) live in ``programs/demo.py`` and are
marked there as the commune's own entries."""

# fmt: off
SUBJECT = 'Thực hiện công tác bảo vệ, chăm sóc trẻ em trên địa bàn xã Y Tịch năm 2022'
IMPLEMENTS = 'Thực hiện Kế hoạch số 105/KH-UBND ngày 30/3/2022 của Ủy ban nhân dân huyện Chi Lăng về việc triển khai thực hiện công tác bảo vệ, chăm sóc trẻ em trên địa bàn huyện Chi Lăng năm 2022.'
INTRODUCTION = 'Ủy ban nhân dân xã Y Tịch xây dựng kế hoạch thực hiện công tác Bảo vệ, chăm sóc trẻ em (BVCSTE) trên địa bàn xã Y Tịch năm 2022, cụ thể như sau:'
PURPOSE = '- Tăng cường sự quan tâm, lãnh đạo, chỉ đạo của cấp ủy, chính quyền địa phương; sự phối hợp của các tổ chức đoàn thể, trường học, thôn bản. Hạn chế tình trạng trẻ em có nguy cơ rơi vào hoàn cảnh đặc biệt. Bảo vệ trẻ em trước nguy cơ bị bạo lực, xâm hại, bị tai nạn, thương tích.\n- Huy động sự tham gia tích cực của gia đình, cộng đồng, trường học và toàn xã hội thực hiện Luật trẻ em, các chương trình, kế hoạch liên quan đến công tác bảo vệ, chăm sóc, giáo dục trẻ em.\n- Tạo môi trường an toàn, thân thiện và bình đẳng với mọi trẻ em để trẻ em có cơ hội phát triển toàn diện về thể chất, nhân cách, trí tuệ. Thực hiện hiệu quả các quyền cơ bản của trẻ em; tăng cường sự tham gia của trẻ em vào các vấn đề phát triển kinh tế, văn hóa, xã hội.'
REQUIREMENTS = 'Các tổ chức đoàn thể, trường học, thôn bản triển khai thực hiện hiệu quả Kế hoạch và các Chương trình, Đề án bảo vệ, chăm sóc trẻ em năm 2022. Chủ động triển khai Kế hoạch và tổ chức thực hiện Kế hoạch bảo vệ, chăm sóc trẻ em của đơn vị đảm bảo hoàn thành các mục tiêu, chỉ tiêu trong Kế hoạch của xã đề ra.'
TARGETS = [
    'Phần đầu 100% trẻ em có hoàn cảnh đặc biệt được bảo vệ, chăm sóc dưới các hình thức như: được hưởng trợ cấp xã hội; được trợ giúp về khám chữa bệnh, chỉnh hình phục hồi chức năng; được hỗ trợ về giáo dục; được tư vấn, tiếp cận dịch vụ bảo vệ trẻ em; được hưởng các hình thức trợ giúp khác.',
    'Duy trì không có vụ trẻ em bị bạo lực, xâm hại trên địa bàn; 100% trẻ em bị bạo lực, xâm hại được kịp thời phát hiện, can thiệp trợ giúp để ổn định tâm lý và phát triển bình đẳng.',
    'Đảm bảo 100% trẻ em dưới 6 tuổi được khám, chữa bệnh miễn phí tại cơ sở y tế công lập theo quy định của pháp luật. Thực hiện tốt các quyền cơ bản của trẻ em được quy định trong Luật Trẻ em.',
    'Phần đầu 80% trẻ em khuyết tật được tiếp cận với các dịch vụ bảo vệ, chăm sóc, giáo dục trẻ em tại cộng đồng. Tỷ lệ trẻ em đến 8 tuổi được tiếp cận các dịch vụ hỗ trợ chăm sóc phát triển toàn diện đạt 90%.',
    'Phần đầu 90% trẻ em trong và ngoài trường học được hướng dẫn và biết kỹ năng phòng, chống tai nạn, thương tích, đặc biệt là phòng, chống tai nạn đuối nước; tăng tỷ lệ trẻ em được học bơi, biết bơi, có kỹ năng tự cứu đuối; 90% hộ gia đình, nhà trường, cộng đồng và trẻ em được tuyên truyền nâng cao kiến thức kỹ năng cơ bản về phòng, chống tai nạn, thương tích, đuối nước.',
    'Đảm bảo 100% các cơ quan đơn vị trên địa bàn không sử dụng lao động trẻ em; 100% trẻ em tham gia lao động trái quy định của pháp luật được phát hiện, can thiệp và hỗ trợ kịp thời.',
    'Phần đầu đạt tiêu chuẩn phù hợp với trẻ em năm 2022.',
    'Phần đầu 70% trẻ em được nâng cao nhận thức, năng lực về quyền tham gia của trẻ em. Tỷ lệ trẻ em từ 11 tuổi trở lên được tham gia vào các mô hình, hoạt động thúc đẩy quyền tham gia của trẻ em đạt 30%.',
    'Nhập dữ liệu hệ thống cơ sở dữ liệu trẻ em; Cử cán bộ làm công tác bảo vệ chăm sóc trẻ em cấp xã tham gia tập huấn, bồi dưỡng kiến thức và nâng cao năng lực bảo vệ, chăm sóc trẻ em.',
    'Vận động, xây dựng Quỹ Bảo trợ trẻ em cấp xã hoạt động hiệu quả.',
]
# (number, heading, paragraphs of the content)
ACTIVITIES = [
    (1, 'Đẩy mạnh các hoạt động truyền thông, giáo dục, vận động xã hội về công tác trẻ em', [
        '- Nâng cao nhận thức, trách nhiệm của cấp ủy, chính quyền từ xã đến thôn, nhất là trách nhiệm của người đứng đầu trong việc lãnh đạo, chỉ đạo, quản lý và thực hiện các chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước về quyền trẻ em; đảm bảo trẻ em được sống trong môi trường an toàn, lành mạnh và thân thiện.',
        '- Đẩy mạnh hoạt động tuyên truyền, phổ biến chủ trương của Đảng, chính sách, pháp luật của Nhà nước về công tác bảo vệ, chăm sóc và giáo dục trẻ em bằng nhiều hình thức như: Phóng sự, thông điệp, tin, bài, tờ rơi, pano, sinh hoạt nhóm, nói chuyện chuyên đề.... đặc biệt quan tâm, tuyên truyền Luật Trẻ em năm 2016 và Nghị định số 56/2017/NĐ-CP quy định chi tiết một số điều của Luật trẻ em. Tổng kết, đánh giá 10 năm thực hiện Chỉ thị số 20-CT/TW ngày 05/12/2012 của Bộ Chính trị về “tăng cường sự lãnh đạo của Đảng đối với công tác chăm sóc, giáo dục và bảo vệ trẻ em trong tình hình mới”; đề xuất và triển khai các nội dung tăng cường sự lãnh đạo của các cấp ủy Đảng để thực hiện quyền trẻ em phù hợp với tình hình thực tiễn trước mắt và lâu dài, tạo môi trường sống an toàn, lành mạnh, thân thiện cho mọi trẻ em. Tăng cường giáo dục kiến thức, kỹ năng bảo vệ trẻ em cán bộ, công chức xã có liên quan, các bậc phụ huynh và trẻ em trong việc phòng ngừa xâm hại tình dục trẻ em; phòng tránh lao động trẻ em; phòng tránh tai nạn thương tích trẻ em, tai nạn đuối nước.',
        '- Tăng cường công tác truyền thông, quảng bá về Tổng đài quốc gia bảo vệ trẻ em với số điện thoại 111 để mọi người dân và trẻ em liên hệ khi có nhu cầu tìm kiếm thông tin, thông báo, tố giác nguy cơ, hành vi xâm hại trẻ em. Phối hợp trong việc xử lý thông tin, tư vấn, can thiệp, hỗ trợ trẻ em. Xây dựng lắp đặt các Pano, áp - phích, in ấn tài liệu truyền thông bảo vệ, chăm sóc trẻ em, bao gồm về phòng, chống bạo lực, xâm hại trẻ em, tuyên truyền về phòng, chống tai nạn, thương tích trẻ em, phòng ngừa lao động trẻ em...',
        '- Đẩy mạnh các hoạt động truyền thông, giáo dục, vận động xã hội về thực hiện quyền trẻ em với sự tham gia tích cực, chủ động, trách nhiệm của các cấp, cơ quan, các tổ chức. Chú trọng truyền thông, giáo dục các kỹ năng thực hiện quyền trẻ em cho cha mẹ, người chăm sóc trẻ em, người làm việc trực tiếp với trẻ em và trẻ em. Giáo dục, cung cấp kiến thức, kỹ năng cho trẻ em về tự bảo vệ, phòng, chống bị xâm hại và thực hiện quyền được tham gia vào các vấn đề về trẻ em.',
    ]),
    (2, 'Củng cố hệ thống tổ chức, nhân lực, nâng cao năng lực cho đội ngũ cán bộ các đơn vị trường học, cấp thôn có liên quan, cộng tác viên cơ sở làm công tác liên quan đến trẻ em', [
        '- Củng cố, kiện toàn và nâng cao hiệu quả hoạt động của Ban Chỉ đạo Bảo vệ trẻ em các cấp nhất là việc thành lập tổ chức phối hợp liên ngành về trẻ em cấp xã; nhóm thường trực bảo vệ trẻ em cấp xã để giúp UBND, Chủ tịch UBND cấp xã giải quyết các vấn đề về trẻ em, thực hiện quyền trẻ em ở địa phương nhằm giải quyết các vấn đề trẻ em thuộc thẩm quyền, bảo vệ trẻ em, xây dựng môi trường sống an toàn, lành mạnh cho trẻ em.',
        '- Củng cố đội ngũ công chức làm công tác chăm sóc, bảo vệ trẻ em cấp xã. Duy trì đội ngũ cộng tác viên làm nhiệm vụ bảo vệ, chăm sóc trẻ em tại thôn.',
        '- Nâng cao năng lực cho đội ngũ cán bộ, cộng tác viên làm công tác bảo vệ, chăm sóc trẻ em;',
        '- Cử cán bộ tham gia các lớp tập huấn cho cán bộ công chức xã, cộng tác viên, bí thư chi bộ, trưởng thôn và cha mẹ, người chăm sóc trẻ em và trẻ em trong, ngoài trường học về công tác phòng, chống bạo lực, xâm hại trẻ em, phòng, chống tai nạn thương tích, đuối nước cho trẻ em, phòng ngừa lao động trẻ em; Kiến thức, kỹ năng liên quan đến chăm sóc phát triển toàn diện trẻ em những năm đầu đời và Hỗ trợ trẻ em khuyết tật tiếp cận các dịch vụ bảo vệ, chăm sóc, giáo dục tại cộng đồng.',
    ]),
    (3, 'Tổ chức Tháng hành động vì trẻ em năm 2022 với chủ đề “Chung tay bảo vệ trẻ em hãy lên tiếng phòng, chống xâm hại, bạo lực trẻ em” và Tết Trung thu năm 2022', [
        '- Tham gia Lễ phát động Tháng hành động vì trẻ em cấp huyện, tổ chức các hoạt động trong Tháng hành động vì trẻ em năm 2022; Tết Trung thu năm 2022 cho trẻ em và Trẻ em có hoàn cảnh đặc biệt.',
    ]),
    (4, 'Tổ chức Diễn đàn trẻ em năm 2022 theo hướng dẫn Thông tư số 29/2019/TT-BLĐTBXH của Bộ trưởng Bộ Lao động - Thương binh và Xã hội về hướng dẫn tổ chức Diễn đàn trẻ em.', [
        'Tham mưu UBND xã ban hành Kế hoạch tổ chức Diễn đàn trẻ em năm 2022 trên địa bàn xã, lựa chọn trẻ em đại diện tham gia Diễn đàn trẻ em cấp huyện năm 2022.',
    ]),
    (5, 'Tiếp tục xây dựng, củng cố, phát triển hệ thống cung cấp dịch vụ bảo vệ trẻ em, duy trì, phát triển nhân rộng các mô hình về bảo vệ, chăm sóc trẻ em; chăm sóc phát triển toàn diện trẻ em; phòng, chống xâm hại trẻ em; phòng, chống tai nạn thương tích trẻ em, đặc biệt tai nạn đuối nước và tai nạn giao thông; phòng ngừa, giảm thiểu trẻ em lao động trái quy định của pháp luật; hỗ trợ trẻ em khuyết tật, thúc đẩy quyền tham gia của trẻ em vào các vấn đề của trẻ em; Xây dựng và nhân rộng các mô hình trợ giúp trẻ em có hoàn cảnh đặc biệt dựa vào cộng đồng như: hỗ trợ về chăm sóc sức khỏe, hỗ trợ khám sàng lọc, phẫu thuật chỉnh hình, phục hồi chức năng; thẻ bảo hiểm y tế.. cho trẻ em khuyết tật và trẻ em có hoàn cảnh đặc biệt; hỗ trợ dinh dưỡng: tiếp nhận, triển khai Chương trình dinh dưỡng học đường, sữa “Vươn cao”... Giải quyết chế độ trợ cấp xã hội theo quy định; Bảo vệ trẻ em và trợ giúp pháp lý: các biện pháp bảo vệ trẻ em khỏi bị xâm hại và hỗ trợ trẻ em và gia đình các thủ tục pháp lý.', [
    ]),
    (6, 'Tiếp tục thực hiện đánh giá xã, thị trấn phù hợp với trẻ em theo quy định; nhân rộng phong trào “Toàn dân chăm sóc, giáo dục, bảo vệ trẻ em” gắn tiêu chí về thực hiện quyền trẻ em với đánh giá nông thôn mới, đô thị văn minh trong cuộc vận động “Xây dựng nông thôn mới, đô thị văn minh” đến từng địa bàn dân cư; rà soát, kiện toàn, duy trì hoạt động Hội đồng đánh giá xã, thị trấn phù hợp với trẻ em (theo Quyết định số 06/QĐ-TTg ngày 03/01/2019 của Thủ tướng Chính phủ quy định về tiêu chuẩn, trình tự đánh giá và công nhận xã, phường, thị trấn phù hợp với trẻ em).', [
    ]),
    (7, 'Triển khai kiểm tra công tác bảo vệ, chăm sóc, giáo dục trẻ em; kịp thời phát hiện và xử lý nghiêm minh các hành vi vi phạm quyền trẻ em. Thực hiện thu chi có hiệu quả quỹ “Bảo trợ trẻ em năm 2022”. Xác định trách nhiệm của người đứng đầu cơ quan, tổ chức trong việc thực hiện quyền trẻ em, các mục tiêu về trẻ em và giải quyết các vấn đề về trẻ em. Kiểm tra, rà soát các biện pháp bảo đảm môi trường sống an toàn, phòng ngừa bạo lực, bóc lột, xâm hại tình dục trẻ em và tai nạn thương tích, đặc biệt tai nạn đuối nước ở trẻ em trên địa bàn toàn xã.', [
    ]),
    (8, 'Thực hiện công tác phối hợp giữa các các tổ chức đoàn thể ở cấp xã, giữa gia đình, nhà trường và xã hội trong thực hiện công tác trẻ em, thực hiện tốt chức năng giám sát và phản biện xã hội đối với việc xây dựng và thực hiện các chính sách có liên quan đến trẻ em trên địa bàn xã. Xây dựng nội dung hoạt động phong trào “Toàn dân chăm sóc, giáo dục và bảo vệ trẻ em” gắn với cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh” đến từng địa bàn dân cư.', [
    ]),
    (9, 'Triển khai thu thập chỉ tiêu thống kê, báo cáo theo Thông tư số 13/2021/TT-BLĐTBXH ngày 30/9/2021 của Bộ trưởng Bộ Lao động - Thương binh và Xã hội ban hành Bộ chỉ tiêu thống kê về tình hình trẻ em và tình hình xâm hại trẻ em, xử lý vi phạm hành chính đối với các hành vi xâm hại trẻ em; chú trọng công tác theo dõi, quản lý chất lượng thông tin thống kê về tình hình trẻ em trên nền tảng số; rà soát, xác thực thông tin, dữ liệu trẻ em và duy trì cập nhật lên phần mềm quản lý thông tin trẻ em. Thực hiện đầy đủ chế độ thông tin, báo cáo về công tác trẻ em giữa các cấp quản lý và chế độ được giao tại các Chương trình, Đề án, Kế hoạch về trẻ em.', [
    ]),
]
FUNDING = '1. Phòng Lao động - Thương binh Xã hội và dân tộc huyện hỗ trợ một phần kinh phí triển khai thực hiện chương trình nội dung do Phòng chỉ định.\n2. Ủy ban nhân dân xã dành một phần kinh phí chi đảm bảo xã hội từ ngân sách của địa phương và toàn bộ kinh phí huy động được từ quỹ Bảo trợ trẻ em xã để thực hiện các chính sách, chương trình và các hoạt động về thực hiện công tác BVCSTE trong năm 2022.\n3. Huy động nguồn lực xã hội hóa từ các tổ chức, cá nhân hảo tâm tài trợ để tổ chức triển khai thực hiện các nội dung, chương trình của kế hoạch.'
# Section V.1–9: (number, heading, paragraphs: one task each)
ORGANISATION = [
    (1, 'Công chức Văn hóa – Xã hội', [
        '- Tham mưu xây dựng kế hoạch triển khai thực hiện cụ thể các chương trình BVCSTE năm 2022; Phối hợp với các tổ chức đoàn thể tổ chức thực hiện kế hoạch và vận động các nguồn lực để hỗ trợ cho công tác bảo vệ, chăm sóc trẻ em.',
        '- Phối hợp với các tổ chức đoàn thể, trường học, thôn bản tổ chức các hoạt động tuyên truyền, giáo dục, vận động xã hội nhằm nâng cao nhận thức, trách nhiệm, kỹ năng về bảo vệ trẻ em và phòng, chống bạo lực, xâm hại trẻ em theo Chỉ thị số 02/CT-UBND, ngày 02/3/2020 của UBND tỉnh Lạng Sơn về việc tăng cường thực hiện các giải pháp phòng, chống bạo lực, xâm hại trẻ em trên địa bàn tỉnh Lạng Sơn và Kế hoạch số 59/KH-UBND, ngày 08/3/2022 của UBND huyện Chi Lăng về thực hiện Chương trình hành động quốc gia vì trẻ em giai đoạn 2022 - 2030.',
        '- Phối hợp với các tổ chức đoàn thể, thôn bản tăng cường công tác tuyên truyền quảng bá về Tổng đài quốc gia bảo vệ trẻ em số điện thoại 111, thực hiện tốt quy trình tiếp nhận, xử lý thông tin, thông báo và tố giác hành vi bạo lực, xâm hại trẻ em, thực hiện tốt việc hỗ trợ kịp thời các trường hợp khi trẻ em bị đuối nước, bị bạo lực, xâm hại, hỗ trợ trẻ em vi phạm pháp luật tiếp cận các dịch vụ tái hòa nhập cộng đồng.',
        '- Tham mưu UBND xã tổ chức Diễn đàn trẻ em các cấp năm 2022; xây dựng kịch bản, chương trình diễn đàn, đối thoại giữa trẻ em với lãnh đạo xã, lãnh đạo các tổ chức đoàn thể, trường học tại diễn đàn; lựa chọn trẻ em đại diện tham gia Diễn đàn trẻ em cấp huyện năm 2022;',
        '- Tiếp tục vận động và sử dụng có hiệu quả Quỹ Bảo trợ trẻ em nhằm tăng cường sự đóng góp của các tổ chức, cá nhân vào nguồn lực bảo vệ, chăm sóc trẻ em.',
        '- Duy trì tốt công tác thu thập thông tin, số liệu trẻ em và cập nhật số liệu vào phần mềm quản lý trẻ em cấp cơ sở.',
        '- Phối hợp với các cơ quan, ban, ngành đoàn thể tổ chức tốt Tháng hành động vì trẻ em năm 2022 với chủ đề “Chung tay bảo vệ trẻ em hãy lên tiếng phòng, chống xâm hại, bạo lực trẻ em”. Tổ chức các hoạt động thăm, tặng quà cho trẻ em nhân dịp Lễ, Tết như: Ngày Quốc tế Thiếu nhi 1/6; Tết Trung thu...',
        '- Lòng ghép việc triển khai thực hiện Kế hoạch bảo vệ, chăm sóc trẻ em với triển khai xây dựng xã, thị trấn phù hợp với trẻ em.',
        'Xây dựng các chương trình chuyên mục, tăng số lượng tin, bài... tuyên truyền việc thực hiện các quyền của trẻ em. Đổi mới các hình thức tuyên truyền phổ biến đường lối chủ trương của Đảng, pháp luật của Nhà nước về bảo vệ chăm sóc và giáo dục trẻ em. Tổ chức truyền thông và phổ biến Luật Trẻ em năm 2016; các văn bản quy phạm pháp luật có liên quan đến trẻ em.',
        '- Hướng dẫn các thôn bản tổ chức các hoạt động văn hóa, văn nghệ, vui chơi, giải trí, thể dục, thể thao cho trẻ em.',
        '- Treo băng zôn, khẩu hiệu về trẻ em trong dịp “Tháng hành động vì trẻ em”, Tết thiếu nhi, Tết trung thu...',
    ]),
    (2, 'Các đơn vị trường học', [
        '- Các đơn vị trường thực hiện tốt quyền trẻ em theo Luật trẻ em năm 2016, Luật Giáo dục; thực hiện công tác tuyên truyền, giáo dục tâm lý lứa tuổi và chăm sóc sức khỏe sinh sản vị thành niên; phòng chống bạo lực học đường; công tác tham vấn thực hiện lập hồ sơ, thủ tục cho học sinh nghèo, học sinh mồ côi, khuyết tật được hưởng chính sách hỗ trợ chi phí học tập theo quy định.',
        '- Phối hợp với, UBND xã, Phòng Lao động, Thương binh, Xã hội - Dân tộc trong việc lựa chọn các đối tượng học sinh có hoàn cảnh đặc biệt khó khăn cố gắng vươn lên trong học tập khi có các chương trình trao học bổng được tổ chức; Tổ chức tốt Tháng hành động vì trẻ em và Tết trung thu trong nhà trường cho các cháu Mầm non và các em học sinh; Lựa chọn các em học sinh có hoàn cảnh khó khăn đạt thành tích cao trong học tập tham gia các chương trình gặp mặt đại biểu do Huyện, Tỉnh và Trung ương tổ chức.',
    ]),
    (3, 'Công chức Tư pháp', [
        '- Tăng cường công tác phổ biến, giáo dục pháp luật trong nhân dân, tập trung tuyên truyền phổ biến Luật Hôn nhân và gia đình, Luật trẻ em, Luật Phòng chống bạo lực gia đình.',
        '- Thực hiện tốt việc đăng ký nhận con nuôi, nhận con nuôi có yếu tố người nước ngoài chặt chẽ, đúng pháp luật, không để tình trạng lợi dụng hoạt động này để mua bán trẻ em hoặc xâm hại đến tính mạng, sức khỏe của trẻ em.',
        '- Tham mưu thực hiện tốt việc đăng ký khai sinh cho trẻ em, Chủ động trong công tác đề nghị cấp thẻ BHYT cho trẻ em dưới 6 tuổi đảm bảo tính chính xác, kịp thời',
    ]),
    (4, 'Công chức Kế toán – Tài chính', [
        'Phối hợp với Công chức Văn hóa – Xã hội xây dựng kế hoạch kinh phí hỗ trợ các hoạt động BVCSTE từ nguồn đảm bảo xã hội, trình UBND xã phê duyệt.',
        'Theo dõi giám sát, chi tiêu tài chính các hoạt động BVCSTE đảm bảo đúng mục đích, hiệu quả theo quy định của Nhà nước.',
    ]),
    (5, 'Trạm Y tế xã', [
        'Chủ động phối kết hợp với Công chức Văn hóa – Xã hội trong các chương trình rà soát, thống kê và khám sàng lọc cho trẻ em bị khuyết tật hệ vận động, trẻ em bị bệnh về mắt, trẻ em bị bệnh tim bẩm sinh, trẻ em bị sút môi, hở hàm ếch..., khám chữa bệnh miễn phí cho trẻ em dưới 6 tuổi.',
    ]),
    (6, 'Công an xã', [
        'Chủ trì phối hợp với các tổ chức đoàn thể, thôn bản tuyên truyền và thực hiện biện pháp phòng ngừa, đấu tranh với các hành vi xâm hại trẻ em, người chưa thành niên vi phạm pháp luật. Can thiệp khẩn cấp nhằm ngăn chặn kịp thời, có biện pháp xử lý nghiêm khắc các tổ chức, cá nhân vi phạm quyền trẻ em, nhất là đối tượng có hành vi ngược đãi, buôn bán, đánh đập, bóc lột và xâm hại tình dục trẻ em.',
    ]),
    (7, 'Đề nghị Đoàn xã', [
        '- Chỉ đạo, hướng dẫn đoàn thôn xây dựng các mô hình hoạt động cho trẻ em ngoài trường học, tổ chức các hoạt động hè, Tết trung thu cho trẻ em....',
        '- Tổ chức tuyên truyền lồng ghép các buổi sinh hoạt Đoàn, Đội với nội dung Luật trẻ em, các kiến thức, kỹ năng về phòng chống tai nạn thương tích cho trẻ em đặc biệt là phòng tránh đuối nước trong mùa hè.',
    ]),
    (8, 'Đề nghị Ủy ban Mặt trận tổ quốc Việt Nam xã và các đoàn thể:', [
        'Trong phạm vi chức năng nhiệm vụ của mình tuyên truyền, đẩy mạnh thực hiện tốt phong trào “Toàn dân bảo vệ, chăm sóc và giáo dục trẻ em” với mục tiêu xây dựng môi trường an toàn, thân thiện, lành mạnh cho trẻ em, đảm bảo trẻ em có cơ hội phát triển toàn diện về thể chất, trí tuệ, tinh thần và đạo đức; Đẩy mạnh tuyên truyền Luật Trẻ em năm 2016, , tuyên truyền quảng bá về Tổng đài quốc gia bảo vệ trẻ em số điện thoại 111.',
    ]),
    (9, 'Các thôn bản', [
        '- Triển khai thực hiện kế hoạch bảo vệ chăm sóc trẻ em năm 2022 phù hợp với điều kiện thực tế của địa phương; Đẩy mạnh công tác tuyên truyền vận động nhằm giúp nhân dân hiểu về chủ trương, chính sách của Đảng, pháp luật của Nhà nước có liên quan đến trẻ em như Luật trẻ em năm 2016, tuyên truyền quảng bá về Tổng đài quốc gia bảo vệ trẻ em số điện thoại 111.',
        '- Tổ chức tốt các hoạt động nhân Tháng hành động vì trẻ em, ngày Quốc tế Thiếu nhi 1/6; Tết Trung thu năm 2022 cho trẻ em, tập trung hỗ trợ các chính sách ưu tiên trẻ em có hoàn cảnh đặc biệt, trẻ em sống trong gia đình nghèo, các địa bàn khó khăn.',
        '- Tiến hành rà soát các khu vực thường xuyên xảy ra tai nạn đuối nước hoặc có nguy cơ xảy ra tai nạn đuối nước để có biện pháp chủ động phòng ngừa kịp thời bảo đảm an toàn cho trẻ em (làm rào chắn, biển cảnh báo tại hồ nước, đập hồ ao, sông suối, các khu vực nước sâu, nguy hiểm,...). Có giải pháp quyết liệt trong công tác phòng, chống bạo lực, xâm hại tình dục trẻ em, hỗ trợ kịp thời các trẻ em bị xâm hại và chỉ đạo kiên quyết xử lý các tội phạm gây bạo lực và xâm hại trẻ em;',
    ]),
]
REPORTING = '* Đề nghị các thôn báo cáo về UBND xã (qua bộ phận Văn hóa – Xã hội)\n- Báo cáo 6 tháng vào ngày 05/5;\n- Báo cáo 1 năm vào ngày 05/11;\n* UBND xã báo cáo về UBND huyện qua Phòng Lao động – Thương Bình, Xã hội - Dân tộc:\n- Báo cáo 6 tháng vào ngày 10/5;\n- Báo cáo 1 năm vào ngày 10/11;\n- Báo cáo đột xuất về những khó khăn trong quá trình triển khai thực hiện các mục tiêu bảo vệ, chăm sóc trẻ em;\n- Báo cáo chuyên đề: Kết quả Tháng hành động vì trẻ em, Ngày Quốc tế thiếu nhi 1/6 và Tết trung thu...'
CLOSING = 'Trên đây là Kế hoạch thực hiện công tác bảo vệ, chăm sóc trẻ em trên địa bàn xã Y Tịch. Đề nghị các tổ chức đoàn thể, đơn vị trường học và các thôn bản nghiêm túc triển khai thực hiện./.'
RECIPIENTS = [
    'Phòng LĐTBXH&DT;',
    'TT Đảng ủy;',
    'TT HĐND xã;',
    'CT, PCT UBND xã;',
    'UB MTTQVN và các đoàn thể xã;',
    'Công an xã;',
    'Trạm Y tế;',
    '08 thôn trên địa bàn;',
    'Lưu: VT,(HVT).',
]
SIGN_AUTHORITY, SIGN_TITLE, SIGNER_NAME = "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Mai Việt Lào"
# fmt: on
