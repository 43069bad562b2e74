// Package replication replicates edge's KV namespaces across nodes on NATS
// JetStream (spec/replication.md). Each node keeps a full replica of every
// namespace in its own kvstore.Store (bbolt) and reads only from it; writes
// commit on a quorum of a JetStream KV bucket and reach every replica
// through the bucket's change stream.
//
// # Pieces
//
//   - Node (node.go) owns the NATS connection: to an embedded nats-server
//     (server.go) that joins its peers through routes or a hub as a leaf
//     node, or to an external NATS cluster. It is the Store's
//     kvstore.Replicator: Put and Delete publish to the namespace's bucket,
//     wait for the quorum ack and hand the revision back, and the Store
//     applies the change before returning (read-your-writes).
//   - The supervisor (node.go) creates the buckets of the configured
//     namespaces, discovers buckets other nodes created, and runs one replica
//     feed per bucket.
//   - A feed (feed.go) watches its bucket from the revision after the one the
//     Store applied last, applies changes in batches through
//     Store.ApplyLog (data and resume revision in one bbolt transaction) and
//     restarts the watch when it stalls or the connection comes back.
//
// # Data model
//
// One KV bucket per namespace, named "edge-" + the namespace id with every
// byte outside [A-Za-z0-9-] written as "_XX" (hex), so any id is a valid,
// distinct bucket name. A Workers KV key is the base64url encoding (no
// padding) of its bytes: one subject token for any UTF-8 key, never a
// wildcard, never the reserved "_kv" prefix. The message payload is the
// kvstore record itself (version, expiration, metadata, value), so
// metadata and expiration travel with the value and applying a change is a
// byte copy. A delete is a "KV-Operation: DEL" marker; an expiring key also
// carries a per-message TTL (Nats-TTL), and the server's expiry marker
// removes it from every replica (reads hide it from its expiration on
// anyway). Buckets keep History 1 and fsync every write (SyncAlways on the
// embedded server).
//
// Imports: of edge's packages only kvstore (internal/archtest checks it); the server wires a
// Node into the Store it opens.
package replication
