-- figures store, version 4: documents whose pairing block has been worked
-- through. A rerun of a batch pairs again only around documents not listed
-- here (a batch killed while pairing), so ingesting the same files twice
-- changes nothing, while new documents are still paired with older unpaired
-- ones.
CREATE TABLE IF NOT EXISTS pairing_done (
    doc_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE
) STRICT;
