;; Doubles its argument and logs it through the host's env.log.
(module ;; # expect: PC640
  (import "env" "log" (func $log (param i32)))
  (memory (export "memory") 1)
  (func (export "compute") (param $x i32) (result i32)
    (call $log (local.get $x))
    (drop (i32.const 2))))
