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

Exit status: 0 fine; 2 usage error or a file that could not be read (the
other files are still read).
`,

	"check": `Usage: figures check [--format text|json] [--force] ZH_FILE EN_FILE

Align a Chinese bulletin (ZH_FILE) with its English version (EN_FILE)
sentence by sentence, link every figure to its counterpart, and report each
link as match, match_rounded or mismatch; a mismatch has a diagnosis
(magnitude, digits, decimal, rounding, unit, qualifier, percent_vs_points,
sign, other). Chinese figures with no English counterpart are "dropped",
English figures with no Chinese one "added". Either file may be "-"
(standard input).

Two files in the same language (or the same file twice) are an error; the
English version given first is swapped round, with a note. Two documents
that are not an original and its translation (few figures correspond in
aligned sentences and little else agrees) are refused rather than reported
as a list of chance mismatches; --force checks them anyway.

The text report (the default) is for people: problems first, each with its
two sentences and a one-line explanation, then a tally. The JSON report is
for tools: {"zh", "en", "alignment", "links", "dropped", "added"}, where
every figure is a record as printed by figures extract.

Flags:
  --format text|json   report format (default text)
  --force              check the two files as given, even when they do not
                       look like a Chinese original and its translation

Examples:
  figures check zh.txt en.txt
  figures check --format json zh.html en.html | jq '.links[] | select(.verdict == "mismatch")'
  figures check zh.txt en.txt > /dev/null || echo "translation has wrong figures"

Exit status: 0 no figure is mismatched; 1 a figure is mismatched; 2 usage
error, unreadable file, or two files that are not a translation pair.
`,

	"ingest": `Usage: figures ingest [--db PATH] [--quiet] [--json] [--workers N] [--no-pair] PATH...

Load bulletins into a figures database. PATH is a file (.txt, .html, .htm), a
folder (walked recursively; other file types are skipped with a note), or "-"
for a list of paths read from standard input, one a line.

Each file is decoded (UTF-8 with or without BOM, UTF-16, GBK/GB2312, GB18030,
Big5: from the BOM, the page's charset, or by sniffing), an HTML page is
reduced to its article (menus, share bars, related links and footers dropped),
and its sentences and figures are stored with it in one transaction. A file
already stored (same content) is skipped; a changed file at the same path is
stored as a new version. New documents are then paired with their
translations (among this batch and the unpaired documents already stored)
and every pair is checked.

A file that cannot be read (unreadable, empty, binary, undecodable) is
reported and recorded in the errors table, and the batch goes on. A progress
bar is drawn when standard error is a terminal.

Flags:
  --db PATH     database to write (default figures.db; created if missing)
  --quiet       no progress bar, notes or closing summary; failures still listed
  --json        print the closing summary as JSON on standard output
  --workers N   files analysed in parallel (default: the number of CPUs)
  --no-pair     store documents without pairing and checking translations

Examples:
  figures ingest --db news.db bulletins/2022-01-24/
  find archive -name '*.htm*' -mtime -1 | figures ingest --db news.db -
  figures ingest --db news.db --json --quiet a.html b.txt > summary.json

Exit status: 0 all files ingested; 1 some files failed; 2 usage or database
error.
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
A database that cannot be written is served read-only (no decisions).

The site has no login: it listens on 127.0.0.1 unless --addr names another
address, and warns when it does.

Flags:
  --db PATH          database to read (default figures.db)
  --addr HOST:PORT   address to listen on (default 127.0.0.1:8080)

Examples:
  figures serve --db figures.db          # then open http://127.0.0.1:8080/
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

Exit status: 0 fine (the samples' mismatches are expected); 1 a sample could
not be ingested; 2 the database could not be opened or written.
`,
}
