package probe

import (
	"errors"
	"net"
	"reflect"
	"strconv"
	"strings"

	ztls "github.com/zmap/zcrypto/tls"
)

// alertNames are the TLS alert descriptions by their RFC 5246 / RFC 8446 names.
var alertNames = map[uint8]string{
	0: "close_notify", 10: "unexpected_message", 20: "bad_record_mac", 21: "decryption_failed",
	22: "record_overflow", 30: "decompression_failure", 40: "handshake_failure", 41: "no_certificate",
	42: "bad_certificate", 43: "unsupported_certificate", 44: "certificate_revoked", 45: "certificate_expired",
	46: "certificate_unknown", 47: "illegal_parameter", 48: "unknown_ca", 49: "access_denied", 50: "decode_error",
	51: "decrypt_error", 60: "export_restriction", 70: "protocol_version", 71: "insufficient_security",
	80: "internal_error", 86: "inappropriate_fallback", 90: "user_canceled", 100: "no_renegotiation",
	109: "missing_extension", 110: "unsupported_extension", 111: "certificate_unobtainable",
	112: "unrecognized_name", 113: "bad_certificate_status_response", 114: "bad_certificate_hash_value",
	115: "unknown_psk_identity", 116: "certificate_required", 120: "no_application_protocol",
}

// Alert descriptions the probe reasons about.
const (
	alertHandshakeFailure     = 40
	alertProtocolVersion      = 70
	alertInsufficientSecurity = 71
	alertUnrecognizedName     = 112
)

// alertName names a TLS alert description, e.g. "decrypt_error"; an unknown one by its number ("alert 200").
func alertName(a uint8) string {
	if name, ok := alertNames[a]; ok {
		return name
	}
	return "alert " + strconv.Itoa(int(a))
}

// receivedAlert returns the alert the server sent, when err is the error a TLS stack returns for a received fatal
// alert: a *net.OpError with Op "remote error" around the alert (zcrypto/tls exports its Alert type; Go's
// crypto/tls keeps its alert type unexported, a uint8, so it is read through reflection). An alert uclint sent
// itself ("local error") is not a received alert.
func receivedAlert(err error) (uint8, bool) {
	var op *net.OpError
	if !errors.As(err, &op) || op.Op != "remote error" || op.Err == nil {
		return 0, false
	}
	if za, ok := errors.AsType[ztls.Alert](op.Err); ok {
		return uint8(za), true
	}
	if v := reflect.ValueOf(op.Err); v.Kind() == reflect.Uint8 {
		return uint8(v.Uint()), true //nolint:gosec // the value's kind is uint8
	}
	return 0, false
}

// withArticle puts "a" or "an" before an alert name: "an internal_error", "a handshake_failure".
func withArticle(name string) string {
	if name != "" && strings.ContainsRune("aeiou", rune(name[0])) {
		return "an " + name
	}
	return "a " + name
}
