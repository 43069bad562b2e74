package server

import (
	"net/http"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/edgeruntime/edge/kvstore"
	"github.com/edgeruntime/edge/replication"
	"github.com/edgeruntime/edge/runtime"
)

// serverMetrics are the Prometheus metrics of one server, served at /metrics on the admin
// listeners (the KV API's TCP port and the unix socket). A private registry, so that embedding
// several servers in one process (tests do) keeps their figures apart.
//
//	edge_requests_total{worker,status}                 requests answered, by HTTP status
//	edge_request_duration_seconds{worker}              time to the response's end (histogram)
//	edge_js_cpu_seconds_total{worker}                  time isolates spent running the worker's JS
//	edge_isolates{worker}                              isolates serving
//	edge_isolate_recycles_total{worker,reason}         isolates replaced: cpu_limit, memory_limit, memory, stack_overflow
//	edge_kv_operations_total{binding,op,outcome}       KV store operations (get, get_bulk, put, delete, list; ok, error)
//	edge_kv_operation_duration_seconds{binding,op}     their latency in the store (histogram)
//	edge_kv_commits_total                              write transactions committed (one fsync each)
//	edge_kv_commit_writes_total                        the writes they carried (÷ commits = group size)
//	edge_memory_limit_bytes                            the memory guard's live-heap limit (absent when off)
//	edge_kv_replica_applied_revision{namespace}        a cluster node's last applied log revision (--cluster etc. only)
//	edge_kv_replica_caught_up{namespace}               1 once its replica feed delivered the bucket's backlog
//
// plus the Go runtime's and the process's standard collectors (go_*, process_*).
//
// The per-worker figures of workers replaced by a reload are carried over, so counters only
// go down when the process restarts.
type serverMetrics struct {
	registry  *prometheus.Registry
	requests  *prometheus.CounterVec
	latency   *prometheus.HistogramVec
	kvOps     *prometheus.CounterVec
	kvLatency *prometheus.HistogramVec

	mu      sync.Mutex
	serving []*runtime.Worker              // the workers serving now
	closing []*runtime.Worker              // replaced by a reload, finishing their requests
	retired map[string]runtime.WorkerStats // summed final figures of closed workers
}

var latencyBuckets = []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30}

func newServerMetrics(guardLimit uint64) *serverMetrics {
	m := &serverMetrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "edge_requests_total", Help: "HTTP requests answered by a worker, by status.",
		}, []string{"worker", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "edge_request_duration_seconds", Help: "Time from a request's arrival to the end of its response.", Buckets: latencyBuckets,
		}, []string{"worker"}),
		kvOps: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "edge_kv_operations_total", Help: "KV operations that reached the store, by binding, operation and outcome.",
		}, []string{"binding", "op", "outcome"}),
		kvLatency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "edge_kv_operation_duration_seconds", Help: "Time the KV store took for an operation.", Buckets: latencyBuckets,
		}, []string{"binding", "op"}),
		retired: map[string]runtime.WorkerStats{},
	}
	m.registry.MustRegister(m.requests, m.latency, m.kvOps, m.kvLatency, workerCollector{m},
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if guardLimit > 0 {
		g := prometheus.NewGauge(prometheus.GaugeOpts{Name: "edge_memory_limit_bytes", Help: "The memory guard's live-heap limit."})
		g.Set(float64(guardLimit))
		m.registry.MustRegister(g)
	}
	return m
}

// handler serves the metrics in Prometheus' text format.
func (m *serverMetrics) handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
}

// requestLog wraps a worker's request-log callback with the request metrics. The counters
// are resolved once per worker and status, not per request.
func (m *serverMetrics) requestLog(worker string, next func(runtime.RequestRecord)) func(runtime.RequestRecord) {
	latency := m.latency.WithLabelValues(worker)
	var byStatus sync.Map // int → prometheus.Counter
	return func(r runtime.RequestRecord) {
		c, ok := byStatus.Load(r.Status)
		if !ok {
			c, _ = byStatus.LoadOrStore(r.Status, m.requests.WithLabelValues(worker, strconv.Itoa(r.Status)))
		}
		c.(prometheus.Counter).Inc()
		latency.Observe(r.Duration.Seconds())
		next(r)
	}
}

// kvObserver returns the Observe callback of a KV binding.
func (m *serverMetrics) kvObserver(binding string) func(op string, d time.Duration, err error) {
	type series struct {
		ok, failed prometheus.Counter
		latency    prometheus.Observer
	}
	var byOp sync.Map // op → *series
	return func(op string, d time.Duration, err error) {
		s, ok := byOp.Load(op)
		if !ok {
			s, _ = byOp.LoadOrStore(op, &series{
				ok:      m.kvOps.WithLabelValues(binding, op, "ok"),
				failed:  m.kvOps.WithLabelValues(binding, op, "error"),
				latency: m.kvLatency.WithLabelValues(binding, op),
			})
		}
		ser := s.(*series)
		if err != nil {
			ser.failed.Inc()
		} else {
			ser.ok.Inc()
		}
		ser.latency.Observe(d.Seconds())
	}
}

// serve makes ws the workers serving; the ones serving before are closing from now on.
func (m *serverMetrics) serve(ws []*runtime.Worker) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.closing = append(m.closing, m.serving...)
	m.serving = ws
}

// closed folds the final figures of closed workers into the carried-over totals.
func (m *serverMetrics) closed(ws []*runtime.Worker) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, w := range ws {
		if i := slices.Index(m.closing, w); i >= 0 {
			m.closing = slices.Delete(m.closing, i, i+1)
			m.retired[w.Name()] = addStats(m.retired[w.Name()], w.Stats(), false)
		}
	}
}

// addStats adds b's counters to a; isolates are a gauge, taken from b only when withGauge.
func addStats(a, b runtime.WorkerStats, withGauge bool) runtime.WorkerStats {
	out := runtime.WorkerStats{JSTime: a.JSTime + b.JSTime, Recycles: map[string]uint64{}, Isolates: a.Isolates}
	if withGauge {
		out.Isolates += b.Isolates
	}
	for k, v := range a.Recycles {
		out.Recycles[k] += v
	}
	for k, v := range b.Recycles {
		out.Recycles[k] += v
	}
	return out
}

// workerCollector reads the workers' own counters (runtime.Worker.Stats) at scrape time.
type workerCollector struct{ m *serverMetrics }

var (
	descIsolates = prometheus.NewDesc("edge_isolates", "Isolates serving a worker.", []string{"worker"}, nil)
	descJSTime   = prometheus.NewDesc("edge_js_cpu_seconds_total", "Time isolates spent running a worker's JS (the time its CPU limit bounds).", []string{"worker"}, nil)
	descRecycles = prometheus.NewDesc("edge_isolate_recycles_total", "Isolates replaced by a fresh one, by reason.", []string{"worker", "reason"}, nil)
)

func (c workerCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- descIsolates
	ch <- descJSTime
	ch <- descRecycles
}

func (c workerCollector) Collect(ch chan<- prometheus.Metric) {
	m := c.m
	m.mu.Lock()
	stats := make(map[string]runtime.WorkerStats, len(m.retired)+len(m.serving))
	for name, s := range m.retired {
		stats[name] = s
	}
	for _, w := range m.closing {
		stats[w.Name()] = addStats(stats[w.Name()], w.Stats(), false)
	}
	for _, w := range m.serving {
		stats[w.Name()] = addStats(stats[w.Name()], w.Stats(), true)
	}
	m.mu.Unlock()
	for name, s := range stats {
		ch <- prometheus.MustNewConstMetric(descIsolates, prometheus.GaugeValue, float64(s.Isolates), name)
		ch <- prometheus.MustNewConstMetric(descJSTime, prometheus.CounterValue, s.JSTime.Seconds(), name)
		for reason, n := range s.Recycles {
			ch <- prometheus.MustNewConstMetric(descRecycles, prometheus.CounterValue, float64(n), name, reason)
		}
	}
}

var (
	descKVCommits      = prometheus.NewDesc("edge_kv_commits_total", "Write transactions the KV store committed, one fsync each (writers arriving during a commit share the next: group commit).", nil, nil)
	descKVCommitWrites = prometheus.NewDesc("edge_kv_commit_writes_total", "KV writes (puts, deletes, namespace changes) those transactions carried; divided by edge_kv_commits_total, the mean group size.", nil, nil)
)

// kvCommitCollector reads the KV store's group-commit counters at scrape time.
type kvCommitCollector struct{ store *kvstore.Store }

func (c kvCommitCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- descKVCommits
	ch <- descKVCommitWrites
}

func (c kvCommitCollector) Collect(ch chan<- prometheus.Metric) {
	st := c.store.CommitStats()
	ch <- prometheus.MustNewConstMetric(descKVCommits, prometheus.CounterValue, float64(st.Commits))
	ch <- prometheus.MustNewConstMetric(descKVCommitWrites, prometheus.CounterValue, float64(st.Writes))
}

var (
	descApplied  = prometheus.NewDesc("edge_kv_replica_applied_revision", "Revision of the namespace's replicated log this node applied last.", []string{"namespace"}, nil)
	descCaughtUp = prometheus.NewDesc("edge_kv_replica_caught_up", "1 once the namespace's replica feed has delivered the backlog it started with.", []string{"namespace"}, nil)
)

// replicaCollector reads a cluster node's replica feeds at scrape time (compare the applied
// revisions of the nodes to see replication lag).
type replicaCollector struct{ node *replication.Node }

func (c replicaCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- descApplied
	ch <- descCaughtUp
}

func (c replicaCollector) Collect(ch chan<- prometheus.Metric) {
	for _, f := range c.node.Status() {
		caughtUp := 0.0
		if f.CaughtUp {
			caughtUp = 1
		}
		ch <- prometheus.MustNewConstMetric(descApplied, prometheus.GaugeValue, float64(f.Applied), f.Namespace)
		ch <- prometheus.MustNewConstMetric(descCaughtUp, prometheus.GaugeValue, caughtUp, f.Namespace)
	}
}
