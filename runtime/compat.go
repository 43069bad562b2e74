package runtime

import "slices"

// compatFlag is one compatibility feature, gated as workerd's compatibility-date.capnp gates it:
// on when its enable flag is set, or when the compatibility date is at least enableDate, or when
// the feature named by impliedBy is on and the date is at least impliedDate; its disable flag
// turns it off whatever the date says.
type compatFlag struct {
	enable, disable string
	enableDate      string // "" = no default-on date
	impliedBy       string // enable flag of the implying feature
	impliedDate     string
}

// compatTable lists the features edge acts on, with workerd's flag names and dates (read from
// src/workerd/io/compatibility-date.capnp of workerd 1.20261117, the conformance reference).
var compatTable = []compatFlag{
	{enable: "nodejs_compat", disable: "no_nodejs_compat", enableDate: "2026-08-04"},
	{enable: "nodejs_compat_v2", disable: "no_nodejs_compat_v2", enableDate: "2026-08-04", impliedBy: "nodejs_compat", impliedDate: "2024-09-23"},
	{enable: "nodejs_als", disable: "no_nodejs_als"},
	{enable: "nodejs_compat_populate_process_env", disable: "nodejs_compat_do_not_populate_process_env", impliedBy: "nodejs_compat", impliedDate: "2025-04-01"},
}

// compatEnabled reports whether the feature whose enable flag is name is on for a worker with
// this compatibility date ("yyyy-mm-dd"; "" = no date) and these flags.
func compatEnabled(name, date string, flags []string) bool {
	i := slices.IndexFunc(compatTable, func(f compatFlag) bool { return f.enable == name })
	if i < 0 {
		return slices.Contains(flags, name)
	}
	f := compatTable[i]
	switch {
	case slices.Contains(flags, f.disable):
		return false
	case slices.Contains(flags, f.enable):
		return true
	case f.enableDate != "" && date >= f.enableDate:
		return true
	case f.impliedBy != "" && date >= f.impliedDate && compatEnabled(f.impliedBy, date, flags):
		return true
	}
	return false
}

// NodeCompat is how much of Node.js a worker gets, from its compatibility date and flags.
type NodeCompat int

const (
	// NodeOff: no node: modules; importing one fails with workerd's "No such module".
	NodeOff NodeCompat = iota
	// NodeALS: nodejs_als alone — only node:async_hooks.
	NodeALS
	// NodeV1: nodejs_compat before 2024-09-23 — node:-prefixed modules only, no globals.
	NodeV1
	// NodeV2: nodejs_compat_v2 (nodejs_compat from 2024-09-23) — modules with or without the
	// node: prefix, and Buffer and process as globals.
	NodeV2
)

// NodeCompatFor resolves the Node.js compatibility mode as workerd does.
func NodeCompatFor(date string, flags []string) NodeCompat {
	switch {
	case compatEnabled("nodejs_compat_v2", date, flags):
		return NodeV2
	case compatEnabled("nodejs_compat", date, flags):
		return NodeV1
	case compatEnabled("nodejs_als", date, flags):
		return NodeALS
	}
	return NodeOff
}
