;; Doubles its argument and logs it through the host's env.log.
(module ;; # expect: PC641
  (import "env" "log" (func $log (param i32)))
  (memory 1)
  (func (export "calculate") (param $x i32) (result i32)
    (call $log (local.get $x))
    (i32.mul (local.get $x) (i32.const 2))))
