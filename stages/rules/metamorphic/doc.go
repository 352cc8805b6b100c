// Package metamorphic holds only tests: properties that pay must keep for any week (monotone,
// invariant, conserving, continuous), checked over generated weeks of every rule set. Hand-worked
// cases catch what someone thought of; these catch what nobody did. `go test` checks a few hundred
// employees per property and calendar week; PAYCLOSE_LONG=1 checks thousands (a run by hand).
package metamorphic
