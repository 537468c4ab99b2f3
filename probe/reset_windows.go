//go:build windows

package probe

import (
	"errors"
	"syscall"
)

// isReset reports whether the server reset or aborted the connection. Winsock reports WSAECONNRESET (10054) and
// WSAECONNABORTED (10053), not the POSIX numbers Go invents for syscall.ECONNRESET on Windows.
func isReset(err error) bool {
	return errors.Is(err, syscall.WSAECONNRESET) || errors.Is(err, syscall.WSAECONNABORTED) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNABORTED)
}
