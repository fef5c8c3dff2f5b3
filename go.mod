module figures

go 1.26.8

require (
	github.com/PuerkitoBio/goquery v1.13.0
	github.com/go-ego/gse v0.80.3
	github.com/mattn/go-sqlite3 v1.14.53
	golang.org/x/text v0.43.0
)

require (
	github.com/andybalholm/cascadia v1.3.4 // indirect
	github.com/vcaesar/cedar v0.20.2 // indirect
	golang.org/x/net v0.58.0 // indirect
)
