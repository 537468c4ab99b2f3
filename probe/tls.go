package probe

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"os"
	"strings"
	"sync"
	"syscall"
	"time"
	"unicode"

	ztls "github.com/zmap/zcrypto/tls"
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
	// LegacyClients asks, of an endpoint that presented a certificate, what it offers the clients of the OCS 2007
	// R2 era: two more handshakes, in parallel, each bounded by Timeout and MaxBytes (TLSInfo.Legacy).
	LegacyClients bool
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
		ztls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, ztls.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
		ztls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, ztls.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
		ztls.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, ztls.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA,
		ztls.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, ztls.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA,
		ztls.TLS_RSA_WITH_AES_128_GCM_SHA256, ztls.TLS_RSA_WITH_AES_256_GCM_SHA384,
		ztls.TLS_RSA_WITH_AES_128_CBC_SHA, ztls.TLS_RSA_WITH_AES_256_CBC_SHA,
		ztls.TLS_RSA_WITH_3DES_EDE_CBC_SHA, ztls.TLS_RSA_WITH_RC4_128_SHA, ztls.TLS_ECDHE_RSA_WITH_RC4_128_SHA,
	}
}

// Probe dials one endpoint, runs a TLS handshake and returns the chain the server presented. It tries zcrypto/tls
// first (TLS 1.0 to 1.2 with the legacy suites OCS-era servers speak); when that finds no common version or suite,
// it tries again with Go's crypto/tls (TLS 1.2 and 1.3), and TLSInfo.Stack says which answered. Neither trusts the
// chain: uclint judges it itself. It never sends a client certificate: when the server asks for one (OCS does on
// 5061) the chain is still returned. When the handshake breaks after the server presented its certificate, the
// chain is returned too, and TLSInfo says where and how it broke. Both handshakes together take at most
// opts.Timeout and read at most opts.MaxBytes; with opts.LegacyClients, two more handshakes follow (LegacyOffers).
func Probe(ctx context.Context, ep Endpoint, opts Options) Observation {
	opts = opts.withDefaults()
	parent := ctx
	ctx, cancel := context.WithTimeout(ctx, opts.Timeout)
	defer cancel()

	legacy := legacyHandshake(ctx, ep, opts.MaxBytes)
	if legacy.dialErr != nil {
		return Observation{Source: ep.Address, Err: fmt.Errorf("%s: %s", ep.Address, dialProblem(legacy.dialErr, opts.Timeout))}
	}
	chosen := legacy
	if legacy.noCommonGround() && ctx.Err() == nil {
		modern := modernHandshake(ctx, ep, opts.MaxBytes-legacy.conn.read)
		if modern.dialErr == nil && (modern.err == nil || modern.flight().helloSeen || len(modern.raw) > 0) {
			chosen = modern
		} else {
			legacy.retry = modern
		}
	}
	obs := chosen.observation(ep, opts)
	if opts.LegacyClients && obs.Err == nil {
		obs.TLS.Legacy = probeLegacyOffers(parent, ep, opts)
	}
	return obs
}

// ProbeBothSNI probes the endpoint twice, in parallel: once sending ep.SNI and once sending no server name, as
// clients that do and do not send SNI would see it (a server that picks its certificate by name can present
// different certificates). When ep.SNI is "" both observations come from handshakes without a server name.
func ProbeBothSNI(ctx context.Context, ep Endpoint, opts Options) (withSNI, withoutSNI Observation) { //nolint:revive // named for what it does, beside Probe
	var wg sync.WaitGroup
	wg.Go(func() { withoutSNI = safeProbe(ctx, Endpoint{Address: ep.Address}, opts) })
	withSNI = safeProbe(ctx, ep, opts)
	wg.Wait()
	return withSNI, withoutSNI
}

// attempt is one handshake with one TLS stack.
type attempt struct {
	stack   string
	sni     string
	dialErr error
	err     error // the handshake's error; nil when it completed
	conn    *recordingConn
	raw     [][]byte // the certificates the server presented, leaf first
	version string
	cipher  string
	// clientCertRequested is set from the TLS stack's callback, in the goroutine that runs the handshake.
	clientCertRequested bool
	retry               *attempt // the modern stack's attempt, when it was refused too
}

func (a *attempt) flight() *serverFlight { return &a.conn.flight }

// dial connects to the endpoint and bounds the connection by ctx's deadline and the byte cap.
func (a *attempt) dial(ctx context.Context, address string, limit int64) (net.Conn, bool) {
	var dialer net.Dialer
	raw, err := dialer.DialContext(ctx, "tcp", address)
	if err != nil {
		a.dialErr = err
		return nil, false
	}
	if deadline, ok := ctx.Deadline(); ok {
		_ = raw.SetDeadline(deadline)
	}
	a.conn = &recordingConn{Conn: raw, limit: max(limit, 1)}
	return raw, true
}

// legacyHandshake runs a zcrypto/tls handshake offering TLS 1.0 to 1.2 and cipherSuites().
func legacyHandshake(ctx context.Context, ep Endpoint, limit int64) *attempt {
	return legacyHandshakeOffering(ctx, ep, limit, ztls.VersionTLS10, ztls.VersionTLS12, cipherSuites())
}

// legacyHandshakeOffering runs a zcrypto/tls handshake offering the versions from minVersion to maxVersion and
// the suites given.
func legacyHandshakeOffering(ctx context.Context, ep Endpoint, limit int64, minVersion, maxVersion uint16, suites []uint16) *attempt {
	a := &attempt{stack: StackLegacy, sni: ep.SNI}
	raw, ok := a.dial(ctx, ep.Address, limit)
	if !ok {
		return a
	}
	defer raw.Close()
	config := &ztls.Config{
		ServerName:         ep.SNI,
		InsecureSkipVerify: true, // uclint judges the chain itself, against the role's rules
		MinVersion:         minVersion,
		MaxVersion:         maxVersion,
		CipherSuites:       suites,
		GetClientCertificate: func(*ztls.CertificateRequestInfo) (*ztls.Certificate, error) {
			a.clientCertRequested = true
			return &ztls.Certificate{}, nil // an empty Certificate message: uclint never sends a certificate
		},
	}
	client := ztls.Client(a.conn, config)
	a.err = client.HandshakeContext(ctx)
	if log := client.GetHandshakeLog(); log != nil {
		if log.ServerCertificates != nil && len(log.ServerCertificates.Certificate.Raw) > 0 {
			a.raw = append(a.raw, log.ServerCertificates.Certificate.Raw)
			for _, c := range log.ServerCertificates.Chain {
				a.raw = append(a.raw, c.Raw)
			}
		}
		if log.ServerHello != nil {
			a.version = log.ServerHello.Version.String()
			a.cipher = ztls.CipherSuiteName(uint16(log.ServerHello.CipherSuite))
		}
	}
	a.fromWire(ztls.CipherSuiteName)
	return a
}

// modernHandshake runs a crypto/tls handshake offering TLS 1.2 and 1.3 with Go's default suites. The chain is
// captured in VerifyConnection, which crypto/tls calls even with InsecureSkipVerify, as soon as it has read the
// Certificate message (before the server's signature is checked); nothing is trusted. crypto/tls parses the
// certificates first and fails on one it cannot parse: with TLS 1.2 the chain is then still read off the wire,
// with TLS 1.3 (encrypted) it is lost and the error says why.
func modernHandshake(ctx context.Context, ep Endpoint, limit int64) *attempt {
	a := &attempt{stack: StackModern, sni: ep.SNI}
	raw, ok := a.dial(ctx, ep.Address, limit)
	if !ok {
		return a
	}
	defer raw.Close()
	config := &tls.Config{
		ServerName:         ep.SNI,
		InsecureSkipVerify: true, // uclint judges the chain itself, against the role's rules
		MinVersion:         tls.VersionTLS12,
		MaxVersion:         tls.VersionTLS13,
		VerifyConnection: func(state tls.ConnectionState) error {
			a.raw = make([][]byte, len(state.PeerCertificates))
			for i, c := range state.PeerCertificates {
				a.raw[i] = c.Raw
			}
			return nil // nothing is trusted or refused here: uclint judges the chain itself
		},
		GetClientCertificate: func(*tls.CertificateRequestInfo) (*tls.Certificate, error) {
			a.clientCertRequested = true
			return &tls.Certificate{}, nil // an empty Certificate message: uclint never sends a certificate
		},
	}
	client := tls.Client(a.conn, config)
	a.err = client.HandshakeContext(ctx)
	if a.err == nil {
		state := client.ConnectionState()
		a.version = ztls.TLSVersion(state.Version).String()
		a.cipher = tls.CipherSuiteName(state.CipherSuite)
	}
	a.fromWire(tls.CipherSuiteName)
	return a
}

// fromWire completes what the TLS stack did not report with what the server was seen to send: the version and
// suite of its ServerHello, the certificates of its Certificate message (the stacks keep them only once they
// have read the message after it), a certificate request.
func (a *attempt) fromWire(suiteName func(uint16) string) {
	f := a.flight()
	if a.version == "" && f.helloSeen {
		a.version = ztls.TLSVersion(f.version).String()
		a.cipher = suiteName(f.suite)
	}
	if len(a.raw) == 0 && len(f.certificates) > 0 {
		a.raw = f.certificates
	}
	if f.saw(msgCertificateRequest) {
		a.clientCertRequested = true
	}
}

// noCommonGround reports whether the server refused the hello before choosing a version and suite (an alert, a
// closed or reset connection), which the modern stack may get past.
func (a *attempt) noCommonGround() bool {
	if a.err == nil || a.conn.overLimit || a.flight().helloSeen || len(a.raw) > 0 || timedOut(a.err) ||
		errors.Is(a.err, context.Canceled) {
		return false
	}
	if first := a.conn.first(); len(first) > 0 && first[0] != recordHandshake && first[0] != recordAlert {
		return false // not TLS
	}
	return a.endedByServer()
}

// observation turns the attempt into what the caller gets.
func (a *attempt) observation(ep Endpoint, opts Options) Observation {
	obs := Observation{Source: ep.Address}
	certs, skipped, parseErr := serverChain(a.raw)
	switch {
	case len(certs) == 0 && parseErr != nil:
		obs.Err = fmt.Errorf("%s: the server's certificate is corrupt: %w", ep.Address, parseErr)
		return obs
	case len(certs) == 0 && a.err != nil:
		obs.Err = fmt.Errorf("%s: %s", ep.Address, a.problem(opts))
		return obs
	case len(certs) == 0:
		obs.Err = fmt.Errorf("%s: the server sent no certificate", ep.Address)
		return obs
	}
	info := &TLSInfo{
		Version:             a.version,
		Cipher:              a.cipher,
		Stack:               a.stack,
		SNI:                 a.sni,
		ClientCertRequested: a.clientCertRequested,
		UnparsedChain:       skipped,
	}
	if a.err != nil {
		info.FailedAt, info.FailedAfterCertificate = a.stage()
		if alert, ok := receivedAlert(a.err); ok {
			info.Alert = alertName(alert)
		}
		info.HandshakeError = a.problem(opts)
	}
	obs.TLS = info
	obs.Leaf, obs.Chain = certs[0], certs[1:]
	return obs
}

// serverChain parses the certificates of the server's Certificate message, in the order sent. A chain
// certificate that does not parse is left out and its parser error returned in skipped; a leaf that does not parse
// is an error.
func serverChain(raw [][]byte) (certs []*x509.Certificate, skipped []string, err error) {
	if len(raw) == 0 || len(raw[0]) == 0 {
		return nil, nil, nil
	}
	leaf, err := x509.ParseCertificate(raw[0])
	if err != nil {
		return nil, nil, fmt.Errorf("parse the server's certificate: %w", err)
	}
	certs = []*x509.Certificate{leaf}
	for i, c := range raw[1:] {
		parsed, err := x509.ParseCertificate(c)
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

// recordingConn keeps the first bytes the server sent (to tell what it speaks), follows its plaintext handshake
// messages (serverFlight) and caps what is read.
type recordingConn struct {
	net.Conn
	limit     int64
	read      int64
	overLimit bool
	head      []byte
	flight    serverFlight
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
	c.flight.Write(p[:n])
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
