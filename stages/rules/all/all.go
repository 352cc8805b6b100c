// Package all links every built-in rule family into the binary. Adding a rule family is one
// import line here plus its rate profile; no other family changes.
package all

import (
	_ "github.com/payclose/payclose/stages/rules/exempt"
	_ "github.com/payclose/payclose/stages/rules/nonunit"
	_ "github.com/payclose/payclose/stages/rules/psu"
	_ "github.com/payclose/payclose/stages/rules/share"
)
