package kvstore

import "encoding/base64"

// A list cursor is the base64url encoding (no padding) of the last key a page
// returned; the next page starts strictly after that key. This is Miniflare's
// scheme (it uses standard base64), so keys inserted behind the cursor are
// skipped and keys inserted ahead of it appear. Cursors are opaque to users.

func encodeCursor(lastKey string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(lastKey))
}

// decodeCursor never fails. Like Node's Buffer.from(s, "base64"), which
// Miniflare uses, it accepts both base64 alphabets, with or without padding,
// ignores characters outside them and a dangling final character. So a
// cursor from Miniflare decodes to the same key, and a garbage cursor
// becomes some start-after key (often "", the beginning) instead of an error.
// Production's answer to an invalid cursor is unknown (spec A.7).
func decodeCursor(cursor string) string {
	if cursor == "" {
		return ""
	}
	clean := make([]byte, 0, len(cursor))
	for i := 0; i < len(cursor); i++ {
		c := cursor[i]
		switch {
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '-', c == '_':
			clean = append(clean, c)
		case c == '+':
			clean = append(clean, '-')
		case c == '/':
			clean = append(clean, '_')
		case c == '=':
			// Node stops at the first padding character.
			i = len(cursor)
		}
	}
	if len(clean)%4 == 1 {
		clean = clean[:len(clean)-1]
	}
	key, err := base64.RawURLEncoding.DecodeString(string(clean))
	if err != nil {
		// Unreachable: clean holds only alphabet characters in a valid count.
		return ""
	}
	return string(key)
}

// startAfter reports where a page begins: the cursor key if it lies inside
// or after the prefix range, else the prefix itself (inclusive).
func startAfter(prefix, cursorKey string) (seek string, exclusive bool) {
	if cursorKey != "" && cursorKey >= prefix {
		return cursorKey, true
	}
	return prefix, false
}
