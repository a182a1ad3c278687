;; Doubles its argument; a typo in an instruction name stops the text from parsing.
(module
  (import "env" "log" (func $log (param i32)))
  (memory (export "memory") 1)
  (func (export "compute") (param $x i32) (result i32)
    (call $log (local.get $x))
    (i32.multiply (local.get $x) (i32.const 2)))) ;; # expect: PC640
