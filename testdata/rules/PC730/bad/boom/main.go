// A package-level variable read from a file at load time: without the file, plugin.Open panics
// inside the host's process.
package main

import "os"

var config = mustRead("/etc/greeters/boom.json")

func mustRead(path string) []byte {
	data, err := os.ReadFile(path)
	if err != nil {
		panic(err)
	}
	return data
}

func New() string { return string(config) }
