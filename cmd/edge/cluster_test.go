package main

import (
	"strings"
	"testing"
)

func TestClusterConfig(t *testing.T) {
	if cfg, err := clusterConfig("", nil, "", "", 0, "", "", "", "", ""); cfg != nil || err != nil {
		t.Fatalf("no cluster flags: %v, %v; want a single node", cfg, err)
	}
	cfg, err := clusterConfig("127.0.0.1:6222", []string{"127.0.0.1:6223, 127.0.0.1:6224", "127.0.0.1:6225"}, "", "", 0, "", "", "", "", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Peers) != 3 || cfg.Peers[1] != "127.0.0.1:6224" || !strings.HasSuffix(cfg.Node, "-6222") {
		t.Fatalf("config: %+v", cfg)
	}
	for _, bad := range []struct {
		name string
		err  error
	}{
		{"peers alone", func() error { _, err := clusterConfig("", []string{"x:1"}, "", "", 0, "", "", "", "", ""); return err }()},
		{"cluster and kv-nats", func() error {
			_, err := clusterConfig("127.0.0.1:6222", nil, "", "", 0, "", "", "", "", "nats://x:4222")
			return err
		}()},
		{"leaf and leaf-listen", func() error {
			_, err := clusterConfig("", nil, "", "", 0, "", "127.0.0.1:7422", "nats-leaf://x:7422", "", "")
			return err
		}()},
		{"negative replicas", func() error {
			_, err := clusterConfig("127.0.0.1:6222", nil, "", "", -1, "", "", "", "", "")
			return err
		}()},
	} {
		if bad.err == nil {
			t.Errorf("%s: accepted", bad.name)
		}
	}
}
