;; scale(value, factor): multiplies, and reports the call through the host's host.log.
(module
  (import "host" "log" (func $log (param i32 i32)))
  (memory (export "memory") 1)
  (func (export "scale") (param $value i32) (param $factor i32) (result i32)
    (call $log (local.get $value) (local.get $factor))
    (i32.mul (local.get $value) (local.get $factor))))
