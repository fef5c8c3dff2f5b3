package extract_test

import "testing"

// The misreads found after the first release (issue 3, second round), each
// with the sentences that showed it. Claims are in the notation of c.

// A four-digit number from 1800 to 2100 without a comma is a count or a
// year by its context.
func TestYearOrCount(t *testing.T) {
	runCases(t, []tcase{
		{"more than + noun", "en", "The city now has more than 2000 community centres.", []c{"2000|count|2000||more_than"}},
		{"verb + noun", "en", "The district built 1950 elderly care beds last year.", []c{"1950|count|1950|bed"}},
		{"sentence start", "en", "2050 households received the subsidy.", []c{"2050|count|2050|household"}},
		{"a total of", "en", "A total of 2050 households received the subsidy.", []c{"2050|count|2050|household"}},
		{"any noun", "en", "It has 1913 social organizations and 1860 rural service stations.", []c{"1913|count|1913", "1860|count|1860"}},
		{"the + counting noun", "en", "All the 2000 volunteers were trained.", []c{"2000|count|2000|person"}},
		{"of them", "en", "The city built 1920 canteens, 1750 of them in rural areas.", []c{"1920|count|1920", "1750|count|1750"}},
		{"count verb, no noun", "en", "The number of social workers reached 1990, up 12%.", []c{"1990|count|1990|person", "12%|percent|12"}},
		{"qualifier, no noun", "en", "Registered volunteers numbered nearly 2000.", []c{"2000|count|2000|person|nearly"}},
		{"with a comma", "en", "It served 1,950 people in 2021.", []c{"1,950|count|1950|person"}},
		{"in", "en", "In 2021, the city served 1980 elderly residents.", []c{"1980|count|1980|person"}},
		{"the plan", "en", "The 2021 plan covers 2021-2025.", nil},
		{"by", "en", "By 2025, 1800 more beds will be added.", []c{"1800|count|1800|bed"}},
		{"month date", "en", "The conference was held on January 24, 2022.", nil},
		{"from to years", "en", "It reviewed the work done from 2019 to 2021.", nil},
		{"years joined", "en", "Figures for 2019 and 2021 were published.", nil},
		{"year subject", "en", "The meeting noted that 2021 was a milestone year.", nil},
		{"year + name", "en", "The 2022 Guangzhou civil affairs conference was held.", nil},
		{"over a year", "en", "The allowance rose 33.3% over 2016.", []c{"33.3%|percent|33.3"}},
		{"since", "en", "Since 1990 the city has grown.", nil},
		{"the year", "en", "in the year 2020 and the end of 2021", nil},
		{"possessive", "en", "The city's 2023 work report was released.", nil},
		{"the + other noun", "en", "The 2021 achievements were reviewed.", nil},
		{"whole", "en", "2050", []c{"2050|count|2050"}},
		{"targets for", "en", "Targets for 2030 include 90% coverage.", []c{"90%|percent|90"}},
		{"meals for + noun", "en", "The canteens served meals for 2000 communities.", []c{"2000|count|2000"}},
		{"of + noun", "en", "It funded the construction of 1950 community centres.", []c{"1950|count|1950"}},
		{"the + generic noun", "en", "The 2000 community centres all opened.", []c{"2000|count|2000"}},
		{"launched year", "en", "The programme, launched 2018, serves 2000 families.", []c{"2000|count|2000|household"}},
		{"title", "en", "Yunlan holds 2024 civil affairs work conference", nil},
		{"had + noun", "en", "2000 volunteers had been trained by then.", []c{"2000|count|2000|person"}},
		{"year range", "en", "In the 2021-2022 winter, 2100 households received coal.", []c{"2100|count|2100|household"}},
	})
}

// "from X to Y" after a change verb states two levels, each exact; ranges
// stay ranges.
func TestLevelsNotRanges(t *testing.T) {
	runCases(t, []tcase{
		{"rose from to money", "en", "The subsidy rose from 200,000 yuan to 300,000 yuan.", []c{"200,000 yuan|money|200000|yuan", "300,000 yuan|money|300000|yuan"}},
		{"raised from to", "en", "The allowance was raised from 780 yuan to 960 yuan.", []c{"780 yuan|money|780|yuan", "960 yuan|money|960|yuan"}},
		{"fell from to percent", "en", "The rate fell from 3.2% to 2.9%.", []c{"3.2%|percent|3.2", "2.9%|percent|2.9"}},
		{"rose from to percent", "en", "Coverage rose from 91.5% to 96.8%.", []c{"91.5%|percent|91.5", "96.8%|percent|96.8"}},
		{"cut: unit of the old level", "en", "The time limit was cut from 20 working days to 12.", []c{"20 working days|measure|20|working_day", "12|measure|12|working_day"}},
		{"increase sign", "en", "The time limit was cut by 40%.", []c{"40%|percent|-40"}},
		{"a reduction of", "en", "It was cut from 15 working days to 7, a reduction of 53.3%.", []c{"15 working days|measure|15|working_day", "7|measure|7|working_day", "53.3%|percent|-53.3"}},
		{"zh 从到 money", "zh", "补助标准从20万元增加到30万元。", []c{"20万元|money|200000|yuan", "30万元|money|300000|yuan"}},
		{"zh 由到 percent", "zh", "失业率由3.2%上升到4.5%。", []c{"3.2%|percent|3.2", "4.5%|percent|4.5"}},
		{"zh 由至 count", "zh", "受助人数由3.2万人上升至4.5万人。", []c{"3.2万人|count|32000|person", "4.5万人|count|45000|person"}},
		{"range between", "en", "between 3 and 5 million yuan", []c{"between 3 and 5 million yuan|money|3000000..5000000|yuan"}},
		{"range from to, no verb", "en", "Each village has from 200 to 300 residents.", []c{"200 to 300|count|200..300|person"}},
		{"range zh dash", "zh", "每户补助3-5万元", []c{"3-5万元|money|30000..50000|yuan"}},
		{"range zh 至", "zh", "每户补助3至5万", []c{"3至5万|count|30000..50000"}},
	})
}

// Quarters and halves of a year are periods, not shares.
func TestPeriodsNotFractions(t *testing.T) {
	runCases(t, []tcase{
		{"前三季度", "zh", "今年前三季度，全市发放救助金3.2亿元。", []c{"3.2亿元|money|320000000|yuan"}},
		{"三季度末", "zh", "截至三季度末，全市新增1200户。", []c{"1200户|count|1200|household"}},
		{"四个季度", "zh", "全年四个季度均完成目标。", nil},
		{"第一季度", "zh", "第一季度、第二季度分别完成投资2亿元和3亿元。", []c{"2亿元|money|200000000|yuan", "3亿元|money|300000000|yuan"}},
		{"上半年", "zh", "上半年全市新增养老床位1200张，下半年新增800张。", []c{"1200张|count|1200|bed", "800张|count|800"}},
		{"first three quarters", "en", "In the first three quarters, the city paid 320 million yuan.", []c{"320 million yuan|money|320000000|yuan"}},
		{"of the year", "en", "In the first three quarters of the year, 2,000 people were helped.", []c{"2,000|count|2000|person"}},
		{"three quarters of this year", "en", "By the end of the three quarters of this year, 2,000 people were helped.", []c{"2,000|count|2000|person"}},
		{"the three quarter", "en", "At the end of the three quarter, 817 beds were added.", []c{"817|count|817|bed"}},
		{"half of the year", "en", "In the first half of the year, half of the residents took part.", []c{"half|percent|50"}},
		{"second half of 2021", "en", "In the second half of 2021, the city added 1,200 beds.", []c{"1,200|count|1200|bed"}},
		{"half of 2021", "en", "Over half of 2021 the canteens were closed.", nil},
		{"3 quarters", "en", "Growth held for 3 quarters.", nil},
		{"first two months", "en", "The first two months saw 3,000 people helped.", []c{"3,000|count|3000|person"}},
		{"a share stays", "en", "Three quarters of the residents took part.", []c{"Three quarters|percent|75"}},
		{"三分之一 stays", "zh", "三分之一的家庭申领补贴。", []c{"三分之一|percent|33.3333"}},
	})
}

// 成 after a Chinese numeral is a share in tenths, with its qualifiers.
func TestChengShares(t *testing.T) {
	runCases(t, []tcase{
		{"近三成", "zh", "护理型床位占比近三成。", []c{"三成|percent|30||nearly"}},
		{"超过六成", "zh", "超过六成的社区建成服务站。", []c{"六成|percent|60||more_than"}},
		{"约两成 before 家庭", "zh", "约两成家庭申领了补贴。", []c{"两成|percent|20||approx"}},
		{"三成多", "zh", "三成多的村配备了社工。", []c{"三成多|percent|30||more_than"}},
		{"目前三成多", "zh", "目前三成多的村已配备专职社工。", []c{"三成多|percent|30||more_than"}},
		{"三成人口", "zh", "三成人口参加了体检。", []c{"三成|percent|30"}},
		{"六成以上", "zh", "六成以上村民参保。", []c{"六成|percent|60||at_least"}},
		{"成家立业 is a word", "zh", "帮助青年成家立业。", nil},
		{"前三 is a rank", "zh", "综合评估位居全省前三。", nil},
	})
}

// Numbers that are not figures: hotlines, the base of a rate, periods,
// grades.
func TestMoreNotClaims(t *testing.T) {
	runCases(t, []tcase{
		{"12345 热线", "zh", "市民可拨打12345政务服务便民热线咨询。", nil},
		{"12349 热线", "zh", "老年人可拨打12349养老服务热线或12345预约。", nil},
		{"热线 count stays", "zh", "全年受理热线来电12345件。", []c{"12345件|count|12345|item"}},
		{"hotline en", "en", "Residents can call the 12345 hotline or dial 12349 for elderly care services.", nil},
		{"hotline count stays", "en", "The hotline answered 12,345 calls.", []c{"12,345|count|12345"}},
		{"每千名", "zh", "每千名老年人拥有养老床位30.5张。", []c{"30.5张|count|30.5|bed"}},
		{"每万人", "zh", "每万人拥有持证社工12名。", []c{"12名|count|12|person"}},
		{"for every 1,000", "en", "The city has 31.5 beds for every 1,000 elderly people.", []c{"31.5|count|31.5|bed"}},
		{"per 10,000", "en", "There are 12 social workers per 10,000 residents.", []c{"12|count|12|person"}},
		{"clock times", "zh", "服务时间为9:00-17:00，节假日8:30至12:00。", nil},
		{"three-dimensional", "en", "It built a three-dimensional service platform.", nil},
		{"two-level", "en", "It set up a two-level leading group.", nil},
		{"quoted slogan", "en", "It ran a series of projects such as \"warming thousands of families\".", nil},
	})
}

// Units, qualifiers and contexts read wrong before.
func TestUnitsRevisited(t *testing.T) {
	runCases(t, []tcase{
		{"周岁", "zh", "全市60周岁以上老年人达96.8万人。", []c{"60周岁|measure|60|year_of_age|at_least", "96.8万人|count|968000|person"}},
		{"及以上", "zh", "全市60周岁及以上户籍老年人口达到96.8万人。", []c{"60周岁|measure|60|year_of_age|at_least", "96.8万人|count|968000|person"}},
		{"couples", "en", "A total of 62,000 couples registered their marriages.", []c{"62,000|count|62000|pair"}},
		{"pairs", "en", "It handled 175,400 pairs of marriage registrations.", []c{"175,400|count|175400|pair"}},
		{"床位总数", "zh", "床位总数9800张，入住率约为58%。", []c{"9800张|count|9800|bed", "58%|percent|58||approx"}},
		{"人数", "zh", "志愿者人数达3000。", []c{"3000|count|3000|person"}},
		{"名余", "zh", "共资助困难学生3000名余。", []c{"3000名余|count|3000|person|more_than"}},
		{"余名", "zh", "共资助困难学生3000余名。", []c{"3000余名|count|3000|person|more_than"}},
		{"万余元", "zh", "发放助学金1500万余元。", []c{"1500万余元|money|15000000|yuan|more_than"}},
		{"the number of", "en", "The number of licensed social workers reached 1,480.", []c{"1,480|count|1480|person"}},
		{"numbered", "en", "Registered volunteers numbered 1.526 million.", []c{"1.526 million|count|1526000|person"}},
		{"verb ends the phrase", "en", "More than 6,000 people got jobs and 1,240 care workers took part.", []c{"6,000|count|6000|person|more_than", "1,240|count|1240|person"}},
		{"-ed verb ends the phrase", "en", "14,898 severely disabled people enjoyed two subsidies.", []c{"14,898|count|14898|person"}},
		{"urban and rural", "en", "A total of 126,000 urban and rural residents received the allowance.", []c{"126,000|count|126000|person"}},
		{"nursing beds", "en", "The city will add 1,500 nursing beds.", []c{"1,500|count|1500|bed"}},
		{"people out", "en", "A total of 2.402 million people out of poverty were covered.", []c{"2.402 million|count|2402000|person"}},
		{"aged", "en", "The city had 968,000 registered residents aged 60 and above.", []c{"968,000|count|968000|person", "60|measure|60|year_of_age|at_least"}},
	})
}

// Found by reading the output over the seeds, the samples and probe
// sentences: telephone numbers, service hours, plan names, per mille,
// shares and multiples written as words.
func TestProbeMisreads(t *testing.T) {
	runCases(t, []tcase{
		{"7×24小时", "zh", "提供7×24小时服务。", nil},
		{"24/7", "en", "The centre offers 24/7 services.", nil},
		{"拨打110报警或120急救", "zh", "紧急情况请拨打110报警或120急救。", nil},
		{"call 110 or 120", "en", "Call 110 or 120 in an emergency.", nil},
		{"bare phone zh", "zh", "联系人：张先生，87651234。", nil},
		{"area code en", "en", "Contact: Mr Zhang, (0571) 87651234 or 0571 8765 1234.", nil},
		{"large count stays", "en", "The fund covered 42238000 people.", []c{"42238000|count|42238000|person"}},
		{"1-6月", "zh", "2022年1-6月，全市发放救助金3亿元。", []c{"3亿元|money|300000000|yuan"}},
		{"a.m. p.m.", "en", "Offices open from 9 a.m. to 5 p.m. on weekdays.", nil},
		{"三年行动计划", "zh", "实施养老服务三年行动计划，五年来累计投入20亿元。", []c{"五年|measure|5|year", "20亿元|money|2000000000|yuan"}},
		{"three-year action plan", "en", "The city launched a three-year action plan.", nil},
		{"‰ zh", "zh", "出生率为3‰。", []c{"3‰|percent|0.3"}},
		{"‰ en", "en", "The birth rate was 3‰.", []c{"3‰|percent|0.3"}},
		{"-plus", "en", "1.2 million-plus residents took part.", []c{"1.2 million|count|1200000|person|more_than"}},
		{"one in five", "en", "One in five residents is a volunteer.", []c{"One in five|percent|20"}},
		{"twice as many", "en", "Twice as many women as men volunteered, twice a year.", []c{"Twice|multiple|2"}},
		{"list markers en", "en", "1. Improve the system. (2) Strengthen services; 3) build 20 centres.", []c{"20|count|20"}},
		{"list markers zh", "zh", "（1）加强党建。①提升能力。十一、加强组织领导。（十二）完善制度。1.完善救助体系。2、提升服务能力，增长1.5%。", []c{"1.5%|percent|1.5"}},
		{"and over", "en", "Residents aged 18 and over, and children aged 6 and under.", []c{"18|measure|18|year_of_age|at_least", "6|measure|6|year_of_age|at_most"}},
		{"年满", "zh", "年满18周岁的居民均可申请。", []c{"18周岁|measure|18|year_of_age|at_least"}},
		{"above and below", "en", "The number is above 1000 and below 1500.", []c{"1000 and below 1500|count|1000..1500"}},
		{"consecutive years", "en", "For nine consecutive years, it won first place.", []c{"nine consecutive years|measure|9|year"}},
		{"consecutive quarters", "en", "Growth held for 3 straight quarters.", nil},
		{"剂次", "zh", "累计接种疫苗3亿剂次。", []c{"3亿剂次|count|300000000|dose"}},
	})
}
