package intl

import (
	"slices"
	"strings"
	"time"
)

// defaultTimeZone is the zone used when no timeZone option is given. Workers run in UTC.
const defaultTimeZone = "UTC"

// utcAliases are the zones V8 reports as "UTC".
var utcAliases = map[string]bool{
	"utc": true, "etc/utc": true, "etc/gmt": true, "gmt": true, "etc/universal": true, "universal": true,
	"etc/zulu": true, "zulu": true, "etc/greenwich": true, "greenwich": true, "etc/uct": true, "uct": true,
	"etc/gmt0": true, "gmt0": true, "etc/gmt+0": true, "etc/gmt-0": true, "gmt+0": true, "gmt-0": true,
}

// zoneByLower finds a zone name case-insensitively (IANA names are case-insensitive in
// ECMA-402; time.LoadLocation is not).
var zoneByLower = func() map[string]string {
	m := make(map[string]string, len(zoneNames))
	for _, z := range zoneNames {
		m[strings.ToLower(z)] = z
	}
	return m
}()

// canonicalZone returns the name resolvedOptions().timeZone reports for a timeZone option, or
// false for an unknown zone. Links resolve to ICU's canonical names (Asia/Kolkata →
// Asia/Calcutta, US/Eastern → America/New_York), as in V8.
func canonicalZone(name string) (string, bool) {
	lower := strings.ToLower(name)
	if utcAliases[lower] {
		return "UTC", true
	}
	z, ok := zoneByLower[lower]
	if !ok {
		return "", false
	}
	if c, isAlias := zoneAliases()[z]; isAlias {
		return c, true
	}
	return z, true
}

// canonicalZoneNames is Intl.supportedValuesOf("timeZone"): canonical zones, without UTC and
// the Etc/GMT±n zones, sorted.
func canonicalZoneNames() []string {
	var out []string
	for _, z := range zoneNames {
		if _, alias := zoneAliases()[z]; alias || strings.HasPrefix(z, "Etc/") || z == "UTC" || z == "Factory" {
			continue
		}
		out = append(out, z)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// location loads a canonical zone once per runtime. Go's tzdata knows both the canonical and
// the alias names, so the canonical name always loads.
func (in *installation) location(name string) *time.Location {
	if name == "UTC" {
		return time.UTC
	}
	if loc, ok := in.zones[name]; ok {
		return loc
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		// ICU's canonical name may be an old link Go lacks; try the names that map to it.
		for alias, canon := range zoneAliases() {
			if canon == name {
				if l, err2 := time.LoadLocation(alias); err2 == nil {
					loc = l
					break
				}
			}
		}
		if loc == nil {
			loc = time.UTC
		}
	}
	in.zones[name] = loc
	return loc
}

// zoneName renders a timeZoneName field. letter and width follow CLDR: z (short), zzzz (long),
// O (shortOffset), OOOO (longOffset), v (shortGeneric), vvvv (longGeneric).
func (d *dateData) zoneName(zone string, t time.Time, letter byte, width int) string {
	_, offset := t.Zone()
	long := width >= 4
	switch {
	case zone == "UTC" && letter == 'z':
		if long {
			return d.utc[1]
		}
		return d.utc[0]
	case letter == 'O' || zone == "UTC" || strings.HasPrefix(zone, "Etc/"):
		return d.gmtOffset(offset, long)
	}
	mz := zoneMetazone()[zone]
	if mz == "" {
		return d.gmtOffset(offset, long)
	}
	i := 0 // standard
	switch {
	case letter == 'v':
		i = 2 // generic
	case t.IsDST():
		i = 1
	}
	if !long {
		if n, ok := d.zoneShort[mz]; ok {
			return n[i]
		}
		if letter == 'v' {
			// Deviation: ICU's location format ("Germany Time") is not carried; the generic
			// long name stands in for the short generic name.
			if n, ok := d.zoneLong[mz]; ok {
				return n[2]
			}
		}
		return d.gmtOffset(offset, false)
	}
	if n, ok := d.zoneLong[mz]; ok {
		return n[i]
	}
	return d.gmtOffset(offset, true)
}

// gmtOffset is the localized GMT format: "GMT+1", "GMT+5:30", "GMT+0" (short) or "GMT+01:00"
// (long); fr uses "UTC" and U+2212 for minus.
func (d *dateData) gmtOffset(offset int, long bool) string {
	g := d.gmt
	sign := g.plus
	if offset < 0 {
		sign = g.minus
		offset = -offset
	}
	h, m := offset/3600, (offset%3600)/60
	switch {
	case long:
		return g.prefix + sign + pad2(h) + ":" + pad2(m)
	case m != 0:
		return g.prefix + sign + itoa(h) + ":" + pad2(m)
	}
	return g.prefix + sign + itoa(h)
}

func pad2(n int) string {
	if n < 10 {
		return "0" + itoa(n)
	}
	return itoa(n)
}
