package probe

import "slices"

// TLS record content types and handshake message types (RFC 5246, RFC 8446).
const (
	recordAlert     = 21
	recordHandshake = 22

	msgServerHello        = 2
	msgCertificate        = 11
	msgServerKeyExchange  = 12
	msgCertificateRequest = 13
	msgServerHelloDone    = 14

	extSupportedVersions = 43

	maxRecordBody    = 1<<14 + 2048 // the largest record RFC 5246 allows
	maxHandshakeBody = 1 << 16      // what zcrypto/tls accepts for one handshake message
	maxMessagesKept  = 16
)

// serverFlight follows the plaintext part of what a TLS server sends, independently of the TLS stack that
// handles it: the records up to the server's ChangeCipherSpec or first encrypted record, the handshake messages in
// them, the ServerHello's version and suite, and the certificates of the Certificate message. The TLS stacks discard what they read when a handshake breaks (zcrypto logs the Certificate message only
// once it has read the message after it), so this is how a probe knows how far a broken handshake got and keeps
// the certificates a server presented before it ended the handshake. It reads TLS 1.0 to 1.2 wholly and TLS 1.3
// up to the ServerHello; it stops at the first malformed or oversized record, keeping what it learned.
type serverFlight struct {
	pending []byte // bytes of a record not yet whole
	hand    []byte // handshake bytes not yet forming a whole message
	stopped bool   // encrypted or malformed from here on: nothing more is followed

	messages     []uint8  // handshake message types, in the order sent (at most maxMessagesKept)
	helloSeen    bool     // a ServerHello was read
	version      uint16   // from the ServerHello (its supported_versions extension when present)
	suite        uint16   // from the ServerHello
	certificates [][]byte // the first Certificate message's certificates, leaf first (TLS 1.0 to 1.2)
}

// Write follows the next bytes the server sent. It never fails and never panics on any input.
func (f *serverFlight) Write(p []byte) {
	if f.stopped || len(p) == 0 {
		return
	}
	f.pending = append(f.pending, p...)
	for !f.stopped && len(f.pending) >= 5 {
		typ := f.pending[0]
		n := int(f.pending[3])<<8 | int(f.pending[4])
		if n > maxRecordBody || f.pending[1] != 3 {
			f.stopped = true
			break
		}
		if len(f.pending) < 5+n {
			break
		}
		f.record(typ, f.pending[5:5+n])
		f.pending = f.pending[5+n:]
	}
	if f.stopped {
		f.pending, f.hand = nil, nil
	}
}

func (f *serverFlight) record(typ uint8, body []byte) {
	switch typ {
	case recordHandshake:
		f.hand = append(f.hand, body...)
		for !f.stopped && len(f.hand) >= 4 {
			n := int(f.hand[1])<<16 | int(f.hand[2])<<8 | int(f.hand[3])
			if n > maxHandshakeBody {
				f.stopped = true
				return
			}
			if len(f.hand) < 4+n {
				return
			}
			f.message(f.hand[0], f.hand[4:4+n])
			f.hand = f.hand[4+n:]
		}
	case recordAlert:
		// The TLS stack reports a received alert in its error.
	default:
		// ChangeCipherSpec (what follows is encrypted), application data (TLS 1.3 encrypted records) or anything
		// else: stop following.
		f.stopped = true
	}
}

func (f *serverFlight) message(typ uint8, body []byte) {
	if len(f.messages) < maxMessagesKept {
		f.messages = append(f.messages, typ)
	}
	switch typ {
	case msgServerHello:
		if !f.helloSeen {
			f.helloSeen = true
			f.version, f.suite = parseServerHello(body)
		}
	case msgCertificate:
		if f.certificates == nil && f.version <= 0x0303 {
			f.certificates = parseCertificateList(body)
		}
	}
}

// saw reports whether the server sent a handshake message of type typ in plaintext.
func (f *serverFlight) saw(typ uint8) bool {
	return slices.Contains(f.messages, typ)
}

// parseServerHello returns a ServerHello's version (the supported_versions extension's when present: TLS 1.3) and
// cipher suite; zero for what it cannot read.
func parseServerHello(b []byte) (version, suite uint16) {
	if len(b) < 2+32+1 {
		return 0, 0
	}
	version = uint16(b[0])<<8 | uint16(b[1])
	b = b[2+32:]
	sid := int(b[0])
	if len(b) < 1+sid+2+1 {
		return version, 0
	}
	b = b[1+sid:]
	suite = uint16(b[0])<<8 | uint16(b[1])
	b = b[3:] // suite and compression method
	if len(b) < 2 {
		return version, suite
	}
	n := int(b[0])<<8 | int(b[1])
	b = b[2:]
	if n < len(b) {
		b = b[:n]
	}
	for len(b) >= 4 {
		typ := int(b[0])<<8 | int(b[1])
		size := int(b[2])<<8 | int(b[3])
		if len(b) < 4+size {
			break
		}
		if typ == extSupportedVersions && size == 2 {
			version = uint16(b[4])<<8 | uint16(b[5])
		}
		b = b[4+size:]
	}
	return version, suite
}

// parseCertificateList returns the certificates of a TLS 1.0 to 1.2 Certificate message, or nil when it is
// malformed or empty.
func parseCertificateList(b []byte) [][]byte {
	if len(b) < 3 {
		return nil
	}
	n := int(b[0])<<16 | int(b[1])<<8 | int(b[2])
	b = b[3:]
	if n != len(b) {
		return nil
	}
	var certs [][]byte
	for len(b) > 0 {
		if len(b) < 3 {
			return nil
		}
		size := int(b[0])<<16 | int(b[1])<<8 | int(b[2])
		if size == 0 || len(b) < 3+size {
			return nil
		}
		// The handshake buffer's bytes are never written again once read (appends go past its end), so the
		// certificates can stay in it; the full slice expression keeps an append to one from reaching the next.
		certs = append(certs, b[3:3+size:3+size])
		b = b[3+size:]
	}
	return certs
}
