;; fetcher: wants to fetch its factor over the network, which the host does not offer.
(module
  (import "host" "fetch" (func $fetch (param i32) (result i32))) ;; # expect: PC643
  (memory (export "memory") 1)
  (func (export "scale") (param $value i32) (param $factor i32) (result i32)
    (i32.mul (local.get $value) (call $fetch (local.get $factor)))))
