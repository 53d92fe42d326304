"""The everyday question words of Vietnamese, Indonesian and Malay, Tagalog, Swahili, Chinese (simplified
and traditional), Japanese, Korean and Thai, with the English foreign_gloss.gloss() reads them as (the
syntax of a lexicon is in that module's docstring). Chinese, Japanese, Korean and Thai words match
anywhere in the text: those scripts are written without spaces, or with particles glued on."""

from __future__ import annotations

_VI = """
how much = bao nhiêu ; how many = =mấy ; only the one for = cái của ; only = thôi ; how much do i have = tôi có bao nhiêu, mình có bao nhiêu
do i have = tôi có, mình có ; balance = số dư ; holdings = tài sản ; account = tài khoản
total = tổng, tổng cộng ; total value = tổng giá trị ; value = giá trị
portfolio = danh mục, danh mục đầu tư ; price = giá, giá cả ; current price = giá hiện tại
open orders = lệnh đang chờ, lệnh đang mở, lệnh chờ khớp, lệnh đang chờ khớp, lệnh mở, lệnh chờ
buy orders = lệnh mua ; sell orders = lệnh bán ; sells = giao dịch bán ; buys = giao dịch mua ; orders = lệnh ; order history = lịch sử lệnh
history = lịch sử ; cancelled = bị hủy, đã hủy, bị huỷ, đã huỷ ; filled = đã khớp, khớp lệnh
expired = hết hạn ; rejected = bị từ chối ; trades = giao dịch ; bought = đã mua ; sold = đã bán
profit = lãi, lời, lợi nhuận ; loss = =lỗ, thua lỗ ; pnl = lãi lỗ, lời lỗ, lãi và lỗ ; position = vị thế
entry = điểm vào ; entry price = giá vào, giá vào lệnh ; stop loss = cắt lỗ ; target = chốt lời
running = đang chạy, chạy ; status = trạng thái ; strategy = chiến lược ; mode = chế độ
live = =thật, tiền thật ; paper = giấy, thử nghiệm ; risk = rủi ro ; why = tại sao, vì sao, ?sao
trend = xu hướng ; bullish = xu hướng tăng ; bearish = xu hướng giảm ; up or down = tăng hay giảm
going up = =tăng ; going down = giảm
what do you think of = bạn nghĩ gì về, nghĩ sao về, thấy sao về
should i buy = có nên mua, nên mua ; analysis = phân tích ; today = hôm nay ; yesterday = hôm qua
this week = tuần này ; last week = tuần trước ; this month = tháng này ; last month = tháng trước
recent = gần đây, gần nhất ; last = cuối cùng ; days = ngày ; hours = giờ
@days = thứ hai, thứ ba, thứ tư, thứ năm, thứ sáu, thứ bảy, chủ nhật
since {day} = từ {day}
help = giúp đỡ, trợ giúp
what can you do = bạn có thể làm gì, bạn làm được gì, bạn giúp được gì
show me = cho tôi xem, xem ; my = của tôi, của mình ; only = =chỉ ; minimum = tối thiểu
minimum quantity = khối lượng tối thiểu ; trading rules = quy tắc giao dịch ; rules = quy tắc
now = bây giờ, hiện tại, hiện giờ ; how = thế nào, như thế nào, ra sao ; what = =gì, cái gì ; which = =nào
where = ở đâu, đặt ở đâu ; and = =và, với ; and what about = =còn ; what about = thì sao ; or = hoặc ; with = cùng với ; compared to = so với
whole account = toàn bộ tài khoản, cả tài khoản ; free = khả dụng, có sẵn ; locked = bị khóa, đang khóa, bị khoá
in usd = bằng usd, bằng đô, bao nhiêu đô, quy ra đô la, quy ra đô, quy đổi ra đô la, quy ra usd, tính bằng đô la ; how much do i have = tôi còn bao nhiêu, mình còn bao nhiêu ; in bitcoin = bằng bitcoin ; 24h change = thay đổi 24h, biến động 24h ; tick size = bước giá
decimals = số thập phân ; on = =bật ; off = =tắt ; last candle = nến cuối, cây nến cuối ; limits = giới hạn
risk limits = giới hạn rủi ro ; what stopped it = điều gì ngăn, cái gì ngăn ; since the first of the month = từ đầu tháng ; all time = từ đầu đến giờ, từ trước đến nay
2 = ?hai ; 3 = ?ba ; 10 = mười ; lunch = ăn trưa, bữa trưa ; dinner = ăn tối, bữa tối ; food = đồ ăn ; weather = thời tiết
football = bóng đá ; movie = phim
show me = cho mình xem, cho em xem, cho tớ xem, cho tao xem, cho mình coi, cho tôi coi, cho em coi ; too = =luôn
can i ask = cho mình hỏi, cho tôi hỏi, cho em hỏi ; hello = chào bạn, xin chào ; thanks = cảm ơn bạn nhiều nha, cảm ơn bạn nhiều, cảm ơn bạn, cảm ơn
open buy orders = lệnh mua đang chờ khớp, lệnh mua đang chờ, lệnh mua chờ khớp, lệnh mua đang mở ; open sell orders = lệnh bán đang chờ khớp, lệnh bán đang chờ, lệnh bán chờ khớp, lệnh bán đang mở
placed at = đặt ở, đặt tại ; open = đang chờ khớp, chờ khớp ; you = =bạn ; i am new = mình mới tập chơi crypto, mình mới chơi crypto, mình mới tập trade ; i am not an expert = chưa rành lắm, không rành lắm
should i buy = có nên vào lệnh, nên vào lệnh không, có nên vào không, có nên mua không ; math problem = bài toán, giải toán ; homework = bài tập về nhà
"""

_ID = """
how much = berapa, berapa banyak ; do i have = saya punya, aku punya ; balance = saldo, saldonya
holdings = aset, asetku ; account = akun, akunku, akaun ; total = keseluruhan ; value = nilai, nilainya
portfolio = portofolio ; price = harga, harganya ; homework = assignment aku, tugasan, tugas sekolah, kerja rumah, pr aku ; question = soalan, soalan sikit, satu soalan
open orders = order terbuka, pesanan terbuka, order yang terbuka, order aktif, order yang masih terbuka
orders = pesanan ; order history = riwayat order, riwayat pesanan ; history = riwayat, sejarah
cancelled = dibatalkan ; filled = tereksekusi, terisi, dieksekusi
expired = kedaluwarsa, kadaluarsa, kadaluwarsa ; rejected = ditolak ; trades = transaksi
bought = dibeli, membeli, sudah beli ; sold = dijual, menjual, sudah jual ; buys = pembelian
sells = penjualan, transaksi jual, transaksi penjualan ; buys = transaksi beli, transaksi pembelian ; profit = untung, keuntungan, cuan, laba ; loss = rugi, kerugian
pnl = untung rugi, laba rugi ; position = posisi, posisinya ; entry price = harga masuk, harga entry
entry = masuk ; running = jalan, berjalan ; bot = botnya ; strategy = strategi, strateginya
which strategy = strategi apa yg, strategi apa yang ; used = dipake, dipakai ; then = trus, terus
live = nyata, uang asli ; paper = kertas ; risk = risiko, resiko ; exposure = eksposur
why = kenapa, mengapa, knp ; trend = tren ; going up = naik ; going down = turun
what do you think of = bagaimana pendapatmu tentang, menurutmu, menurut kamu, pendapatmu tentang, gimana menurutmu
should i buy = harus beli, sebaiknya beli, layak beli, perlu beli
analysis = analisis, analisa ; today = hari ini, hari ni ; yesterday = kemarin, semalam
this week = minggu ini, minggu ni ; last week = minggu lalu ; this month = bulan ini, bulan ni
last month = bulan lalu ; last = terakhir ; since = sejak
@days = senin/isnin, selasa, rabu, kamis/khamis, jumat/jumaat, sabtu, ~minggu/ahad
since {day} = sejak {day}, dari {day}, sejak hari {day}
help = bantuan
what can you do = apa yang bisa kamu lakukan, kamu bisa apa, bisa apa saja, apa yang bisa dilakukan
show me = tunjukkan, tampilkan, lihat ; my = saya ; i = aku ; only = hanya, cuma, saja, sahaja, aja, ?je
minimum = paling sedikit ; trading rules = aturan trading, aturan perdagangan ; rules = aturan
now = sekarang, saat ini ; what = apa ; or = atau ; with = dengan ; using = pake, pakai ; and = ?dan
balance = baki ; are there = ?ada ; still active = yang masih aktif, masih aktif ; free = tersedia ; locked = terkunci
whole account = seluruh akun, semua akun, keseluruhan akun ; in usd = dalam dolar ; in bitcoin = dalam bitcoin ; realized = terealisasi
24h change = perubahan 24 jam ; decimals = desimal ; minimum quantity = jumlah minimum ; on = nyala ; off = mati
last candle = candle terakhir, lilin terakhir ; limits = batas ; risk limits = batas risiko
what stopped it = apa yang menghentikannya, apa yang mencegahnya ; since the first of the month = sejak awal bulan
2 = dua ; 3 = tiga ; 5 = lima ; 10 = sepuluh ; what about = kalau, bagaimana dengan, gimana dengan ; only = khusus
lunch = makan siang ; dinner = makan malam ; breakfast = sarapan ; food = makanan ; eat = makan ; weather = cuaca ; football = sepak bola
show me = tunjuk, tunjuk kan, tunjukan ; trades = dagangan, perdagangan, dagangannya ; last week = minggu lepas ; last month = bulan lepas
buys = yang beli, yang dibeli ; sells = yang jual, yang dijual ; and = ?sama ; how much = brp ; in = dlm ; hours = ?jam
why the bot sold = kenapa bot jual, knp bot jual, mengapa bot jual, kenapa botnya jual ; why the bot bought = kenapa bot beli, knp bot beli, mengapa bot beli, kenapa botnya beli
24h change = naik berapa persen, naik brp persen, turun berapa persen, turun brp persen, naik turun berapa persen
"""

_TL = """
how much = magkano ; how many = ilan ; what = ano, anong ; do i have = meron ba ako, mayroon ba ako ; balance = balanse
total = kabuuan ; value = halaga ; price = presyo ; open orders = bukas na order, nakabinbing order
orders = mga order ; history = kasaysayan ; cancelled = kinansela, na-cancel, nakansela
filled = na-fill, naisagawa ; rejected = tinanggihan, na-reject ; trades = mga trade, kalakalan
bought = binili ; sold = ibinenta, binenta, nagbenta ; profit = kita, tubo, kumita, kinita
loss = lugi, nalugi ; position = posisyon ; running = tumatakbo, gumagana ; strategy = estratehiya
risk = panganib ; why = bakit ; going up = tataas ; going down = bababa
what do you think of = ano sa tingin mo, sa tingin mo ; analysis = pagsusuri ; today = ngayong araw
now = ngayon ; yesterday = kahapon ; this week = ngayong linggo, itong linggo
last week = nakaraang linggo, noong nakaraang linggo ; this month = ngayong buwan ; last = huling, nakaraang
days = araw ; hours = oras
@days = lunes, martes, miyerkules, huwebes, biyernes, sabado, ~linggo
since {day} = mula {day}, simula {day}, mula noong {day}, simula noong {day}
help = tulong
what can you do = ano ang kaya mong gawin, anong kaya mo, ano ang magagawa mo
show me = ipakita mo, ipakita, pakita ; my = aking, ?ko ; the = ?ang ; of = ?ng ; only = lamang, ?lang
whole account = buong account ; off = patay ; what about = paano naman ; 2 = dalawa ; 3 = tatlo ; 10 = sampu
lunch = tanghalian ; dinner = hapunan ; food = pagkain ; eat = kumain
why bought = bakit bumili, bakit bumile ; why sold = bakit nagbenta, bakit nagbinta ; the other day = nung isang araw, noong isang araw
the = yung, iyong ; on = ?sa ; and = tsaka, saka ; and how much = at magkano ; and what = at ano ; and how many = at ilan ; still = pa ba, pa rin ; of it = nito
"""

_SW = """
how much = kiasi gani, ngapi ; what price = bei gani ; what = gani ; price of = bei ya ; open = wazi
do i have = ?nina, ninazo ; balance = salio ; account = akaunti ; total = jumla ; value = thamani
portfolio = kwingineko ; price = ?bei ; open orders = oda zilizo wazi, maagizo yaliyo wazi, oda wazi
orders = oda, maagizo ; history = historia
cancelled = zilizoghairiwa, iliyoghairiwa, zilizofutwa, iliyofutwa, zilizocancel, iliyocancel, zilizokanselwa, iliyokanselwa
filled = zilizotekelezwa, iliyotekelezwa ; expired = zilizoisha muda, zilizokwisha muda
rejected = zilizokataliwa, iliyokataliwa, ilikataliwa ; trades = biashara, miamala
bought = ilinunua, nilinunua, alinunua, imenunua, tulinunua ; sold = iliuza, niliuza, imeuza, aliuza
profit = faida ; loss = hasara ; position = nafasi ; running = inafanya kazi, inaendesha, inaendelea
status = hali ; strategy = mkakati ; risk = hatari ; why = kwa nini, kwanini ; trend = mwenendo
going up = kupanda ; going down = kushuka
what do you think of = unafikiri nini kuhusu, maoni yako kuhusu
should i buy = ninunue ; analysis = uchambuzi ; today = ?leo ; yesterday = ?jana ; this week = wiki hii
last week = wiki iliyopita ; this month = mwezi huu ; last month = mwezi uliopita
last = iliyopita, za mwisho, ya mwisho ; since = tangu
@days = jumatatu, jumanne, jumatano, alhamisi, ijumaa, jumamosi, jumapili
since {day} = tangu {day}, kuanzia {day}
help = msaada
what can you do = unaweza kufanya nini, unaweza kunisaidia nini
show me = nionyeshe, onyesha ; my = yangu, wangu, zangu, changu, langu ; only = pekee, ?tu
now = sasa, kwa sasa ; and = ?na ; or = ?au
hi = niaje, mambo vipi ; is it on = iko on, iko hewani ; or = ?ama ; free = huru ; locked = imefungwa
whole account = akaunti nzima ; in usd = kwa dola ; usd = dola ; 24h change = mabadiliko ya saa 24 ; on = imewashwa
off = imezimwa ; limits = mipaka ; risk limits = mipaka ya hatari ; 2 = mbili ; 3 = tatu ; 10 = kumi
what about = je kuhusu, vipi kuhusu ; lunch = chakula cha mchana ; dinner = chakula cha jioni ; food = chakula
weather = hali ya hewa ; football = mpira wa miguu
"""

_ZH = """
how much = 多少, 多少钱, 多少錢 ; how many = 几个, 幾個 ; how much do i have = 我有多少, 还有多少, 還有多少, 我还有多少, 我還有多少
do i have = 我有 ; balance = 余额, 餘額 ; holdings = 持仓, 持倉, 资产, 資產, 持有 ; account = 账户, 帳戶, 账号, 帳號, 賬戶
total = 总共, 總共, 合计, 合計, 总计, 總計, 总额, 總額, 总 ; total value = 总价值, 總價值, 总资产, 總資產, 总值, 總值 ; value = 价值, 價值, 市值
worth = 值多少 ; portfolio = 投资组合, 投資組合 ; price = 价格, 價格, 价钱, 價錢, 币价, 幣價, 报价, 報價 ; current price = 现价, 現價
trend = 趋势, 趨勢, 走势, 走勢, 行情
open orders = 未成交订单, 未成交的订单, 未成交訂單, 当前委托, 當前委託, 未成交, 挂着的单, 掛著的單
orders = 订单, 訂單, 委托, 委託 ; buy orders = 买单, 買單 ; sell orders = 卖单, 賣單
order history = 历史订单, 歷史訂單, 订单历史, 訂單歷史, 历史委托 ; history = 历史, 歷史, 记录, 記錄
cancelled = 已取消, 被取消, 取消的, 已撤销, 撤销的 ; filled = 已成交, 成交了, 成交的 ; expired = 已过期, 已過期, 过期, 過期
rejected = 被拒绝, 被拒絕, 已拒绝, 拒绝, 拒絕, 被拒 ; trades = 交易记录, 交易紀錄, 成交记录, 成交紀錄, 交易, 成交
per trade = 每笔交易, 每筆交易, 每笔, 每筆 ; bought = 买了, 買了, 买入了, 買入了, 买的, 買的 ; sold = 卖了, 賣了, 卖出了, 賣出了, 卖的, 賣的
buys = 买入, 買入 ; sells = 卖出, 賣出 ; profit = 盈利, 利润, 利潤, 收益, 赚了, 賺了, 赚, 賺, 获利, 獲利
loss = 亏损, 虧損, 亏了, 虧了, 亏, 虧, 损失, 損失 ; pnl = 盈亏, 盈虧, 损益, 損益 ; unrealized pnl = 浮动盈亏, 浮動盈虧, 未实现盈亏, 未實現盈虧
unrealized profit = 浮盈 ; unrealized loss = 浮亏, 浮虧 ; position = 仓位, 倉位, 头寸, 頭寸
entry = 入场, 入場, 进场, 進場, 开仓, 開倉 ; entry price = 入场价, 入場價, 开仓价, 開倉價, 进场价, 進場價 ; stop loss = 止损, 止損
target = 止盈 ; bot = 机器人, 機器人 ; running = 运行, 運行, 在运行, 運行中, 运行中, 在跑 ; status = 状态, 狀態 ; strategy = 策略
mode = 模式 ; live = 实盘, 實盤 ; paper = 模拟, 模擬, 纸面, 紙面, 模拟盘, 模擬盤 ; risk = 风险, 風險 ; exposure = 敞口, 风险敞口, 風險敞口
why = 为什么, 為什麼, 为啥, 為啥, 為什么 ; bullish = 看涨, 看漲, 看多 ; bearish = 看跌, 看空 ; going up = 上涨, 上漲, 涨, 漲
going down = 下跌, 跌 ; ranging = 震荡, 震盪 ; how = 怎么样, 怎麼樣 ; what do you think of = 你觉得, 你覺得, 你怎么看, 你怎麼看, 怎么看, 怎麼看
should i buy = 该买吗, 該買嗎, 可以买吗, 可以買嗎, 值得买吗, 值得買嗎, 能买吗, 能買嗎, 应该买吗, 應該買嗎, 该不该买, 該不該買
analysis = 分析 ; today = 今天, 今日 ; yesterday = 昨天, 昨日 ; this week = 本周, 本週, 这周, 這週, 这个星期, 這個星期, 这星期
last week = 上周, 上週, 上个星期, 上個星期 ; this month = 本月, 这个月, 這個月 ; last month = 上个月, 上個月
recent = 最近, 最近的 ; last = 最后, 最後, 过去, 過去
@days = 周一/星期一/礼拜一/週一/禮拜一, 周二/星期二/礼拜二/週二/禮拜二, 周三/星期三/礼拜三/週三/禮拜三, 周四/星期四/礼拜四/週四/禮拜四, 周五/星期五/礼拜五/週五/禮拜五, 周六/星期六/礼拜六/週六/禮拜六, 周日/星期日/星期天/礼拜天/週日/禮拜天
since {day} = 从{day}, 從{day}, 自{day}, {day}以来, {day}以來, 从{day}开始, 從{day}開始, {day}开始, {day}開始, {day}至今
help = 帮助, 幫助
what can you do = 你能做什么, 你能做什麼, 你可以做什么, 你可以做什麼, 能做什么, 你会什么, 你會什麼, 有什么功能, 有什麼功能, 能干什么
show me = 给我看, 給我看, 显示, 顯示, 查看, 看看, 看一下 ; my = 我的 ; only = 只看, 只要, 只 ; minimum = 最小, 最低 ; step size = 步长, 步長
minimum quantity = 最小下单量, 最小下單量, 最小数量, 最小數量 ; minimum notional = 最小名义金额, 最小名義金額 ; decimals = 精度
trading rules = 交易规则, 交易規則 ; and = 和 ; or = 或者, 还是, 還是 ; now = 现在, 現在, 目前, 当前, 當前 ; bitcoin = 比特币, 比特幣, 大饼
ethereum = 以太坊, 以太币, 以太幣, 以太 ; solana = 索拉纳, 索拉納 ; dogecoin = 狗狗币, 狗狗幣 ; litecoin = 莱特币, 萊特幣
ripple = 瑞波币, 瑞波幣
whole account = 整个账户, 整個帳戶, 全部资产, 全部資產 ; net worth = 净值, 淨值 ; free = 可用 ; locked = 冻结, 凍結, 锁定, 鎖定
in usd = 用美元算, 用美元, 以美元计, 换算成美元, 折合美元 ; usd = 美元 ; in bitcoin = 以比特币计, 换算成比特币, 折合比特币 ; realized = 已实现, 已實現
24h change = 24小时涨跌, 24小時漲跌, 涨跌幅, 漲跌幅 ; tick size = 价格精度, 價格精度 ; on = 开着, 開著 ; off = 关了, 關了, 关闭, 關閉
heartbeat = 心跳 ; last candle = 最后一根k线, 最新k线, 最新的k线 ; limits = 限额, 限額 ; risk limits = 风险限额, 風險限額
what stopped it = 什么阻止了, 是什么阻止 ; since the first of the month = 从月初, 月初以来, 月初到现在
lunch = 午饭, 午飯, 午餐, 中午吃 ; dinner = 晚饭, 晚飯, 晚餐 ; breakfast = 早餐 ; food = 吃什么, 吃什麼 ; weather = 天气, 天氣
football = 足球 ; movie = 电影, 電影 ; recipe = 食谱, 食譜 ; cardano = 艾达币 ; polkadot = 波卡
how much = 有幾多, 有几多 ; how much do i have = 我有幾多, 我有几多, 我仲有幾多, 我仲有几多 ; how much of it is = 有幾多係, 有几多系
what can i ask = 可以问哪些问题, 可以問哪些問題, 可以问什么问题, 可以問什麼問題, 可以问什么, 可以問什麼, 能问什么, 能問什麼, 能问哪些, 能問哪些, 可以問咩, 問咩嘢, 可以問啲咩
here = 这里, 這裡, 這裏, 呢度 ; already = 已经, 已經 ; how long = 多久, 幾耐 ; what = 什么, 什麼, 咩, 咩嘢, 乜嘢 ; which = 哪些, 哪个, 哪個, 邊個, 边个, 邊啲
how long has it been running = 开了多久, 開了多久, 运行了多久, 運行了多久, 跑了多久, 跑多久了, 开多久了, 開多久了, 運行多久了, 开咗几耐, 開咗幾耐, 行咗幾耐
running = 跑的, 在跑的, 開緊, 开紧, 行緊, 行紧, 喺度行, 運行緊, 跑緊 ; is it running = 有冇開緊, 有冇行緊, 有冇運行緊, 有没有在跑, 有沒有在跑
is it still running = 还在不在跑, 還在不在跑, 还在跑吗, 還在跑嗎, 还在运行吗, 還在運行嗎, 在不在跑, 仲行緊, 仲開緊, 仲喺度行, 仲運行緊, 仲跑緊
now = 而家, 宜家, 依家 ; how much = 幾多, 几多, 幾多錢, 幾錢, 几钱 ; worth how much = 值幾多錢, 值幾多, 值多少钱, 值多少錢 ; my = 我個, 我嘅, 我哋嘅
account = 戶口, 户口 ; bot = 部機, 機械人, 机械人 ; the bot = 隻bot, 部bot, 個bot, 隻機械人 ; is = 係 ; are there = 有冇
this week = 今個禮拜, 今个礼拜, 呢個禮拜, 這禮拜, 这礼拜, 這個禮拜, 这个礼拜, 今個星期, 呢個星期 ; last week = 上個禮拜, 上个礼拜, 上禮拜, 上礼拜
this month = 今個月, 呢個月 ; yesterday = 琴日, 尋日, 噚日 ; profit = 賺咗, 赚咗 ; loss = 蝕咗, 蚀咗 ; bought = 買咗, 买咗 ; sold = 賣咗, 卖咗
only = 淨係計, 淨係睇, 淨係, 净系, 只计, 只計 ; my = 我啲 ; what can you do = 你可以做咩, 你識做咩, 你可以做啲咩, 你會做咩 ; holding = 揸緊, 揸住, 揸咗, 持有緊 ; what positions = 咩倉, 咩倉位, 乜嘢倉, 什么仓, 什麼倉
locked = 鎖住咗, 鎖住, 锁住, 鎖咗 ; why = 點解, 点解 ; show me = 睇下, 睇吓, 俾我睇, 畀我睇, 看下 ; and also = 顺便, 順便
my open orders = 我的挂单, 我的掛單, 我的挂但 ; open orders = 挂但, 挂的单, 掛的單, 未成交嘅單, 未成交嘅訂單, 掛緊嘅單 ; what are there = 有哪些
didn't trade = 没开单, 沒開單, 没有开单, 沒有開單, 没下单, 沒下單, 没有下单, 沒有下單, 没交易, 沒交易, 没有交易, 沒有交易, 冇開單, 冇落單, 冇交易
blocked by risk control = 被风控挡掉, 被風控擋掉, 被风控拦截, 被風控攔截, 被风控拦住, 被風控攔住, 被风控挡住, 被風控擋住 ; risk control = 风控, 風控 ; that one = 那笔, 那筆
"""

_JA = """
how much = いくら, どれくらい, どのくらい, どれぐらい ; how many = いくつ, 何枚, 何個 ; do i have = 持ってる, 持っている, 持っています, 持ってます, 持ってますか
holdings = 保有, 保有量, 保有資産 ; balance = 残高 ; account = 口座, アカウント ; total = 合計, 総額, 全体 ; value = 評価額, 価値, 時価
portfolio = ポートフォリオ ; price = 価格, 値段, 相場, レート ; open orders = 未約定の注文, 未約定注文, 未約定, オープン注文, 未決済の注文
orders = 注文 ; buy orders = 買い注文 ; sell orders = 売り注文 ; order history = 注文履歴 ; history = 履歴
cancelled = キャンセルされた, キャンセル済み, 取消済み ; filled = 約定済み, 約定した ; fills = 約定 ; trades = 約定履歴, 取引履歴, 取引, トレード
expired = 期限切れ, 失効 ; rejected = 却下, 拒否された, 拒否 ; bought = 買った, 購入した, 買いました ; sold = 売った, 売却した, 売りました
buys = 買い ; sells = 売り ; profit = 利益, 儲け, 収益 ; loss = 損失, 損 ; pnl = 損益 ; unrealized pnl = 含み損益
unrealized profit = 含み益 ; unrealized loss = 含み損 ; position = ポジション, 建玉 ; entry = エントリー
entry price = エントリー価格, 取得価格, 建値 ; stop loss = 損切り, ストップロス, 逆指値 ; target = 利確, 利益確定, 目標価格 ; bot = ボット
running = 稼働, 稼働中, 動いて, 動作中, 起動中 ; status = 状態, ステータス ; strategy = 戦略, ストラテジー ; what strategy is it using = 戦略は何を使ってるの, 戦略は何を使ってる, 戦略は何を使っていますか, 戦略は何, 何の戦略, どの戦略 ; is it using = 使ってるの, 使ってる, 使っている, 使ってますか, 使っていますか ; mode = モード
live = ライブ, 本番, リアル ; paper = ペーパー, デモ ; risk = リスク ; exposure = エクスポージャー ; why = なぜ, どうして, なんで
trend = トレンド, 傾向, 値動き ; going up = 上がり, 上がる, 上昇 ; going down = 下がり, 下がる, 下落 ; bullish = 強気 ; bearish = 弱気
what do you think of = どう思う, どう思います, どう見て ; should i buy = 買うべき, 買ったほうがいい, 買い時 ; analysis = 分析
today = 今日, 本日 ; yesterday = 昨日 ; this week = 今週 ; last week = 先週 ; this month = 今月 ; last month = 先月
recent = 直近, 最近 ; latest = 最新 ; last = 過去, 最後
@days = 月曜日/月曜, 火曜日/火曜, 水曜日/水曜, 木曜日/木曜, 金曜日/金曜, 土曜日/土曜, 日曜日/日曜
since {day} = {day}から, {day}以降
help = ヘルプ, 使い方 ; what can you do = 何ができる, 何を聞ける, 何が聞ける ; show me = 見せて, 表示して, 教えて ; my = 私の, 僕の, 俺の
only = だけ, のみ ; minimum = 最小, 最低 ; tick size = ティックサイズ, 呼値 ; trading rules = 取引ルール ; now = 今, 現在
bitcoin = ビットコイン ; ethereum = イーサリアム, イーサ ; solana = ソラナ ; dogecoin = ドージコイン ; ripple = リップル ; usd = ドル
what can you do = 何ができます, 何ができ, 何が出来 ; not filled = 約定していない, 約定してない ; free = 利用可能 ; whole account = 口座全体, アカウント全体
in usd = ドル建て, ドル換算 ; in bitcoin = btc換算, ビットコイン換算, btc建て ; realized = 実現 ; 24h change = 24時間の変動, 前日比
step size = 数量単位 ; decimals = 小数点 ; minimum quantity = 最小数量, 最小注文数量 ; on = オン ; off = オフ
heartbeat = ハートビート ; last candle = 最後のローソク足, 最新のローソク足 ; limits = 上限 ; risk limits = リスク上限, リスク制限
since the first of the month = 月初から ; what about = じゃあ ; lunch = 昼ご飯, 昼ごはん, ランチ ; dinner = 晩ご飯, 夕飯, 夕食
breakfast = 朝ご飯, 朝食 ; food = 食べ物 ; weather = 天気 ; football = サッカー ; movie = 映画
why didn't it bought = 買わなかったのはなぜ, 買わなかったのはなんで, 買わなかったのはどうして ; why didn't it sold = 売らなかったのはなぜ, 売らなかったのはなんで, 売らなかったのはどうして
didn't buy = 買わなかった, 買ってない, 買っていない ; didn't sell = 売らなかった, 売ってない, 売っていない ; among = の中で, の中から, のうち
per trade = 1トレードあたり, トレードあたり, 1取引あたり, 取引あたり, 1回あたり ; is set = 設定されてる, 設定されている, 設定されています, 設定してある ; what = 何 ; and also = あと ; all = 全部
what can you do = って何ができる, って何が出来, って何ができます ; per trade risk = 1トレードあたりのリスク, トレードあたりのリスク, 1取引あたりのリスク, 取引あたりのリスク ; is what % = って何%, って何％ ; what is = って何, ってなに
is it set to = に設定されてる, に設定されている, に設定されています, に設定してある
what can i ask = 何を聞けば, 何が聞けます, 何を聞いていい ; now = いま ; is it running = 動いてる, 動いている, 稼働してる
"""

_KO = """
how much = 얼마, 얼마나 ; how many = 몇 개 ; do i have = 가지고 있, 갖고 있 ; holdings = 보유, 보유량, 자산 ; balance = 잔고, 잔액
account = 계좌, 계정 ; total = 총, 전체, 합계, 총액 ; value = 가치, 평가액, 평가금액 ; portfolio = 포트폴리오 ; price = 가격, 시세, 현재가
open orders = 미체결 주문, 미체결, 대기 주문, 열린 주문 ; orders = 주문 ; buy orders = 매수 주문 ; sell orders = 매도 주문
why didn't it trade = 거래 없었던 이유, 거래가 없었던 이유, 거래 안 한 이유, 거래 안한 이유, 거래가 없는 이유, 매매 안 한 이유 ; why sold = 판 이유, 매도한 이유, 왜 팔았 ; why bought = 산 이유, 매수한 이유, 왜 샀
order history = 주문 내역, 주문내역 ; history = 내역, 기록 ; cancelled = 취소된, 취소됐 ; filled = 체결된, 체결 ; expired = 만료된, 만료
rejected = 거절된, 거부된, 거절, 거부 ; trades = 거래 내역, 거래, 매매 ; per trade = 거래당 ; buys = 매수 내역 ; sells = 매도 내역
bought = 샀, 매수했, 구매했 ; sold = 팔았, 매도했 ; profit = 수익, 이익, 이득 ; loss = 손실, 손해 ; pnl = 손익 ; unrealized = 미실현
position = 포지션 ; entry = 진입 ; entry price = 진입가, 진입 가격, 평단 ; stop loss = 손절가, 손절 ; target = 익절가, 익절, 목표가
bot = 봇 ; running = 작동, 실행 중, 돌아가, 가동 ; status = 상태 ; strategy = 전략 ; mode = 모드 ; live = 실전, 라이브
paper = 모의, 페이퍼 ; risk = 리스크, 위험 ; exposure = 익스포저, 노출 ; why = 왜 ; trend = 추세, 트렌드 ; going up = 상승, 오를
going down = 하락, 떨어질 ; what do you think of = 어떻게 생각 ; how is = 어때 ; should i buy = 사야 할까, 사도 될까, 사야 돼, 살까
analysis = 분석 ; today = 오늘 ; since yesterday = 어제부터, 어제 부터 ; yesterday = 어제 ; tomorrow = 내일 ; this week = 이번 주, 이번주 ; last week = 지난주, 지난 주
this month = 이번 달, 이번달 ; last month = 지난달, 지난 달 ; recent = 최근 ; last = 마지막
@days = 월요일, 화요일, 수요일, 목요일, 금요일, 토요일, 일요일
since {day} = {day}부터, {day} 이후
help = 도움말, 도움 ; what can you do = 뭘 할 수 있, 뭐 할 수 있, 뭐 물어볼 수, 무엇을 할 수 있
show me = 보여줘, 보여 줘, 보여주세요, 알려줘, 알려 줘, 알려주세요 ; my = 내, 나의 ; minimum = 최소 ; minimum quantity = 최소 주문 수량
tick size = 틱 사이즈, 호가 단위 ; trading rules = 거래 규칙 ; and = 그리고 ; now = 지금, 현재 ; honestly = 솔직히
bitcoin = 비트코인 ; ethereum = 이더리움, 이더 ; solana = 솔라나 ; dogecoin = 도지코인, 도지 ; ripple = 리플 ; sol = 솔
free = 사용 가능 ; locked = 잠긴, 묶인 ; whole account = 계좌 전체, 전체 계좌 ; in usd = 달러로, 달러 기준
in bitcoin = 비트코인으로, btc로 ; realized = 실현 ; 24h change = 24시간 변동, 24시간 등락 ; decimals = 소수점 ; on = 켜져
off = 꺼져 ; last candle = 마지막 캔들 ; limits = 한도 ; risk limits = 리스크 한도, 위험 한도 ; what stopped it = 뭐가 막았
since the first of the month = 월초부터 ; what about = 그럼 ; lunch = 점심 ; dinner = 저녁 ; eat = 먹을까, 먹지 ; food = 음식
weather = 날씨 ; football = 축구 ; movie = 영화
only buys = 매수만, 매수한 것만, 매수 건만 ; only sells = 매도만, 매도한 것만, 매도 건만 ; among them = 그 중에서, 그중에서, 그 중에, 그중에
bitcoin = 비트 ; show me and = 보여주고, 알려주고 ; all = 전부 ; how much did i make = 얼마 벌었, 얼마나 벌었 ; profit = 벌었 ; loss = 잃었
and = 이랑, 랑 ; together = 같이, 함께 ; what can i ask = 뭘 물어볼 수, 뭐 물어봐, 뭘 물어봐, 무엇을 물어볼 수
"""

_TH = """
how much = เท่าไหร่, เท่าไร ; price = ราคา ; balance = ยอดคงเหลือ, ยอดเงิน ; account = บัญชี
orders = คำสั่ง, ออเดอร์ ; profit = กำไร ; loss = ขาดทุน ; why = ทำไม ; today = วันนี้ ; yesterday = เมื่อวาน
bot = บอท ; bitcoin = บิตคอยน์
do i have = มีเท่าไหร่ ; open orders = ออเดอร์ที่ยังเปิดอยู่, ออเดอร์ที่เปิดอยู่, ออเดอร์ที่ค้าง, ออเดอร์ค้าง, คำสั่งที่เปิดอยู่, คำสั่งค้าง ; only = เฉพาะ ; history = ประวัติ ; trades = การซื้อขาย ; status = สถานะ
running = ทำงาน ; strategy = กลยุทธ์ ; risk = ความเสี่ยง ; this week = สัปดาห์นี้ ; last week = สัปดาห์ที่แล้ว ; this month = เดือนนี้
what can you do = ทำอะไรได้บ้าง, ช่วยอะไรได้บ้าง, ช่วยอะไรได้ ; help = ช่วยเหลือ ; now = ตอนนี้ ; only = เท่านั้น ; cancelled = ที่ถูกยกเลิก ; position = โพซิชั่น
lunch = อาหารกลางวัน ; food = กินอะไร ; weather = อากาศ ; football = ฟุตบอล ; movie = หนัง ; ethereum = อีเธอเรียม ; solana = โซลานา
show me = ขอดูหน่อย, ขอดู ; pnl = กำไรขาดทุน ; and also = แล้วก็ ; too = ด้วย ; history = ประวัต ; trades = การเทรด, เทรด ; latest = ล่าสุด
how much do i have = เหลือเท่าไหร่, เหลือเท่าไร, เหลืออยู่เท่าไหร่, มีอยู่เท่าไหร่ ; should i buy = ควรซื้อ, น่าซื้อ, ซื้อดีไหม, ควรเข้าซื้อ
or wait = หรือรอก่อน, หรือรอ ; holding = ถือ ; position = โพสิชั่น, โพสิชัน, โพซิชัน ; what = อะไร ; or = หรือ ; bought = ถึงซื้อ, ซื้อไป
sold = ถึงขาย, ขายไป ; in the first place = ตอนแรก ; and why = แล้วทำไม ; are there = อยู่บ้าง ; bitcoin = บิทคอยน์, บิตคอยน์
what can i ask = ถามอะไรได้บ้าง, ถามอะไรได้ ; is it running = ยังทำงานอยู่ไหม, ทำงานอยู่ไหม, ทำงานไหม ; is it in profit or loss = กำไรหรือขาดทุนอยู่ ; my = ของฉัน, ของผม, ของเรา
"""

LEXICONS = {"vi": _VI, "id": _ID, "tl": _TL, "sw": _SW, "zh": _ZH, "ja": _JA, "ko": _KO, "th": _TH}

_VI_RECENT = r"(?:qua|gần đây|gần nhất|vừa qua|gan day|gan nhat|vua qua|trước|truoc)"
# Patterns that reorder or span words, by script: (words one of which the text must have, regex,
# replacement), run before the lexicons.
_NUMERALS = {
    "一": 1,
    "两": 2,
    "兩": 2,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "十": 10,
    "한": 1,
    "두": 2,
    "세": 3,
    "네": 4,
    "다섯": 5,
}
_COUNTED = "个|個|笔|筆|条|條|单|單|次|天|小时|小時|周|週|星期|件|つ|건|개|번|일"
RULES = {
    "latin": (
        ("ngày|ngay", rf"(?<![\d.])(\d+)\s+(?:ngày|ngay)\s+{_VI_RECENT}", r"last \1 days"),  # "3 ngày qua"
        ("giờ|gio", rf"(?<![\d.])(\d+)\s+(?:giờ|gio)\s+{_VI_RECENT}", r"last \1 hours"),
        ("tuần|tuan", rf"(?<![\d.])(\d+)\s+(?:tuần|tuan)\s+{_VI_RECENT}", r"last \1 weeks"),
        (
            "lệnh|lenh|giao d",
            rf"(?<![\d.])(\d+)\s+(?:lệnh|lenh|giao dịch|giao dich)\s+{_VI_RECENT}",
            r"last \1 trades",
        ),
        ("terakhir", r"(?<![\d.])(\d+)\s+hari\s+terakhir\b", r"last \1 days"),  # "7 hari terakhir"
        ("terakhir", r"(?<![\d.])(\d+)\s+jam\s+terakhir\b", r"last \1 hours"),
        ("terakhir", r"(?<![\d.])(\d+)\s+minggu\s+terakhir\b", r"last \1 weeks"),
        ("terakhir", r"(?<![\d.])(\d+)\s+(?:transaksi|trade|order)\s+terakhir\b", r"last \1 trades"),
        ("siku", r"\bsiku\s+(\d+)\s+(?:zilizopita|za\s+mwisho)\b", r"last \1 days"),  # "siku 7 zilizopita"
        ("saa", r"\bsaa\s+(\d+)\s+(?:zilizopita|za\s+mwisho)\b", r"last \1 hours"),
        ("mwisho", r"\b(?:biashara|miamala)\s+(\d+)\s+(?:ya|za)\s+mwisho\b", r"last \1 trades"),
    ),
    "spaceless": (
        # "三笔", "两个", "세 건": the count in digits, read by the rules below and by the understanding
        *(
            (n, rf"(?<![一二三四五六七八九十]){n}(?![一二三四五六七八九十])\s*(?={_COUNTED})", f" {d} ")
            for n, d in _NUMERALS.items()
        ),
        ("最近|過去|过去|直近", r"(?:最近|過去|过去|直近)\s*(?=\d)", " last "),  # "最近5笔": the last 5
        ("小时|小時", r"(?<![\d.])(\d+)\s*(?:个|個)?(?:小时|小時)", r" \1 hours "),  # "最近24小时"
        ("月", r"(?<![\d.])(\d+)\s*(?:个|個)月", r" \1 months "),
        ("星期|周|週", r"(?<![\d.])(\d+)\s*(?:个|個)?(?:星期|周|週)", r" \1 weeks "),
        (
            "个|個|枚|개",
            r"(?<![\d.])(\d+(?:\.\d+)?)\s*(?:个|個|枚|개)",
            r" \1 ",
        ),  # "0.1个比特币" -> the amount
        ("笔|筆", r"(?<![\d.])(\d+)\s*(?:笔|筆)", r" \1 trades "),
        ("件", r"(?<![\d.])(\d+)\s*件の?", r" \1 "),  # "直近5件の約定": the last 5 fills
        ("天", r"(?<![\d.])(\d+)\s*天", r" \1 days "),
        ("日", r"(?:last|ここ)\s*(\d+)\s*日(?:間)?", r" last \1 days "),
        ("時間", r"(?<![\d.])(\d+)\s*時間", r" \1 hours "),
        ("일", r"(?:최근|지난)\s*(\d+)\s*일(?:간|동안)?", r" last \1 days "),
        ("시간", r"(?:최근|지난)\s*(\d+)\s*시간(?:\s*동안)?", r" last \1 hours "),  # "최근 12시간"
        ("시간", r"(?<![\d.])(\d+)\s*시간", r" \1 hours "),
        ("주", r"(?:최근|지난)\s*(\d+)\s*주(?:간|일간|\s*동안)?", r" last \1 weeks "),
        ("개월|달", r"(?:최근|지난)\s*(\d+)\s*(?:개월|달)(?:간|\s*동안)?", r" last \1 months "),
        # "3 วันล่าสุด", "ย้อนหลัง 3 วัน": the last 3 days (hours, weeks)
        ("วัน", r"(?<![\d.])(\d+)\s*วัน\s*(?:ล่าสุด|ที่ผ่านมา|หลังสุด|ย้อนหลัง)", r" last \1 days "),
        ("ย้อนหลัง", r"ย้อนหลัง\s*(\d+)\s*วัน", r" last \1 days "),
        ("ชั่วโมง", r"(?<![\d.])(\d+)\s*ชั่วโมง\s*(?:ล่าสุด|ที่ผ่านมา|หลังสุด|ย้อนหลัง)", r" last \1 hours "),
        ("สัปดาห์", r"(?<![\d.])(\d+)\s*สัปดาห์\s*(?:ล่าสุด|ที่ผ่านมา|หลังสุด|ย้อนหลัง)", r" last \1 weeks "),
        ("건", r"(?:최근|지난)\s*(\d+)\s*건", r" last \1 "),
        # "ETH呢", "那SOL呢", "BTCは？", "이더는?": what about the coin (a follow-up)
        (
            "呢",
            r"^\s*(?:那么?|那麼)?\s*([a-z0-9]{2,10}|[\u4e00-\u9fff]{1,6})\s*呢\s*\??\s*$",
            r"what about \1",
        ),
        ("は", r"^\s*([a-z0-9]{2,10}|[ァ-ヴー]{2,10})\s*は\s*\??\s*$", r"what about \1"),
        ("은|는", r"^\s*([a-z0-9]{2,10}|[가-힣]{1,5}?)\s*(?:은|는)\s*\??\s*$", r"what about \1"),
        (
            "ล่ะ",
            r"^\s*(?:แล้ว)?\s*([a-z0-9]{2,10}|[\u0e00-\u0e7f]{1,12}?)\s*ล่ะ\s*\??\s*$",
            r"and \1?",
        ),  # "แล้ว sol ล่ะ"
        # "이더만", "btc만": only the coin
        (
            "만",
            r"(?<![가-힣])(이더리움|이더|비트코인|비트|솔라나|솔|리플|도지|[a-z]{2,10})\s*만(?![가-힣])",
            r" only \1 ",
        ),
    ),
}

# A why and, a few words (or characters) on, a negation: (why, negation, most words between).
WHY_NOT = {
    "latin": {
        "vi": (r"tại\s+sao|tai\s+sao|vì\s+sao|vi\s+sao", r"không|khong|chưa|chua|chẳng|chang", 4),
        "id": (r"kenapa|mengapa|knp|kok", r"tidak|tak|nggak|ngga|gak|ga|enggak|belum|tdk|gk", 4),
        "tl": (r"bakit", r"hindi|di", 3),
        "sw": (r"kwa\s+nini|kwanini|mbona", r"hakuna|hai\w+|haku\w+|haja\w+|hawa\w+|bado", 4),
    },
    "spaceless": {
        "zh": (r"为什么|為什麼|为啥|為啥|為什么", r"没有|沒有|没|沒|不", 8),
        "yue": (
            r"點解|点解|怎么|怎麼",
            r"没有|沒有|没|沒|冇|唔",
            6,
        ),  # Cantonese why; "怎么一直没开单": how come not
        "ja": (r"なぜ|どうして|なんで", r"なかった|ない|ません", 15),
        "ko": (r"왜", r"(?<!\S)안(?=\s|했|샀|사|들|해|하)|않|못(?=\s|했|샀|사|들)", 12),
        "th": (r"ทำไม", r"ไม่", 10),
    },
}
