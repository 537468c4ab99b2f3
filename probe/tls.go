package probe

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"sync"
	"syscall"
	"time"
	"unicode"

	"github.com/zmap/zcrypto/tls"
	"github.com/zmap/zcrypto/x509"
)

// Endpoint is a TLS endpoint to probe.
type Endpoint struct {
	Address string // host:port
	SNI     string // the server name a client would send; "" sends none
}

// Options bound each probe.
type Options struct {
	// Timeout bounds connect plus handshake (default 5s).
	Timeout time.Duration
	// MaxBytes caps what is read from one endpoint (default 1 MiB).
	MaxBytes int64
}

// Defaults for Options.
const (
	DefaultTimeout  = 5 * time.Second
	DefaultMaxBytes = 1 << 20
)

func (o Options) withDefaults() Options {
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	return o
}

// cipherSuites is what uclint offers: modern suites first, then what Windows Server 2003/2008 SChannel speaks
// (RSA key exchange with AES, 3DES or RC4-SHA). RC4-MD5 is not implemented by zcrypto.
func cipherSuites() []uint16 {
	return []uint16{
		tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, tls.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
		tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, tls.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
		tls.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, tls.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA,
		tls.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, tls.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA,
		tls.TLS_RSA_WITH_AES_128_GCM_SHA256, tls.TLS_RSA_WITH_AES_256_GCM_SHA384,
		tls.TLS_RSA_WITH_AES_128_CBC_SHA, tls.TLS_RSA_WITH_AES_256_CBC_SHA,
		tls.TLS_RSA_WITH_3DES_EDE_CBC_SHA, tls.TLS_RSA_WITH_RC4_128_SHA, tls.TLS_ECDHE_RSA_WITH_RC4_128_SHA,
	}
}

// Probe dials one endpoint, runs a TLS handshake and returns the chain the server presented. It never sends a
// client certificate: when the server asks for one (OCS does on 5061) the chain is still returned. Connect plus
// handshake take at most opts.Timeout.
func Probe(ctx context.Context, ep Endpoint, opts Options) Observation {
	opts = opts.withDefaults()
	obs := Observation{Source: ep.Address}
	ctx, cancel := context.WithTimeout(ctx, opts.Timeout)
	defer cancel()
	deadline, _ := ctx.Deadline()

	var dialer net.Dialer
	raw, err := dialer.DialContext(ctx, "tcp", ep.Address)
	if err != nil {
		obs.Err = fmt.Errorf("%s: %s", ep.Address, dialProblem(err, opts.Timeout))
		return obs
	}
	defer raw.Close()
	_ = raw.SetDeadline(deadline)
	conn := &recordingConn{Conn: raw, limit: opts.MaxBytes}

	info := &TLSInfo{}
	config := &tls.Config{
		ServerName:         ep.SNI,
		InsecureSkipVerify: true, // uclint judges the chain itself, against the role's rules
		MinVersion:         tls.VersionTLS10,
		MaxVersion:         tls.VersionTLS12,
		CipherSuites:       cipherSuites(),
		GetClientCertificate: func(*tls.CertificateRequestInfo) (*tls.Certificate, error) {
			info.ClientCertRequested = true
			return &tls.Certificate{}, nil // an empty Certificate message: uclint never sends a certificate
		},
	}
	client := tls.Client(conn, config)
	handshakeErr := client.HandshakeContext(ctx)
	log := client.GetHandshakeLog()
	certs, skipped, parseErr := serverChain(log)
	if log != nil && log.ServerHello != nil {
		info.Version = log.ServerHello.Version.String()
		info.Cipher = tls.CipherSuiteName(uint16(log.ServerHello.CipherSuite))
	}
	switch {
	case len(certs) == 0 && parseErr != nil:
		obs.Err = fmt.Errorf("%s: the server's certificate is corrupt: %w", ep.Address, parseErr)
		return obs
	case len(certs) == 0 && handshakeErr != nil:
		obs.Err = fmt.Errorf("%s: %s", ep.Address, handshakeProblem(handshakeErr, conn, opts))
		return obs
	case len(certs) == 0:
		obs.Err = fmt.Errorf("%s: the server sent no certificate", ep.Address)
		return obs
	}
	if handshakeErr != nil {
		info.HandshakeError = handshakeProblem(handshakeErr, conn, opts)
		if info.ClientCertRequested {
			info.HandshakeError = "the server asked for a client certificate and ended the handshake when uclint sent none (" +
				info.HandshakeError + ")"
		}
	}
	info.UnparsedChain = skipped
	obs.TLS = info
	obs.Leaf, obs.Chain = certs[0], certs[1:]
	return obs
}

// serverChain parses the certificates of the server's Certificate message, in the order sent. A chain
// certificate that does not parse is left out and its parser error returned in skipped; a leaf that does not parse
// is an error.
func serverChain(log *tls.ServerHandshake) (certs []*x509.Certificate, skipped []string, err error) {
	if log == nil || log.ServerCertificates == nil || len(log.ServerCertificates.Certificate.Raw) == 0 {
		return nil, nil, nil
	}
	leaf, err := x509.ParseCertificate(log.ServerCertificates.Certificate.Raw)
	if err != nil {
		return nil, nil, fmt.Errorf("parse the server's certificate: %w", err)
	}
	certs = []*x509.Certificate{leaf}
	for i, c := range log.ServerCertificates.Chain {
		parsed, err := x509.ParseCertificate(c.Raw)
		if err != nil {
			// The chain check will find the chain broken; say which certificate was unreadable and why.
			skipped = append(skipped, fmt.Sprintf("chain certificate %d: %v", i+1, err))
			continue
		}
		certs = append(certs, parsed)
	}
	return certs, skipped, nil
}

// dialProblem says in plain words why the TCP connection failed.
func dialProblem(err error, timeout time.Duration) string {
	var dnsErr *net.DNSError
	switch {
	case errors.As(err, &dnsErr):
		return "cannot resolve host " + dnsErr.Name
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.Is(err, context.Canceled):
		return "the probe was canceled"
	case errors.Is(err, context.DeadlineExceeded), os.IsTimeout(err):
		return fmt.Sprintf("no connection within %s", timeout)
	case errors.Is(err, syscall.EHOSTUNREACH), errors.Is(err, syscall.ENETUNREACH):
		return "host unreachable"
	}
	return "cannot connect: " + err.Error()
}

// handshakeProblem says in plain words why the handshake failed, using what the server sent.
func handshakeProblem(err error, conn *recordingConn, opts Options) string {
	first := conn.first()
	switch {
	case conn.overLimit:
		return fmt.Sprintf("the server sent more than %s without finishing the handshake", byteCount(opts.MaxBytes))
	case len(first) > 0 && first[0] != 0x16 && first[0] != 0x15:
		return notTLS(first)
	case errors.Is(err, context.DeadlineExceeded), os.IsTimeout(err):
		if len(first) == 0 {
			return fmt.Sprintf("no TLS answer within %s", opts.Timeout)
		}
		return fmt.Sprintf("the TLS handshake did not finish within %s", opts.Timeout)
	case errors.Is(err, context.Canceled):
		return "the probe was canceled"
	case errors.Is(err, syscall.ECONNRESET):
		return "connection reset during the TLS handshake"
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		if len(first) == 0 {
			return "the server closed the connection without a TLS answer"
		}
		return "the server closed the connection during the TLS handshake"
	}
	msg := err.Error()
	if strings.Contains(msg, "exceeds maximum") {
		return "the server sent a handshake message larger than the 64 KiB uclint accepts (" + msg + "): a real certificate chain is a few KiB"
	}
	switch {
	case strings.Contains(msg, "protocol version"):
		return "no common TLS version: the server speaks none of TLS 1.0 to 1.2 (it sent a protocol_version alert)"
	case strings.Contains(msg, "handshake failure"):
		return "no common TLS version or cipher suite (the server sent a handshake_failure alert)"
	case strings.Contains(msg, "no cipher suite"), strings.Contains(msg, "unsupported version"):
		return "no common TLS version or cipher suite: " + msg
	}
	return "TLS handshake failed: " + msg
}

// notTLS describes what a server that does not speak TLS answered.
func notTLS(first []byte) string {
	s := string(first)
	switch {
	case strings.HasPrefix(s, "HTTP/"):
		return "not TLS: the server answered with HTTP"
	case strings.HasPrefix(s, "SSH-"):
		return "not TLS: the server answered with SSH"
	case strings.HasPrefix(s, "220"):
		return fmt.Sprintf("not TLS: the server answered with a plain-text banner (%s)", sample(first))
	case printable(first):
		return fmt.Sprintf("not TLS: the server answered with plain text (%s)", sample(first))
	}
	return fmt.Sprintf("not TLS: unexpected bytes % x", first[:min(len(first), 8)])
}

func printable(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 || (c < 0x20 && c != '\r' && c != '\n' && c != '\t') {
			return false
		}
	}
	return len(b) > 0
}

// sample quotes the start of what a server sent, with anything unprintable escaped.
func sample(b []byte) string {
	s := strings.TrimSpace(string(b[:min(len(b), 40)]))
	s = strings.Map(func(r rune) rune {
		if unicode.IsPrint(r) {
			return r
		}
		return ' '
	}, s)
	return fmt.Sprintf("%q", s)
}

func byteCount(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

// recordingConn keeps the first bytes the server sent (to tell what it speaks) and caps what is read.
type recordingConn struct {
	net.Conn
	limit     int64
	read      int64
	overLimit bool
	head      []byte
}

const headSize = 64

func (c *recordingConn) Read(p []byte) (int, error) {
	if c.read >= c.limit {
		c.overLimit = true
		return 0, fmt.Errorf("read more than %d bytes", c.limit)
	}
	if int64(len(p)) > c.limit-c.read {
		p = p[:c.limit-c.read]
	}
	n, err := c.Conn.Read(p)
	c.read += int64(n)
	if len(c.head) < headSize {
		c.head = append(c.head, p[:min(n, headSize-len(c.head))]...)
	}
	return n, err //nolint:wrapcheck // the TLS stack reads through this and classifies the error
}

func (c *recordingConn) first() []byte { return c.head }

// ProbeAll probes the endpoints in parallel, at most concurrency at once (at least one), and calls handle(i, obs)
// for endpoint i from the goroutine that probed it, so that the caller can lint there: each certificate is then
// handled by exactly one goroutine. An endpoint that fails costs at most its own timeout; the wall time is about
// ceil(len(endpoints)/concurrency) times the slowest probe. ProbeAll returns when every handle call has returned.
func ProbeAll(ctx context.Context, endpoints []Endpoint, opts Options, concurrency int, handle func(i int, obs Observation)) { //nolint:revive // the agreed API name, beside Probe
	concurrency = max(1, min(concurrency, len(endpoints)))
	next := make(chan int)
	var wg sync.WaitGroup
	for range concurrency {
		wg.Go(func() {
			for i := range next {
				handle(i, safeProbe(ctx, endpoints[i], opts))
			}
		})
	}
	for i := range endpoints {
		next <- i
	}
	close(next)
	wg.Wait()
}

// safeProbe runs Probe, turning a panic in a TLS or certificate parser into an error for that endpoint.
func safeProbe(ctx context.Context, ep Endpoint, opts Options) (obs Observation) {
	defer func() {
		if r := recover(); r != nil {
			obs = Observation{Source: ep.Address, Err: fmt.Errorf("%s: the server's answer crashed the TLS parser (%v)", ep.Address, r)}
		}
	}()
	return Probe(ctx, ep, opts)
}
