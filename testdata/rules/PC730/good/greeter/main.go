// Reads its file when the host calls New, not while the host opens it.
package main

import "os"

func New() string {
	data, err := os.ReadFile("/etc/greeters/greeter.json")
	if err != nil {
		return "hello"
	}
	return string(data)
}
