package main

// The help texts. Each command's text lists every flag and at least one
// example; `figures CMD --help` prints it on stdout and exits 0. The texts
// for ingest and serve live here too so that --help behaves the same for
// every command: whoever adds a flag to a command adds it here.

const mainUsage = `figures checks the figures in Chinese government bulletins against their
English versions: it finds every number in both, links each Chinese figure to
its translation, and says which are wrong (万 read as thousand, 亿 as billion,
transposed digits, percentage points as percent, ...), dropped or added.

Usage:
  figures <command> [flags] [arguments]

Commands:
  check     fact-check an English version against its Chinese original
  extract   print every figure in text or HTML files as JSON Lines
  ingest    store bulletins in a SQLite database, pairing and checking them
  export    write a table of the database as CSV or JSON Lines
  serve     review the fact-checks in a browser
  demo      ingest the built-in sample bulletins and print their fact-check

Examples:
  figures demo
  figures check zh.txt en.txt
  figures extract bulletin.html
  figures ingest --db news.db bulletins/
  figures export --db news.db --table links --format csv -o links.csv

Exit status: 0 fine; 1 a figure is mismatched (check) or a file failed
(ingest); 2 usage error or unreadable input.

Run 'figures <command> --help' for a command's flags; 'figures --version'
for the version.
`

var helps = map[string]string{
	"extract": `Usage: figures extract [--lang zh|en|auto] [FILE...]

Print every figure (numeric claim) in each FILE as JSON Lines, one claim per
line. A FILE is a text or HTML file in UTF-8, GBK, GB18030, Big5 or UTF-16;
with no FILE, or FILE "-", standard input is read.

Each line has the fields file, lang, sentence, text, start, end, kind, value,
unit, qualifier and context, and value_max for a range. start and end are
Unicode code-point offsets into the decoded text, end exclusive, and text is
that slice; value is an exact decimal in a string ("439000000" for 4.39亿).
Years, dates, ordinals and names are not claims and are not printed.

Flags:
  --lang zh|en|auto   read every paragraph with this grammar (default auto:
                      detect the language of each paragraph)

Examples:
  figures extract bulletin.txt
  figures extract --lang zh page.html other.html
  echo '为50.25万残疾人发放补贴4.39亿元。' | figures extract
  figures extract report.txt | jq -r 'select(.kind == "money") | .text + " = " + .value'

Exit status: 0 fine; 2 usage error or unreadable file.
`,

	"check": `Usage: figures check [--format text|json] ZH_FILE EN_FILE

Align a Chinese bulletin (ZH_FILE) with its English version (EN_FILE)
sentence by sentence, link every figure to its counterpart, and report each
link as match, match_rounded or mismatch; a mismatch has a diagnosis
(magnitude, digits, decimal, rounding, unit, qualifier, percent_vs_points,
sign, other). Chinese figures with no English counterpart are "dropped",
English figures with no Chinese one "added". Either file may be "-"
(standard input).

The text report (the default) is for people: problems first, each with its
two sentences and a one-line explanation, then a tally. The JSON report is
for tools: {"zh", "en", "alignment", "links", "dropped", "added"}, where
every figure is a record as printed by figures extract.

Flags:
  --format text|json   report format (default text)

Examples:
  figures check zh.txt en.txt
  figures check --format json zh.html en.html | jq '.links[] | select(.verdict == "mismatch")'
  figures check zh.txt en.txt > /dev/null || echo "translation has wrong figures"

Exit status: 0 no figure is mismatched; 1 a figure is mismatched; 2 usage
error or unreadable file.
`,

	"ingest": `Usage: figures ingest [--db PATH] PATH...

Read bulletins (.txt, .html and .htm files, or folders searched
recursively), extract their figures, pair each English bulletin with its
Chinese original, check every pair, and store it all in a SQLite database.
Each document is stored in one transaction with its sentences and claims. A
file whose content is already stored is skipped; a changed file at the same
path is stored as a new version. A file that cannot be read is reported with
its reason, recorded in the errors table, and the batch goes on.

Flags:
  --db PATH   database to write (default figures.db; created if missing)

Examples:
  figures ingest bulletins/
  figures ingest --db news.db today/zh.html today/en.html

Exit status: 0 fine; 1 some files could not be ingested; 2 usage error or
the database could not be written.
`,

	"export": `Usage: figures export --table TABLE [--format csv|jsonl] [--db PATH] [-o FILE] [--bom]

Write one table of a figures database as CSV or JSON Lines. Tables:
  documents   one row per stored document version, with its text
  sentences   one row per sentence
  claims      one row per figure: the figures extract record plus ids
  pairs       one row per checked document pair, with its tallies
  links       one row per figure of a pair: matched, mismatched (with the
              diagnosis), dropped or added, both claims flattened (zh_, en_)
  reviews     reviewers' decisions made in figures serve
  errors      files that could not be ingested
Figures are exact decimals written as text; offsets count code points. The
columns are documented in docs/export.md.

CSV is RFC 4180 (header line, CRLF record ends, UTF-8); JSON Lines has one
object per line with numbers for ids and offsets and strings for figures.

Flags:
  --table TABLE        table to write (required)
  --format csv|jsonl   output format (default csv)
  --db PATH            database to read (default figures.db; must exist)
  -o FILE              write to FILE instead of standard output (written
                       to a temporary file and renamed when complete)
  --bom                start CSV with a byte-order mark (for Excel)

Examples:
  figures export --db figures.db --table links --format csv -o links.csv
  figures export --table claims --format jsonl | jq 'select(.unit == "yuan")'

Exit status: 0 fine; 2 usage error, missing database or write failure.
`,

	"serve": `Usage: figures serve [--db PATH] [--addr HOST:PORT]

Serve a review site for fact-checkers from the database: every document pair
with its mismatched, dropped and added figures; a pair's two texts side by
side with every figure highlighted by verdict; a reviewer's decisions
(confirmed error, false alarm, needs a second look), stored in the database.

Flags:
  --db PATH          database to read (default figures.db)
  --addr HOST:PORT   address to listen on (default 127.0.0.1:8080)

Examples:
  figures serve --db figures.db
  figures serve --db news.db --addr 127.0.0.1:9000

Exit status: 0 after a clean shutdown (Ctrl-C); 2 usage error or the
database or address could not be opened.
`,

	"demo": `Usage: figures demo [--db PATH] [--samples DIR]

Ingest the sample bulletins built into figures into a database and print
the fact-check of every document pair: figures matched, mismatched (with the
diagnosis), dropped and added, then where to look next. The samples are
Chinese civil-affairs bulletins with English versions, some deliberately
mistranslated (万 read as thousand, 亿 as billion, transposed digits,
percentage points as percent), two English-only bulletins and one
Chinese-only GBK web page. Running the demo again stores nothing new and
prints the same report.

Flags:
  --db PATH       database to write (default figures.db in the current folder)
  --samples DIR   also copy the sample bulletins into DIR (created if
                  missing), to try figures check and figures extract on them

Examples:
  figures demo
  figures demo --db /tmp/demo.db && figures export --db /tmp/demo.db --table links
  figures demo --samples samples && figures check samples/qingyu-elderly-care-2023.zh.txt samples/qingyu-elderly-care-2023.en.txt

Exit status: 0 fine (the samples' mismatches are expected); 2 the database
could not be written.
`,
}
