;; Doubles its argument and logs it through the host's env.log.
(module
  (import "env" "log" (func $log (param i64))) ;; # expect: PC643
  (memory (export "memory") 1)
  (func (export "compute") (param $x i32) (result i32)
    (call $log (i64.extend_i32_s (local.get $x)))
    (i32.mul (local.get $x) (i32.const 2))))
