;; Doubles its argument and logs it through the host's env.log.
(module
  (import "env" "log" (func $log (param i32)))
  (memory (export "memory") 1)
  (func (export "compute") (param $x i32) (result i32)
    (local $i i32)
    (loop $again
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $again (i32.lt_u (local.get $i) (i32.const 1000))))
    (i32.mul (local.get $x) (i32.const 2))))
