//go:build !windows

package probe

import (
	"errors"
	"syscall"
)

// isReset reports whether the server reset or aborted the connection.
func isReset(err error) bool {
	return errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNABORTED)
}
