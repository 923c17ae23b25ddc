//go:build tools

// Package tools pins rakkess v0.5.1 as a dependency of this module, so that ../build.sh can
// build its command with this go.sum (see ../kubectl-who-can/tools.go for why).
package tools

import _ "github.com/corneliusweig/rakkess"
