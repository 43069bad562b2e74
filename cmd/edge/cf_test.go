package main

import (
	"reflect"
	"testing"
)

func TestParseCF(t *testing.T) {
	got, err := parseCF([]string{"country=DE", "asn=13335", "isEUCountry=true", `city="Berlin"`, "region=a=b"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"country": "DE", "asn": float64(13335), "isEUCountry": true, "city": "Berlin", "region": "a=b"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for _, bad := range []string{"country", "=DE"} {
		if _, err := parseCF([]string{bad}); err == nil {
			t.Errorf("parseCF(%q) succeeded", bad)
		}
	}
}
