// Package trust validates the certification path of a server certificate the way a Windows administrator
// expects: it builds every path from the certificates the server presented, the --ca-file intermediates and the
// --ca-file anchors (then, when none of these ends in an anchor, the system roots), judges every certificate of
// the path, and names the one reason a chain fails, in the admin's words.
//
// Why this package builds paths itself instead of calling a library:
//
//   - Go's crypto/x509 enforces name constraints and EKU nesting and never writes to a certificate, but it refuses
//     SHA-1 and MD5 signatures, and OCS 2007 R2 era chains have both (Windows Server 2003 Enterprise CAs signed
//     with SHA-1 by default). Its errors also hide the candidate it rejected (UnknownAuthorityError keeps the
//     reason unexported), so it cannot say which CA expired or which link does not verify.
//   - zcrypto's Verify accepts SHA-1 and MD5, but it writes ValidSignature into the certificates of its pools (a
//     data race when one --ca-file pool serves several goroutines), ignores name constraints and the EKU of CAs,
//     and hands back chains with an expired CA in a list of their own that its caller must remember to refuse
//     (uclint's first trust check did not).
//   - Neither tells why a presented certificate was not used (an expired pre-renewal copy, a cross-signed copy, a
//     CA with the right name and another key), which is what an admin needs to fix a server that sends the wrong
//     intermediate.
//
// So this package builds and judges paths itself. Signatures are checked from the signature algorithm's OID with
// Go's crypto/rsa (which verifies MD5 and SHA-1 PKCS#1 v1.5 signatures, and RSASSA-PSS with the salt length the
// certificate states), crypto/ecdsa, crypto/ed25519 and zcrypto's dsa (with the digest cut to the subgroup, which
// zcrypto's own CheckSignatureFromKey omits); nothing is written to a certificate, and each link's result is
// cached. Basic constraints, key usage, validity at the judged time, path length, dNSName and iPAddress name
// constraints and EKU nesting are judged here, on every path, so each failure names its certificate. Go's
// crypto/x509 is used only for what it alone can do: finding a system root (on Windows through the platform
// verifier, which sees roots pushed by Group Policy) for the top of a path that no --ca-file anchor ends; the
// path it returns is then judged like any other.
//
// Not judged here: the leaf's own validity, key usage and EKU (other rules do), name constraints on directory
// names, e-mail addresses and URIs, certificate policies, and revocation.
package trust
