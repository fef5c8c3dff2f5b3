package export

// claimCols are the fields of the extract record (`figures extract`), in its
// order, for the claims table (prefix "") and each side of a link.
func claimCols(prefix, side, null string) []Column {
	p := func(s string) string { return prefix + s }
	return []Column{
		{p("claim_id"), Integer, null, "Row id of the " + side + "claim (claims.claim_id)."},
		{p("file"), Text, "", "Source path of the " + side + "document, as it was ingested."},
		{p("lang"), Text, null, "Grammar the claim was read with: `zh` or `en`."},
		{p("sentence"), Integer, null, "Index of the claim's sentence in its document (sentences.sentence), from 0."},
		{p("text"), Text, null, "The claim's surface text, exactly `documents.text[start:end]`."},
		{p("start"), Integer, null, "Start offset in code points into documents.text."},
		{p("end"), Integer, null, "End offset (exclusive) in code points into documents.text."},
		{p("kind"), Text, null, "count, money, percent, percent_points, ratio, multiple, measure or rate."},
		{p("value"), Decimal, null, "Exact decimal value with 万/亿/million/billion applied (`439000000`); percent values in percent (`83.5`); a decrease is negative."},
		{p("value_max"), Decimal, orNull(null, "unless the claim is a range"), "Upper end of a range (qualifier `range`)."},
		{p("unit"), Text, null, "Canonical English unit (`yuan`, `person`, `household`, `square_metre`, ...); empty when none is known."},
		{p("qualifier"), Text, null, "exact, approx, more_than, less_than, nearly, at_least, at_most or range."},
		{p("context"), Text, null, "The noun phrase the figure counts (残疾人, disabled people); may be empty."},
	}
}

func orNull(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

func cat(parts ...[]Column) []Column {
	var out []Column
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// Tables lists the exportable tables with their columns.
func Tables() []Table {
	const noZH = "for an added figure"
	const noEN = "for a dropped figure"
	return []Table{
		{
			Name: "documents",
			Doc:  "One row per stored document version.",
			Columns: []Column{
				{"doc_id", Integer, "", "Row id of the document."},
				{"path", Text, "", "Source path as ingested (a changed file at the same path is a new row with the next version)."},
				{"version", Integer, "", "1 for the first content seen at path, then 2, 3, ..."},
				{"hash", Text, "", "Hex SHA-256 of the raw file bytes; identifies the version."},
				{"format", Text, "", "`text` or `html`."},
				{"encoding", Text, "", "Encoding the bytes were decoded from (`utf-8`, `gbk`, `gb18030`, `big5`, `utf-16le`, ...)."},
				{"lang", Text, "", "Dominant language: `zh-Hans`, `zh-Hant`, `en` or `mixed`."},
				{"title", Text, "", "Title from the page or first line; may be empty."},
				{"date", Text, "", "Publication date `YYYY-MM-DD` when found; may be empty."},
				{"source", Text, "", "Publishing site or agency when found; may be empty."},
				{"ingested_at", Text, "", "When the version was stored, RFC 3339 UTC."},
				{"chars", Integer, "", "Length of text in code points (the unit of every offset)."},
				{"sentences", Integer, "", "Number of sentences."},
				{"claims", Integer, "", "Number of claims."},
				{"text", Text, "", "The decoded article text; paragraphs separated by LF. All offsets point into it."},
			},
			query: `SELECT d.id, d.path, d.version, d.hash, d.format, d.encoding, d.lang, d.title, d.date, d.source,
				d.ingested_at, length(d.text),
				(SELECT count(*) FROM sentences s WHERE s.doc_id = d.id),
				(SELECT count(*) FROM claims c WHERE c.doc_id = d.id),
				d.text
				FROM documents d ORDER BY d.id`,
		},
		{
			Name: "sentences",
			Doc:  "One row per sentence.",
			Columns: []Column{
				{"doc_id", Integer, "", "Document (documents.doc_id)."},
				{"file", Text, "", "Source path of the document."},
				{"sentence", Integer, "", "Index of the sentence in its document, from 0."},
				{"para", Integer, "", "Index of its paragraph, from 0."},
				{"lang", Text, "", "Grammar it was read with: `zh` or `en`."},
				{"start", Integer, "", "Start offset in code points into documents.text."},
				{"end", Integer, "", "End offset (exclusive)."},
				{"text", Text, "", "The sentence, exactly `documents.text[start:end]`."},
			},
			query: `SELECT s.doc_id, d.path, s.idx, s.para, s.lang, s.start, s."end", s.text
				FROM sentences s JOIN documents d ON d.id = s.doc_id ORDER BY s.doc_id, s.idx`,
		},
		{
			Name: "claims",
			Doc: "One row per figure found: the `figures extract` record plus the claim's and its document's ids. " +
				"`file` is the document's source path.",
			Columns: cat(
				[]Column{{"claim_id", Integer, "", "Row id of the claim."}, {"doc_id", Integer, "", "Document (documents.doc_id)."}},
				claimCols("", "", "")[1:],
			),
			query: `SELECT c.id, c.doc_id, d.path, c.lang, c.sentence, c.text, c.start, c."end", c.kind, c.value,
				NULLIF(c.value_max, ''), c.unit, c.qualifier, c.context
				FROM claims c JOIN documents d ON d.id = c.doc_id ORDER BY c.doc_id, c.start, c.id`,
		},
		{
			Name: "pairs",
			Doc:  "One row per checked document pair (a Chinese original and its English version).",
			Columns: []Column{
				{"pair_id", Integer, "", "Row id of the pair."},
				{"zh_doc", Integer, "", "The Chinese document (documents.doc_id)."},
				{"en_doc", Integer, "", "The English document."},
				{"zh_file", Text, "", "Source path of the Chinese document."},
				{"en_file", Text, "", "Source path of the English document."},
				{"score", Real, "", "Pairing confidence, 0 to 1."},
				{"matched", Integer, "", "Links with verdict match or match_rounded."},
				{"mismatched", Integer, "", "Links with verdict mismatch."},
				{"dropped", Integer, "", "Chinese figures with no English counterpart."},
				{"added", Integer, "", "English figures with no Chinese counterpart."},
				{"created_at", Text, "", "When the pair was checked, RFC 3339 UTC."},
			},
			query: `SELECT p.id, p.zh_doc, p.en_doc, zd.path, ed.path, p.score, p.matched, p.mismatched, p.dropped,
				p.added, p.created_at
				FROM pairs p JOIN documents zd ON zd.id = p.zh_doc JOIN documents ed ON ed.id = p.en_doc ORDER BY p.id`,
		},
		{
			Name: "links",
			Doc: "One row per figure of a checked pair, as `figures check` reports it: a link between a Chinese and an " +
				"English figure (verdict match, match_rounded or mismatch), a dropped Chinese figure (verdict dropped, " +
				"en_ claim columns NULL) or an added English figure (verdict added, zh_ claim columns NULL). " +
				"Each side's claim is flattened with a zh_ or en_ prefix.",
			Columns: cat(
				[]Column{
					{"link_id", Integer, "", "Row id of the link."},
					{"pair_id", Integer, "", "The pair (pairs.pair_id)."},
					{"zh_doc", Integer, "", "The pair's Chinese document (documents.doc_id)."},
					{"en_doc", Integer, "", "The pair's English document."},
					{"verdict", Text, "", "match, match_rounded, mismatch, dropped or added."},
					{"error", Text, "unless verdict is mismatch", "Diagnosis of a mismatch: magnitude, digits, decimal, rounding, unit, qualifier, percent_vs_points, sign or other."},
					{"explanation", Text, "", "One line for people, e.g. why the two figures disagree; may be empty for dropped and added figures."},
					{"bead", Integer, "", "Index of the sentence-alignment bead the link was found in; -1 when found across the document (and for dropped and added figures)."},
				},
				claimCols("zh_", "Chinese ", noZH),
				claimCols("en_", "English ", noEN),
			),
			query: `SELECT l.id, l.pair_id, p.zh_doc, p.en_doc, l.verdict, NULLIF(l.error, ''), l.explanation, l.bead,
				zc.id, zd.path, zc.lang, zc.sentence, zc.text, zc.start, zc."end", zc.kind, zc.value, NULLIF(zc.value_max, ''), zc.unit, zc.qualifier, zc.context,
				ec.id, ed.path, ec.lang, ec.sentence, ec.text, ec.start, ec."end", ec.kind, ec.value, NULLIF(ec.value_max, ''), ec.unit, ec.qualifier, ec.context
				FROM links l
				JOIN pairs p ON p.id = l.pair_id
				JOIN documents zd ON zd.id = p.zh_doc
				JOIN documents ed ON ed.id = p.en_doc
				LEFT JOIN claims zc ON zc.id = l.zh_claim
				LEFT JOIN claims ec ON ec.id = l.en_claim
				ORDER BY l.pair_id, l.id`,
		},
		{
			Name: "reviews",
			Doc: "One row per reviewer's decision (made in `figures serve`). A decision is keyed by the two documents' " +
				"content hashes and the two claims' spans, so it survives re-ingestion; the ids and texts after " +
				"`decided_at` resolve that key against the current store and are NULL when it no longer resolves.",
			Columns: []Column{
				{"review_id", Integer, "", "Row id of the decision."},
				{"decision", Text, "", "confirmed_error, false_alarm or second_look."},
				{"note", Text, "", "The reviewer's note; may be empty."},
				{"decided_at", Text, "", "When the decision was made, RFC 3339 UTC."},
				{"zh_hash", Text, "", "Content hash of the Chinese document (documents.hash)."},
				{"en_hash", Text, "", "Content hash of the English document."},
				{"zh_start", Integer, "", "Start of the Chinese claim; -1 for an added figure."},
				{"zh_end", Integer, "", "End of the Chinese claim; -1 for an added figure."},
				{"en_start", Integer, "", "Start of the English claim; -1 for a dropped figure."},
				{"en_end", Integer, "", "End of the English claim; -1 for a dropped figure."},
				{"pair_id", Integer, "when the pair is no longer stored", "The pair (pairs.pair_id)."},
				{"link_id", Integer, "when the link is no longer stored", "The link decided on (links.link_id)."},
				{"zh_doc", Integer, "when the document is no longer stored", "The Chinese document (documents.doc_id)."},
				{"en_doc", Integer, "when the document is no longer stored", "The English document."},
				{"zh_text", Text, "for an added figure or when unresolved", "Text of the Chinese claim."},
				{"en_text", Text, "for a dropped figure or when unresolved", "Text of the English claim."},
				{"verdict", Text, "when the link is no longer stored", "The link's current verdict."},
				{"error", Text, "unless the link is a mismatch", "The link's current error class."},
			},
			query: `SELECT r.id, r.decision, r.note, r.decided_at, r.zh_hash, r.en_hash, r.zh_start, r.zh_end,
				r.en_start, r.en_end, p.id, l.id, zd.id, ed.id, zc.text, ec.text, l.verdict, NULLIF(l.error, '')
				FROM reviews r
				LEFT JOIN documents zd ON zd.hash = r.zh_hash
				LEFT JOIN documents ed ON ed.hash = r.en_hash
				LEFT JOIN pairs p ON p.zh_doc = zd.id AND p.en_doc = ed.id
				LEFT JOIN claims zc ON zc.doc_id = zd.id AND zc.start = r.zh_start AND zc."end" = r.zh_end
				LEFT JOIN claims ec ON ec.doc_id = ed.id AND ec.start = r.en_start AND ec."end" = r.en_end
				LEFT JOIN links l ON l.id = (SELECT x.id FROM links x WHERE x.pair_id = p.id
					AND x.zh_claim IS zc.id AND x.en_claim IS ec.id ORDER BY x.id LIMIT 1)
				ORDER BY r.id`,
		},
		{
			Name: "errors",
			Doc:  "One row per failed attempt to ingest a file: a file that fails again in a later run gets a row of its own, with its time. To list the files still failing, keep the latest row per path.",
			Columns: []Column{
				{"error_id", Integer, "", "Row id."},
				{"path", Text, "", "The file."},
				{"reason", Text, "", "Why it failed."},
				{"at", Text, "", "When, RFC 3339 UTC."},
			},
			query: `SELECT id, path, reason, at FROM errors ORDER BY id`,
		},
	}
}
