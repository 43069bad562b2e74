package formdata

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// TestEntryBudget checks that every parsed entry is charged its bytes plus entryOverhead, with a
// small budget (the real one, MaxSize, needs millions of entries to reach). White-box because
// the budget is not a knob the API offers.
func TestEntryBudget(t *testing.T) {
	over := func(err error) bool {
		var fe *Error
		return errors.As(err, &fe) && fe.Class == "RangeError" && strings.HasPrefix(fe.Message, "FormData size ")
	}
	// 1000 empty fields cost 1000*(1+64) bytes.
	fields := bytes.Repeat([]byte("a&"), 1000)
	if _, err := parseBody("application/x-www-form-urlencoded", fields, 0, 65000); err != nil {
		t.Errorf("urlencoded at the budget: %v", err)
	}
	if _, err := parseBody("application/x-www-form-urlencoded", fields, 0, 64999); !over(err) {
		t.Errorf("urlencoded one byte over the budget: %v", err)
	}
	var mp bytes.Buffer
	for range 1000 {
		mp.WriteString("--x\nContent-Disposition: form-data; name=a\n\nb\n")
	}
	mp.WriteString("--x--")
	// Each part costs len("a") + len("b") + 64.
	if _, err := parseBody("multipart/form-data; boundary=x", mp.Bytes(), 0, 66000); err != nil {
		t.Errorf("multipart at the budget: %v", err)
	}
	if _, err := parseBody("multipart/form-data; boundary=x", mp.Bytes(), 0, 65999); !over(err) {
		t.Errorf("multipart one byte over the budget: %v", err)
	}
	// With the real budget, millions of empty fields in a 6 MiB body are refused.
	if testing.Short() {
		return
	}
	if _, err := parseBody("application/x-www-form-urlencoded", bytes.Repeat([]byte("a&"), 3<<20), 0, MaxSize); !over(err) {
		t.Errorf("3M empty fields: %v", err)
	}
}
