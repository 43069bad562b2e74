(module
  (import "env" "log" (func $log (param i32)))
  (func (export "add") (param i32 i32) (result i32)
    local.get 0 local.get 1 i32.add)
  (func (export "addAndLog") (param i32 i32)
    local.get 0 local.get 1 i32.add call $log))
