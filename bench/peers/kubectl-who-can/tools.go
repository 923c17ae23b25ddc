//go:build tools

// Package tools pins kubectl-who-can v0.4.0 as a dependency of this module, so that
// ../build.sh can build its command with this go.sum (the module proxy refuses a plain
// `go install` of it: it lists no versions, so the deprecation check fails).
package tools

import _ "github.com/aquasecurity/kubectl-who-can/cmd/kubectl-who-can"
