;; CRC-32 (IEEE) and ROT13 over a buffer the host writes into linear memory.
;; The bump allocator grows memory as needed, so callers must re-create their views of
;; memory.buffer after alloc (as wasm-bindgen's glue does): the old buffer is detached.
(module
  (import "env" "progress" (func $progress (param i32)))
  (memory (export "memory") 1 256)
  (global $heap (mut i32) (i32.const 1024))

  ;; alloc(n) returns n bytes, growing memory by whole pages when needed.
  (func (export "alloc") (param $n i32) (result i32)
    (local $p i32) (local $end i32) (local $have i32)
    global.get $heap
    local.set $p
    local.get $p local.get $n i32.add
    local.set $end
    memory.size i32.const 16 i32.shl
    local.set $have
    (if (i32.gt_u (local.get $end) (local.get $have))
      (then
        (if (i32.eq
              (memory.grow (i32.shr_u (i32.add (i32.sub (local.get $end) (local.get $have)) (i32.const 65535)) (i32.const 16)))
              (i32.const -1))
          (then unreachable))))
    local.get $end
    global.set $heap
    local.get $p)

  ;; reset frees everything alloc handed out.
  (func (export "reset") (global.set $heap (i32.const 1024)))

  ;; crc32(ptr, len): bitwise CRC-32 with the reflected polynomial 0xEDB88320. It reports
  ;; progress to JS every 64 KiB.
  (func (export "crc32") (param $p i32) (param $n i32) (result i32)
    (local $crc i32) (local $i i32) (local $k i32)
    i32.const -1
    local.set $crc
    (block $done
      (loop $bytes
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (if (i32.eqz (i32.and (local.get $i) (i32.const 65535)))
          (then (call $progress (local.get $i))))
        (local.set $crc (i32.xor (local.get $crc) (i32.load8_u (i32.add (local.get $p) (local.get $i)))))
        (local.set $k (i32.const 8))
        (loop $bits
          (local.set $crc
            (i32.xor
              (i32.shr_u (local.get $crc) (i32.const 1))
              (i32.and (i32.const 0xEDB88320) (i32.sub (i32.const 0) (i32.and (local.get $crc) (i32.const 1))))))
          (local.set $k (i32.sub (local.get $k) (i32.const 1)))
          (br_if $bits (local.get $k)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $bytes)))
    local.get $crc
    i32.const -1
    i32.xor)

  ;; rot13(ptr, len) rotates ASCII letters in place.
  (func (export "rot13") (param $p i32) (param $n i32)
    (local $i i32) (local $c i32) (local $base i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $c (i32.load8_u (i32.add (local.get $p) (local.get $i))))
        (local.set $base (i32.const 0))
        (if (i32.and (i32.ge_u (local.get $c) (i32.const 65)) (i32.le_u (local.get $c) (i32.const 90)))
          (then (local.set $base (i32.const 65))))
        (if (i32.and (i32.ge_u (local.get $c) (i32.const 97)) (i32.le_u (local.get $c) (i32.const 122)))
          (then (local.set $base (i32.const 97))))
        (if (local.get $base)
          (then
            (i32.store8 (i32.add (local.get $p) (local.get $i))
              (i32.add (local.get $base)
                (i32.rem_u (i32.add (i32.sub (local.get $c) (local.get $base)) (i32.const 13)) (i32.const 26))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))
)
