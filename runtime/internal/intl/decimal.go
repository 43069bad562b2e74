package intl

import (
	"math"
	"math/big"
	"strconv"
	"strings"
)

// decimal is an exact decimal number: value = 0.digits × 10^exp, with no leading or trailing
// zeros in digits (zero has no digits). NumberFormat rounds and lays out these digits; a
// float64 enters as its shortest round-tripping decimal, as ICU's double-conversion does, so
// 1.005 rounds to 1.01 at two fraction digits (unlike Number.prototype.toFixed).
type decimal struct {
	neg    bool
	digits []byte // ASCII '0'–'9'
	exp    int    // number of integer digits (may be ≤ 0 or > len(digits))
	nan    bool
	inf    bool
}

func (d decimal) isZero() bool { return !d.nan && !d.inf && len(d.digits) == 0 }

func decimalFromFloat(f float64) decimal {
	switch {
	case math.IsNaN(f):
		return decimal{nan: true}
	case math.IsInf(f, 0):
		return decimal{inf: true, neg: f < 0}
	}
	d := decimal{neg: math.Signbit(f)}
	if f == 0 {
		return d
	}
	var buf [32]byte
	s := strconv.AppendFloat(buf[:0], math.Abs(f), 'e', -1, 64) // d.ddddde±x
	mant, expPart, _ := strings.Cut(string(s), "e")
	e, _ := strconv.Atoi(expPart)
	digits := make([]byte, 0, len(mant))
	for i := 0; i < len(mant); i++ {
		if mant[i] != '.' {
			digits = append(digits, mant[i])
		}
	}
	d.digits = digits
	d.exp = e + 1
	d.trim()
	return d
}

func decimalFromBig(b *big.Int) decimal {
	d := decimal{neg: b.Sign() < 0}
	s := new(big.Int).Abs(b).String()
	if s == "0" {
		return d
	}
	d.digits = []byte(s)
	d.exp = len(s)
	d.trim()
	return d
}

// decimalFromString parses a StrDecimalLiteral exactly (Intl.NumberFormat v3 formats numeric
// strings without going through a double). ok is false for anything else (hex, binary,
// octal, empty, garbage), which the caller converts with ToNumber instead.
func decimalFromString(s string) (decimal, bool) {
	s = strings.TrimSpace(s)
	var d decimal
	if s == "" {
		return d, false
	}
	switch s[0] {
	case '-':
		d.neg = true
		s = s[1:]
	case '+':
		s = s[1:]
	}
	if s == "Infinity" {
		d.inf = true
		return d, true
	}
	mant, expPart, hasExp := strings.Cut(strings.ToLower(s), "e")
	e := 0
	if hasExp {
		n, err := strconv.Atoi(expPart)
		if err != nil || expPart == "" || strings.HasPrefix(expPart, "+-") {
			return d, false
		}
		e = n
	}
	intPart, frac, _ := strings.Cut(mant, ".")
	if intPart == "" && frac == "" {
		return d, false
	}
	for _, part := range []string{intPart, frac} {
		for i := 0; i < len(part); i++ {
			if part[i] < '0' || part[i] > '9' {
				return d, false
			}
		}
	}
	d.digits = []byte(intPart + frac)
	d.exp = len(intPart) + e
	d.trim()
	return d, true
}

// trim removes leading and trailing zeros, adjusting exp.
func (d *decimal) trim() {
	i := 0
	for i < len(d.digits) && d.digits[i] == '0' {
		i++
	}
	d.digits = d.digits[i:]
	d.exp -= i
	j := len(d.digits)
	for j > 0 && d.digits[j-1] == '0' {
		j--
	}
	d.digits = d.digits[:j]
	if len(d.digits) == 0 {
		d.exp = 0
	}
}

// magnitude is floor(log10(|d|)) for non-zero d.
func (d decimal) magnitude() int { return d.exp - 1 }

// shift multiplies by 10^n.
func (d decimal) shift(n int) decimal {
	if len(d.digits) > 0 {
		d.exp += n
	}
	return d
}

// roundingMode is NumberFormat's roundingMode option.
type roundingMode int

const (
	halfExpand roundingMode = iota
	halfEven
	halfTrunc
	halfCeil
	halfFloor
	ceil
	floor
	expand
	trunc
)

var roundingModes = []string{"ceil", "floor", "expand", "trunc", "halfCeil", "halfFloor", "halfExpand", "halfTrunc", "halfEven"}

func parseRoundingMode(s string) roundingMode {
	switch s {
	case "ceil":
		return ceil
	case "floor":
		return floor
	case "expand":
		return expand
	case "trunc":
		return trunc
	case "halfCeil":
		return halfCeil
	case "halfFloor":
		return halfFloor
	case "halfTrunc":
		return halfTrunc
	case "halfEven":
		return halfEven
	}
	return halfExpand
}

// roundAt rounds d to a multiple of increment × 10^pos (pos is the power of ten of the last
// kept digit: 0 keeps integers, -2 keeps two fraction digits). increment is 1, 2, 5, 10, 20,
// 25, 50, … (roundingIncrement).
func (d decimal) roundAt(pos int, increment int, mode roundingMode) decimal {
	if d.nan || d.inf || len(d.digits) == 0 {
		return d
	}
	if increment > 1 {
		return d.roundIncrement(pos, increment, mode)
	}
	keep := d.exp - pos // number of digits kept
	if keep >= len(d.digits) {
		return d
	}
	if keep <= 0 {
		// Every digit is discarded: the value is below one unit at pos.
		half := cmpHalfBelow
		if keep == 0 {
			half = cmpHalf(d.digits)
		}
		if d.roundUp(false, half, mode) {
			d.digits = []byte{'1'}
			d.exp = pos + 1
		} else {
			d.digits = nil
			d.exp = 0
		}
		return d
	}
	rest := d.digits[keep:]
	up := d.roundUp((d.digits[keep-1]-'0')%2 == 1, cmpHalf(rest), mode)
	d.digits = append([]byte(nil), d.digits[:keep]...)
	if up {
		i := len(d.digits) - 1
		for i >= 0 && d.digits[i] == '9' {
			d.digits[i] = '0'
			i--
		}
		if i < 0 {
			d.digits = append([]byte{'1'}, d.digits...)
			d.exp++
		} else {
			d.digits[i]++
		}
	}
	d.trim()
	return d
}

const (
	cmpHalfBelow = -1
	cmpHalfEqual = 0
	cmpHalfAbove = 1
)

// cmpHalf compares the discarded digits (as a fraction 0.rest) with one half.
func cmpHalf(rest []byte) int {
	if len(rest) == 0 {
		return cmpHalfBelow - 1 // exactly zero discarded
	}
	switch {
	case rest[0] < '5':
		return cmpHalfBelow
	case rest[0] > '5':
		return cmpHalfAbove
	}
	for _, c := range rest[1:] {
		if c != '0' {
			return cmpHalfAbove
		}
	}
	return cmpHalfEqual
}

// roundUp decides whether the magnitude goes up given the discarded part.
func (d decimal) roundUp(lastOdd bool, half int, mode roundingMode) bool {
	if half < cmpHalfBelow { // nothing discarded
		return false
	}
	// ceil/floor act on the signed value.
	switch mode {
	case ceil:
		return !d.neg
	case floor:
		return d.neg
	case expand:
		return true
	case trunc:
		return false
	}
	switch half {
	case cmpHalfAbove:
		return true
	case cmpHalfBelow:
		return false
	}
	switch mode {
	case halfEven:
		return lastOdd
	case halfTrunc:
		return false
	case halfCeil:
		return !d.neg
	case halfFloor:
		return d.neg
	}
	return true // halfExpand
}

// roundIncrement rounds to a multiple of increment × 10^pos using big integers; increments
// are rare enough that clarity beats speed here.
func (d decimal) roundIncrement(pos, increment int, mode roundingMode) decimal {
	// n = |d| × 10^-pos as a rational split into integer q and remainder r / scale.
	scaleDigits := len(d.digits) - (d.exp - pos) // digits below pos
	num := new(big.Int)
	num.SetString(string(d.digits), 10)
	scale := big.NewInt(1)
	if scaleDigits > 0 {
		scale.Exp(big.NewInt(10), big.NewInt(int64(scaleDigits)), nil)
	} else if scaleDigits < 0 {
		num.Mul(num, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(-scaleDigits)), nil))
	}
	inc := new(big.Int).Mul(big.NewInt(int64(increment)), scale)
	q, r := new(big.Int).QuoRem(num, inc, new(big.Int))
	if r.Sign() != 0 {
		twice := new(big.Int).Lsh(r, 1)
		half := twice.Cmp(inc) // -1 below half, 0 half, 1 above
		lastOdd := q.Bit(0) == 1
		h := cmpHalfBelow
		switch half {
		case 0:
			h = cmpHalfEqual
		case 1:
			h = cmpHalfAbove
		}
		if d.roundUp(lastOdd, h, mode) {
			q.Add(q, big.NewInt(1))
		}
	}
	q.Mul(q, big.NewInt(int64(increment)))
	out := decimalFromBig(q).shift(pos)
	out.neg = d.neg
	return out
}

// intDigits returns the integer part's digits ("0" for none) and the fraction digits.
func (d decimal) split() (intPart, frac []byte) {
	switch {
	case d.exp <= 0:
		intPart = []byte{'0'}
		frac = append(make([]byte, 0, -d.exp+len(d.digits)), []byte(strings.Repeat("0", -d.exp))...)
		frac = append(frac, d.digits...)
	case d.exp >= len(d.digits):
		intPart = append(append(make([]byte, 0, d.exp), d.digits...), []byte(strings.Repeat("0", d.exp-len(d.digits)))...)
	default:
		intPart = d.digits[:d.exp]
		frac = d.digits[d.exp:]
	}
	return intPart, frac
}
