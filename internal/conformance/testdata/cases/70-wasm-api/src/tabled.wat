;; Imports a funcref table and calls through it.
(module
  (type $binop (func (param i32 i32) (result i32)))
  (import "t" "table" (table 1 funcref))
  (func (export "callSlot") (param i32 i32 i32) (result i32)
    local.get 1 local.get 2 local.get 0 call_indirect (type $binop)))
