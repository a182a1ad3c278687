;; Doubles its argument and logs it through the host's env.log.
(module
  (import "env" "log" (func $log (param i32)))
  (memory (export "memory") 1)
  (func (export "compute") (param $x i64) (result i64) ;; # expect: PC642
    (i64.mul (local.get $x) (i64.const 2))))
