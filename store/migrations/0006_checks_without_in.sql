-- figures store, version 6: the enumerations' CHECK constraints without IN.
--
-- SQLite checks "kind IN ('count', 'money', ...)", a list of more than two
-- constants, by building a temporary B-tree of the list, once for every
-- INSERT statement that runs. The writer inserts a document's claims in one
-- statement and a pair's links in another, so every document and every
-- pair paid for building two such trees: a fifth of the CPU time of storing
-- a bulletin. The same test written as "kind = 'count' OR kind = 'money'
-- OR ..." costs a few comparisons per row. The constraints accept and
-- refuse exactly what they did.
--
-- Only the text of the CHECK constraints changes, so the tables are not
-- rebuilt (SQLite's documented procedure for changing CHECK constraints:
-- edit the table's CREATE statement in sqlite_schema). A store whose
-- tables were created with other text (before the constraints existed) is
-- left as it is: replace() finds nothing to replace. writable_schema =
-- RESET reloads the schema, so a mistake here fails the migration rather
-- than the next statement; creating and dropping a table bumps the schema
-- cookie, so that other connections reload it too.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(replace(sql,
    'CHECK (kind IN (''count'', ''money'', ''percent'', ''percent_points'',
                                               ''ratio'', ''multiple'', ''measure'', ''rate''))',
    'CHECK (kind = ''count'' OR kind = ''money'' OR kind = ''percent'' OR
           kind = ''percent_points'' OR kind = ''ratio'' OR kind = ''multiple'' OR
           kind = ''measure'' OR kind = ''rate'')'),
    'CHECK (qualifier IN (''exact'', ''approx'', ''more_than'', ''less_than'',
                                                    ''nearly'', ''at_least'', ''at_most'', ''range''))',
    'CHECK (qualifier = ''exact'' OR qualifier = ''approx'' OR qualifier = ''more_than'' OR
           qualifier = ''less_than'' OR qualifier = ''nearly'' OR qualifier = ''at_least'' OR
           qualifier = ''at_most'' OR qualifier = ''range'')')
WHERE type = 'table' AND name = 'claims';
UPDATE sqlite_schema SET sql = replace(replace(sql,
    'CHECK (verdict IN (''match'', ''match_rounded'', ''mismatch'', ''dropped'', ''added''))',
    'CHECK (verdict = ''match'' OR verdict = ''match_rounded'' OR verdict = ''mismatch'' OR
           verdict = ''dropped'' OR verdict = ''added'')'),
    'CHECK (error IN ('''', ''magnitude'', ''digits'', ''decimal'', ''rounding'',
                                  ''unit'', ''qualifier'', ''percent_vs_points'', ''sign'', ''other''))',
    'CHECK (error = '''' OR error = ''magnitude'' OR error = ''digits'' OR
           error = ''decimal'' OR error = ''rounding'' OR error = ''unit'' OR
           error = ''qualifier'' OR error = ''percent_vs_points'' OR error = ''sign'' OR
           error = ''other'')')
WHERE type = 'table' AND name = 'links';
PRAGMA writable_schema = RESET;
CREATE TABLE migration_0006 (x INTEGER) STRICT;
DROP TABLE migration_0006;
