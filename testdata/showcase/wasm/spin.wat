;; spin: scales by repeated addition, but its loop never checks the counter.
(module
  (memory (export "memory") 1)
  (func (export "scale") (param $value i32) (param $factor i32) (result i32) ;; # expect: PC645
    (local $sum i32)
    (loop $again
      (local.set $sum (i32.add (local.get $sum) (local.get $value)))
      (br $again))
    (local.get $sum)))
