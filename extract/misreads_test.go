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
		{"count verb, no noun", "en", "The number of social workers reached 1990, up 12%.", []c{"1990|count|1990", "12%|percent|12"}},
		{"qualifier, no noun", "en", "Registered volunteers numbered nearly 2000.", []c{"2000|count|2000||nearly"}},
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
		{"zh 从到 money", "zh", "补助标准从20万元增加到30万元。", []c{"20万元|money|200000|yuan", "30万元|money|300000|yuan"}},
		{"zh 由到 percent", "zh", "失业率由3.2%上升到4.5%。", []c{"3.2%|percent|3.2", "4.5%|percent|4.5"}},
		{"zh 由至 count", "zh", "受助人数由3.2万人上升至4.5万人。", []c{"3.2万人|count|32000|person", "4.5万人|count|45000|person"}},
		{"range between", "en", "between 3 and 5 million yuan", []c{"between 3 and 5 million yuan|money|3000000..5000000|yuan"}},
		{"range from to, no verb", "en", "Each village has from 200 to 300 residents.", []c{"200 to 300|count|200..300|person"}},
		{"range zh dash", "zh", "每户补助3-5万元", []c{"3-5万元|money|30000..50000|yuan"}},
		{"range zh 至", "zh", "每户补助3至5万", []c{"3至5万|count|30000..50000"}},
	})
}
