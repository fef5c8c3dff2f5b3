package export

import (
	"fmt"
	"strings"
)

// Reference renders the column reference of every table as Markdown; it is
// the generated part of docs/export.md.
func Reference() string {
	var b strings.Builder
	for _, t := range Tables() {
		fmt.Fprintf(&b, "### %s\n\n%s\n\n", t.Name, t.Doc)
		b.WriteString("| column | type | NULL | meaning |\n|---|---|---|---|\n")
		for _, c := range t.Columns {
			null := c.Null
			if null == "" {
				null = "never"
			}
			fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", c.Name, c.Type, null, strings.ReplaceAll(c.Doc, "|", `\|`))
		}
		b.WriteString("\n")
	}
	return b.String()
}
