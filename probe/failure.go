package probe

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"syscall"
)

// offered says, for each stack, what uclint offered, in the words of a message.
var offered = map[string]string{
	StackLegacy: "TLS 1.0 to 1.2 with the legacy suites (RSA key exchange, 3DES, RC4, ECDHE with AES)",
	StackModern: "TLS 1.2 and 1.3 with modern suites (ECDHE with AES-GCM or ChaCha20)",
}

// stage says where a handshake that got the server's certificate broke, and whether that is the server's doing
// other than a client-certificate request: an alert, a closed or reset connection, or a signature or Finished
// message that does not verify. A timeout, a cancellation or the byte cap is not.
func (a *attempt) stage() (Stage, bool) {
	if a.err == nil || len(a.raw) == 0 {
		return StageNone, false
	}
	if a.clientCertRequested {
		return StageClientCertificate, false
	}
	stage := StageCertificate
	switch {
	case isSignatureFailure(a.err):
		return StageSignature, true
	case isFinishedFailure(a.err):
		return StageKeyExchange, true
	case a.flight().saw(msgServerHelloDone):
		stage = StageKeyExchange // uclint had sent its key exchange and Finished
	}
	if a.conn.overLimit || timedOut(a.err) || errors.Is(a.err, context.Canceled) {
		return stage, false
	}
	return stage, a.endedByServer()
}

// endedByServer reports whether the server ended the handshake: it sent an alert, or closed or reset the
// connection.
func (a *attempt) endedByServer() bool {
	_, alerted := receivedAlert(a.err)
	return alerted || isClosed(a.err) || isReset(a.err)
}

// problem says in plain words why the handshake failed, from what the server sent; the caller names the address.
func (a *attempt) problem(opts Options) string {
	msg := a.describe(opts)
	if a.retry == nil || a.retry.err == nil {
		return msg
	}
	legacyAlert, legacyAlerted := receivedAlert(a.err)
	modernAlert, modernAlerted := receivedAlert(a.retry.err)
	switch {
	case legacyAlerted && modernAlerted && refusal(legacyAlert) && refusal(modernAlert):
		return fmt.Sprintf("no common TLS version or cipher suite: the server refused %s (%s) and %s (%s)",
			offered[a.stack], a.how(), offered[a.retry.stack], a.retry.how())
	case legacyAlerted && modernAlerted && legacyAlert == modernAlert:
		return msg
	}
	return fmt.Sprintf("%s; retried with %s: %s", msg, offered[a.retry.stack], a.retry.describe(opts))
}

// how says how the server ended the handshake: the alert it sent, or what happened to the connection.
func (a *attempt) how() string {
	if alert, ok := receivedAlert(a.err); ok {
		return "it sent " + withArticle(alertName(alert)) + " alert"
	}
	switch {
	case isClosed(a.err):
		return "it closed the connection"
	case isReset(a.err):
		return "it reset the connection"
	}
	return a.err.Error()
}

// describe says why this attempt's handshake failed.
func (a *attempt) describe(opts Options) string {
	first := a.conn.first()
	certs := len(a.raw) > 0
	switch {
	case a.conn.overLimit:
		return fmt.Sprintf("the server sent more than %s without finishing the handshake", byteCount(opts.MaxBytes))
	case len(first) > 0 && first[0] != recordHandshake && first[0] != recordAlert:
		return notTLS(first)
	case timedOut(a.err):
		switch {
		case len(first) == 0:
			return fmt.Sprintf("no TLS answer within %s", opts.Timeout)
		case certs:
			return fmt.Sprintf("the server presented its certificate but the TLS handshake did not finish within %s", opts.Timeout)
		}
		return fmt.Sprintf("the TLS handshake did not finish within %s", opts.Timeout)
	case errors.Is(a.err, context.Canceled):
		return "the probe was canceled"
	case strings.Contains(a.err.Error(), "exceeds maximum"):
		return "the server sent a handshake message larger than uclint accepts (" + a.err.Error() + "): a real certificate chain is a few KiB"
	case certs:
		return a.afterCertificate()
	case a.flight().helloSeen && a.endedByServer():
		return fmt.Sprintf("the server chose %s with %s and then ended the handshake before presenting a certificate (%s)",
			a.version, a.cipher, a.how())
	case a.flight().helloSeen:
		return fmt.Sprintf("the TLS handshake failed after the server chose %s with %s: %s", a.version, a.cipher, a.err.Error())
	}
	if alert, ok := receivedAlert(a.err); ok {
		switch alert {
		case alertProtocolVersion:
			return fmt.Sprintf("no common TLS version: the server refused %s (it sent a protocol_version alert)", offered[a.stack])
		case alertHandshakeFailure, alertInsufficientSecurity:
			return fmt.Sprintf("no common TLS version or cipher suite: the server refused %s (it sent %s alert)",
				offered[a.stack], withArticle(alertName(alert)))
		case alertUnrecognizedName:
			return fmt.Sprintf("the server does not answer to the name %q (it sent an unrecognized_name alert): check the name, or probe without SNI", a.sni)
		}
		return fmt.Sprintf("the server refused the TLS hello with %s alert", withArticle(alertName(alert)))
	}
	switch {
	case isReset(a.err):
		return "connection reset during the TLS handshake"
	case isClosed(a.err) && len(first) == 0:
		return "the server closed the connection without a TLS answer"
	case isClosed(a.err):
		return "the server closed the connection during the TLS handshake"
	}
	msg := a.err.Error()
	switch {
	case strings.Contains(msg, "unsupported protocol version"), strings.Contains(msg, "unconfigured cipher suite"):
		return fmt.Sprintf("no common TLS version or cipher suite: the server chose what uclint did not offer (%s)", msg)
	}
	return "TLS handshake failed: " + msg
}

// afterCertificate describes a handshake that broke after the server presented its certificate.
func (a *attempt) afterCertificate() string {
	stage, byServer := a.stage()
	const unusable = ": the server appears unable to use the private key of the certificate it presents"
	switch {
	case stage == StageClientCertificate:
		return "the server asked for a client certificate and ended the handshake when uclint sent none (" + a.how() + ")"
	case stage == StageSignature:
		return "the server's signature does not verify with the public key of the certificate it presents: " +
			"it signs with a private key that does not match that certificate"
	case isFinishedFailure(a.err):
		return "the server's Finished message does not verify after RSA key exchange: " +
			"it decrypted uclint's key exchange with a private key that does not match the certificate it presents"
	case !byServer:
		return "the handshake broke after the server presented its certificate: " + a.err.Error()
	case stage == StageKeyExchange:
		return "the server presented its certificate and ended the handshake after uclint's key exchange, without asking for a client certificate (" +
			a.how() + ")" + unusable
	}
	return "the server presented its certificate and ended the handshake before proving it holds the certificate's private key (" +
		a.how() + ")" + unusable
}

// refusal reports whether a server sends this alert to refuse the versions or suites a client offers.
func refusal(alert uint8) bool {
	return alert == alertHandshakeFailure || alert == alertProtocolVersion || alert == alertInsufficientSecurity
}

func timedOut(err error) bool {
	return errors.Is(err, context.DeadlineExceeded) || os.IsTimeout(err)
}

// isClosed reports whether the server closed the connection.
func isClosed(err error) bool {
	return errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.EPIPE)
}

// isSignatureFailure reports whether the TLS stack found that the server's signature (ServerKeyExchange or
// CertificateVerify) does not verify with its certificate's public key. Neither zcrypto/tls nor crypto/tls
// exports an error value for it; both use this text.
func isSignatureFailure(err error) bool {
	return strings.Contains(err.Error(), "invalid signature by the server certificate")
}

// isFinishedFailure reports whether the TLS stack found that the server's Finished message does not verify (same
// text in both stacks).
func isFinishedFailure(err error) bool {
	return strings.Contains(err.Error(), "Finished message was incorrect")
}
