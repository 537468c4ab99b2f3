package policy

import (
	"fmt"
	"slices"
	"strings"
)

// Client names a kind of client of the era whose limits a deployment must respect: --clients and the deployment
// file's clients: list them. The client-compatibility rules run only for the clients given (an opt-in set): a
// deployment without Windows XP clients need not keep SHA-1 or TLS 1.0.
type Client string

// The clients uclint knows the limits of.
const (
	// ClientXPSP2 is Office Communicator 2007 R2 on Windows XP SP2: no SHA-2, no AES cipher suites, TLS 1.0 at
	// most.
	ClientXPSP2 Client = "xp-sp2"
	// ClientXPSP3 is Windows XP SP3: SHA-256/384/512 but never SHA-224, no AES cipher suites, TLS 1.0 at most.
	ClientXPSP3 Client = "xp-sp3"
	// ClientServer2003 is Windows Server 2003 SP2 (as a client, or a server's outgoing MTLS connections) without
	// KB968730: no SHA-2; without KB948963 no AES cipher suites; TLS 1.0 at most.
	ClientServer2003 Client = "server2003"
	// ClientPhoneEdition is Office Communicator 2007 R2 Phone Edition on Windows CE (Polycom CX700, LG-Nortel
	// IP8540): cannot read a SHA-2 root CA with a 4096-bit key; fails when a wildcard precedes the FQDN in the SAN.
	ClientPhoneEdition Client = "phone-edition"
	// ClientLyncPhoneEdition is Lync Phone Edition (Polycom CX500/600/3000, Aries devices): older firmware does not
	// understand SHA-256 certificates; TLS 1.0.
	ClientLyncPhoneEdition Client = "lync-phone-edition"
)

// clientLabels says what each client is, for help texts and messages.
var clientLabels = map[Client]string{
	ClientXPSP2:            "Communicator on Windows XP SP2",
	ClientXPSP3:            "Communicator on Windows XP SP3",
	ClientServer2003:       "Windows Server 2003 SP2 without KB968730",
	ClientPhoneEdition:     "Communicator Phone Edition devices (Polycom CX700, LG-Nortel IP8540)",
	ClientLyncPhoneEdition: "Lync Phone Edition devices",
}

// KnownClients lists the clients uclint knows, in a stable order.
func KnownClients() []Client {
	return []Client{ClientXPSP2, ClientXPSP3, ClientServer2003, ClientPhoneEdition, ClientLyncPhoneEdition}
}

// ClientIDs lists the known clients for messages: "xp-sp2, xp-sp3, ...".
func ClientIDs() string {
	ids := make([]string, 0, len(KnownClients()))
	for _, c := range KnownClients() {
		ids = append(ids, string(c))
	}
	return strings.Join(ids, ", ")
}

// Label is what the client is, in the administrator's words: "Communicator on Windows XP SP2".
func (c Client) Label() string {
	if l, ok := clientLabels[c]; ok {
		return l
	}
	return string(c)
}

// ParseClient reads one client name (case-insensitive, surrounding spaces ignored).
func ParseClient(s string) (Client, error) {
	c := Client(strings.ToLower(strings.TrimSpace(s)))
	if slices.Contains(KnownClients(), c) {
		return c, nil
	}
	return "", fmt.Errorf("unknown client %q; use one of %s", strings.TrimSpace(s), ClientIDs())
}

// ParseClients reads a list of client names, each once, in the order given.
func ParseClients(list []string) ([]Client, error) {
	var out []Client
	for _, s := range list {
		c, err := ParseClient(s)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out, nil
}

// HasClient reports whether any of the clients is among the context's clients.
func (c *Context) HasClient(clients ...Client) bool {
	for _, want := range clients {
		if slices.Contains(c.Clients, want) {
			return true
		}
	}
	return false
}

// ClientsAmong lists the context's clients that are among those given, in the context's order.
func (c *Context) ClientsAmong(clients ...Client) []Client {
	var out []Client
	for _, have := range c.Clients {
		if slices.Contains(clients, have) {
			out = append(out, have)
		}
	}
	return out
}

// TLS10Clients are the clients that speak TLS 1.0 at most.
func TLS10Clients() []Client {
	return []Client{ClientXPSP2, ClientXPSP3, ClientServer2003, ClientLyncPhoneEdition}
}

// NoAESClients are the clients without AES cipher suites (Windows XP; Windows Server 2003 without KB948963).
func NoAESClients() []Client { return []Client{ClientXPSP2, ClientXPSP3, ClientServer2003} }

// NoSHA2Clients are the clients that cannot validate a SHA-2 signature (without hotfixes).
func NoSHA2Clients() []Client { return []Client{ClientXPSP2, ClientServer2003} }

// NeedsLegacyHandshakes reports whether the clients call for the extra handshakes a scan makes to see what an
// endpoint offers the era's clients (TLS 1.0 alone; 3DES and RC4 without AES).
func NeedsLegacyHandshakes(clients []Client) bool {
	for _, c := range clients {
		if slices.Contains(TLS10Clients(), c) || slices.Contains(NoAESClients(), c) {
			return true
		}
	}
	return false
}
