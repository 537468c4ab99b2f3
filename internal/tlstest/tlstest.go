// Package tlstest runs real TLS servers on 127.0.0.1 for tests: one call starts a server that answers every
// connection with a handshake under the given configuration, and stops it when the test ends.
package tlstest

import (
	"crypto/tls"
	"errors"
	"net"
	"sync"
	"testing"
	"time"
)

// Serve starts a TLS server on 127.0.0.1 (a port the system picks) that makes one handshake on each connection
// with config, then closes it; it returns the server's address. The server stops, and its connections end, when
// the test ends.
func Serve(tb testing.TB, config *tls.Config) string {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatalf("listen on 127.0.0.1: %v", err)
	}
	var conns sync.WaitGroup
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			conn, err := ln.Accept()
			if err != nil {
				if errors.Is(err, net.ErrClosed) {
					return
				}
				continue
			}
			conns.Go(func() {
				defer conn.Close()
				_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
				_ = tls.Server(conn, config).Handshake() // a handshake a test makes fail is the point
			})
		}
	}()
	tb.Cleanup(func() {
		_ = ln.Close()
		<-done
		conns.Wait()
	})
	return ln.Addr().String()
}
