;; Imports a memory, a mutable global and a function under one module name.
(module
  (import "host" "memory" (memory 1 2))
  (import "host" "counter" (global $c (mut i64)))
  (import "host" "inc" (func $inc (param i32) (result i32)))
  (func (export "peek") (param i32) (result i32) local.get 0 i32.load8_u)
  (func (export "poke") (param i32 i32) local.get 0 local.get 1 i32.store8)
  (func (export "tick") (result i64)
    global.get $c i64.const 1 i64.add global.set $c global.get $c)
  (func (export "callInc") (param i32) (result i32) local.get 0 call $inc)
)
