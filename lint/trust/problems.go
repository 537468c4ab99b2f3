package trust

import (
	"fmt"
	"slices"
	"strings"
	"time"

	zrsa "github.com/zmap/zcrypto/rsa"
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zcrypto/x509/pkix"
)

// The texts below are read by Windows administrators of OCS 2007 R2 on Windows Server 2003/2008: certificates
// are named by their subject common name, stores as the Certificates snap-in shows them, and a remediation never
// asks to pass a root that --ca-file already holds.

// CertificatesSnapIn names the tool that manages a computer's certificate stores, for every Windows generation an
// administrator of OCS, Lync or Skype for Business may run (Windows Server 2003 and 2008 have no certlm.msc).
const CertificatesSnapIn = "the Certificates snap-in for the Computer account (mmc.exe > File > Add/Remove Snap-in > " +
	"Certificates > Computer account on Windows Server 2003 and 2008; certlm.msc on 2012 and later)"

const (
	intermediateStore = "the Intermediate Certification Authorities store of the server's computer account (with " + CertificatesSnapIn + ")"
	// trustedRoots is where clients must have a root: said the way Windows administrators of every generation do it.
	trustedRoots = "clients need it in Trusted Root Certification Authorities: by Group Policy, or with " + CertificatesSnapIn
	restart      = "then restart the server's services"
)

// name returns how an admin knows a certificate: its subject common name, else its organization, else its whole
// subject.
func name(c *x509.Certificate) string { return nameOf(c.Subject, "(no subject)") }

// issuerName names c's issuer the same way.
func issuerName(c *x509.Certificate) string { return nameOf(c.Issuer, "(no issuer name)") }

// nameOf is a distinguished name's common name, else its organization, else the whole name, else none.
func nameOf(n pkix.Name, none string) string {
	switch {
	case n.CommonName != "":
		return n.CommonName
	case len(n.Organization) > 0:
		return n.Organization[0]
	case n.String() != "":
		return n.String()
	default:
		return none
	}
}

func day(t time.Time) string { return t.UTC().Format("2006-01-02") }

// role says what certs[i] is in the path: "the server certificate", "the issuing CA", "the intermediate CA", "the
// root CA" or "the system root".
func role(p *path, i int) string {
	switch {
	case i == 0:
		return "the server certificate"
	case isRootPosition(p, i) && p.origins[i] == fromSystem:
		return "the system root"
	case isRootPosition(p, i):
		return "the root CA"
	case i == 1:
		return "the issuing CA"
	default:
		return "the intermediate CA"
	}
}

// from says where certs[i] came from, as a parenthesis ("" for the leaf).
func from(p *path, i int) string {
	switch p.origins[i] {
	case fromPresented:
		return " (sent by the server)"
	case fromCAFile:
		return " (from --ca-file)"
	case fromAnchor:
		return " (passed with --ca-file)"
	case fromSystem:
		return " (found by the system verifier)"
	default:
		return ""
	}
}

// copyFrom names where the copy of certs[i] the path uses came from.
func copyFrom(p *path, i int) string {
	switch p.origins[i] {
	case fromPresented:
		return "the copy the server sends"
	case fromCAFile:
		return "the copy from --ca-file"
	case fromAnchor:
		return "the copy passed with --ca-file"
	case fromSystem:
		return "the copy the system verifier found"
	default:
		return "the server's own copy"
	}
}

func quoteAll(certs []*x509.Certificate) string {
	q := make([]string, len(certs))
	for i, c := range certs {
		q[i] = fmt.Sprintf("%q", name(c))
	}
	return strings.Join(q, ", ")
}

// missingIssuer explains a path that stops at a certificate whose issuer is neither presented nor in --ca-file.
func (b *builder) missingIssuer(p *path) Problem {
	top := p.certs[len(p.certs)-1]
	issuer := issuerName(top)
	nor := ""
	if b.s.system != nil {
		nor = " nor a system root"
	}
	var otherKeyAnchor, otherKeyInter *x509.Certificate
	for c, child := range b.otherKey {
		if child != top {
			continue
		}
		if b.s.isAnchor(c) {
			otherKeyAnchor = c
		} else {
			otherKeyInter = c
		}
	}
	switch {
	case otherKeyAnchor != nil:
		return Problem{Kind: MissingRoot, Certificate: issuer,
			Details: fmt.Sprintf("%q was issued by %q, but the root of that name passed with --ca-file has another key (the CA was renewed with a new key, or another CA has the same name)",
				name(top), issuer),
			Remediation: fmt.Sprintf("pass the certificate of %q whose key issued %q with --ca-file (on the CA, certutil -ca.cert exports the current one) and check that clients have it in Trusted Root Certification Authorities",
				issuer, name(top))}
	case otherKeyInter != nil:
		where := "in --ca-file"
		if b.isPresented(otherKeyInter) {
			where = "the server sends"
		}
		return Problem{Kind: MissingIntermediate, Certificate: issuer,
			Details: fmt.Sprintf("%q was issued by %q, but the %q %s has another key: it is another certificate of that CA (renewed with a new key), not the one that signed %q",
				name(top), issuer, name(otherKeyInter), where, name(top)),
			Remediation: fmt.Sprintf("import the certificate of %q whose key signed %q into %s and delete the other one, %s; or pass it with --ca-file",
				issuer, name(top), intermediateStore, restart)}
	case len(p.certs) == 1 && len(b.s.anchors) > 0:
		return Problem{Kind: MissingIntermediate, Certificate: issuer,
			Details: fmt.Sprintf("the server does not send the intermediate CA %q that issued its certificate, and --ca-file does not hold it", issuer),
			Remediation: fmt.Sprintf("import %q into %s so that the server sends it, %s; to check the rest of the chain now, pass it with --ca-file",
				issuer, intermediateStore, restart)}
	case len(p.certs) == 1:
		return Problem{Kind: MissingRoot, Certificate: issuer,
			Details: fmt.Sprintf("the server certificate was issued by %q, which is not a --ca-file anchor%s, and the server sends no certificate of it", issuer, nor),
			Remediation: fmt.Sprintf("if %q is your Enterprise root CA, pass its certificate with --ca-file ("+trustedRoots+"); if it is an intermediate CA, import it into %s so that the server sends it, and pass its root with --ca-file",
				issuer, intermediateStore)}
	default:
		held := ""
		if len(b.s.anchors) > 0 {
			held = fmt.Sprintf(" (--ca-file holds %s)", quoteAll(b.s.anchors))
		}
		return Problem{Kind: MissingRoot, Certificate: issuer,
			Details: fmt.Sprintf("the chain goes up to %q, which was issued by %q; %q is not a --ca-file anchor%s%s", name(top), issuer, issuer, nor, held),
			Remediation: fmt.Sprintf("pass the root CA %q with --ca-file ("+trustedRoots+"); if %q is itself an intermediate CA, pass it and its root",
				issuer, issuer)}
	}
}

func (b *builder) isPresented(c *x509.Certificate) bool {
	return slices.Contains(b.presented, c)
}

// untrustedRoot explains a path that ends in a self-signed certificate that is not an anchor.
func (b *builder) untrustedRoot(p *path) Problem {
	top := p.certs[len(p.certs)-1]
	sameName := len(b.s.anchorsBySubject[string(top.RawSubject)]) > 0
	nor := ""
	if b.s.system != nil {
		nor = " nor a system root"
	}
	if len(p.certs) == 1 {
		pr := Problem{Kind: SelfSigned, Certificate: name(top),
			Details: fmt.Sprintf("the server certificate %q is self-signed (issued by itself) and is not passed with --ca-file%s: clients do not trust it", name(top), nor),
			Remediation: "request a certificate from your Enterprise CA; if this self-signed certificate is intended, " +
				"pass it with --ca-file (every client must then trust it: put it in Trusted Root Certification Authorities by Group Policy, or with " + CertificatesSnapIn + ")"}
		if sameName {
			pr.Details = fmt.Sprintf("the server certificate %q is self-signed, and the self-signed certificate of that name passed with --ca-file is another one (it was re-created)", name(top))
			pr.Remediation = "pass the certificate the server uses now with --ca-file, or better, request a certificate from your Enterprise CA"
		}
		return pr
	}
	if sameName {
		return Problem{Kind: MissingRoot, Certificate: name(top),
			Details: fmt.Sprintf("the chain ends in the root %q the server sends, which is not the root of that name passed with --ca-file (another key or another certificate)", name(top)),
			Remediation: fmt.Sprintf("check which %q issued %q: if the server's root is yours, pass it with --ca-file; otherwise request a certificate from your Enterprise CA",
				name(top), name(p.certs[len(p.certs)-2]))}
	}
	return Problem{Kind: MissingRoot, Certificate: name(top),
		Details: fmt.Sprintf("the chain ends in the root %q the server sends, which is not a --ca-file anchor%s", name(top), nor),
		Remediation: fmt.Sprintf("if you trust %q, pass it with --ca-file ("+trustedRoots+"); otherwise request a certificate from your Enterprise CA",
			name(top))}
}

func tooLong(p *path) Problem {
	top := p.certs[len(p.certs)-1]
	return Problem{Kind: TooLong, Certificate: name(top),
		Details:     fmt.Sprintf("the chain has more than %d certificates (up to %q) and uclint stops there", maxPathCerts-1, name(top)),
		Remediation: "check the server's chain and the --ca-file bundle for CAs that cross-sign each other, and keep only the chain the server needs"}
}

func notCA(p *path, i int, why string) Problem {
	ca := p.certs[i]
	return Problem{Kind: IssuerNotCA, Certificate: name(ca),
		Details: fmt.Sprintf("%q%s, which issued %q, is not a CA: %s", name(ca), from(p, i), name(p.certs[i-1]), why),
		Remediation: fmt.Sprintf("request %q from your Enterprise CA: only a CA certificate (Basic Constraints Subject Type=CA, Key Usage with Certificate Signing) can issue certificates",
			name(p.certs[i-1]))}
}

func caExpired(p *path, i int, at time.Time) Problem {
	ca := p.certs[i]
	pr := Problem{Kind: CAExpired, Certificate: name(ca),
		Details: fmt.Sprintf("%s %q%s expired on %s (the chain is judged at %s)", role(p, i), name(ca), from(p, i), day(ca.NotAfter), day(at))}
	switch {
	case p.origins[i] == fromSystem:
		pr.Remediation = fmt.Sprintf("request a certificate from a CA whose root is current: the system root %q has expired", name(ca))
	case isRootPosition(p, i):
		pr.Remediation = fmt.Sprintf("renew the root CA certificate of %q on the CA, publish the renewed root to the clients' Trusted Root Certification Authorities store, and pass it with --ca-file", name(ca))
	default:
		pr.Remediation = fmt.Sprintf("if the CA %q was renewed, import its renewed certificate into %s and delete the expired one, %s; otherwise renew the CA certificate of %q and request a new server certificate",
			name(ca), intermediateStore, restart, name(ca))
	}
	return pr
}

func caNotYetValid(p *path, i int, at time.Time) Problem {
	ca := p.certs[i]
	return Problem{Kind: CANotYetValid, Certificate: name(ca),
		Details: fmt.Sprintf("%s %q%s is valid only from %s (the chain is judged at %s)", role(p, i), name(ca), from(p, i), day(ca.NotBefore), day(at)),
		Remediation: fmt.Sprintf("check --at and the clock of the computer that issued %q: a CA certificate that is not valid yet cannot vouch for the server",
			name(ca))}
}

func pathLength(p *path, i, limit int, below []*x509.Certificate) Problem {
	ca := p.certs[i]
	return Problem{Kind: PathLength, Certificate: name(ca),
		Details: fmt.Sprintf("%s %q allows %d CA certificate(s) below it (Path Length Constraint=%d), but the chain has %d: %s",
			role(p, i), name(ca), limit, limit, len(below), quoteAll(below)),
		Remediation: fmt.Sprintf("request the server certificate from a CA that %q allows below it, or renew the certificate of %q with a larger Path Length Constraint",
			name(ca), name(ca))}
}

func nameConstraint(p *path, i, j int, n constrainedName, v constraintVerdict) Problem {
	ca := p.certs[i]
	whose := fmt.Sprintf("of %s %q", role(p, j), name(p.certs[j]))
	var details string
	if v.excluded != "" {
		details = fmt.Sprintf("the name %q %s is in the excluded names (%s) of the name constraints of %s %q",
			n.String(), whose, v.excluded, role(p, i), name(ca))
	} else {
		details = fmt.Sprintf("the name %q %s is outside the permitted names (%s) of the name constraints of %s %q",
			n.String(), whose, strings.Join(v.permit, ", "), role(p, i), name(ca))
	}
	return Problem{Kind: NameConstraint, Certificate: name(ca), Details: details,
		Remediation: fmt.Sprintf("request the certificate only with names %q may issue for, or have its CA certificate re-issued with name constraints that allow %q",
			name(ca), n.String())}
}

func caUsage(p *path, i int) Problem {
	ca := p.certs[i]
	return Problem{Kind: CAUsage, Certificate: name(ca),
		Details: fmt.Sprintf("%s %q may issue certificates only for %s (its Enhanced Key Usage lacks Server Authentication), so Windows does not accept %q for server authentication",
			role(p, i), name(ca), ekuNames(ca), name(p.certs[0])),
		Remediation: fmt.Sprintf("request the server certificate from a CA whose certificate allows Server Authentication (or has no Enhanced Key Usage), or renew the certificate of %q with Server Authentication in its Enhanced Key Usage",
			name(ca))}
}

// ekuNames lists a certificate's EKUs as the Windows certificate dialog names them.
func ekuNames(c *x509.Certificate) string {
	known := map[x509.ExtKeyUsage]string{
		x509.ExtKeyUsageServerAuth:      "Server Authentication",
		x509.ExtKeyUsageClientAuth:      "Client Authentication",
		x509.ExtKeyUsageCodeSigning:     "Code Signing",
		x509.ExtKeyUsageEmailProtection: "Secure Email",
		x509.ExtKeyUsageTimeStamping:    "Time Stamping",
		x509.ExtKeyUsageOcspSigning:     "OCSP Signing",
		x509.ExtKeyUsageIpsecEndSystem:  "IP security end system",
		x509.ExtKeyUsageIpsecTunnel:     "IP security tunnel termination",
		x509.ExtKeyUsageIpsecUser:       "IP security user",
	}
	var names []string
	for _, e := range c.ExtKeyUsage {
		if n, ok := known[e]; ok {
			names = append(names, n)
		} else {
			names = append(names, fmt.Sprintf("usage %d", e))
		}
	}
	for _, oid := range c.UnknownExtKeyUsage {
		names = append(names, oid.String())
	}
	return strings.Join(names, ", ")
}

func badSignature(p *path, i int) Problem {
	child, parent := p.certs[i], p.certs[i+1]
	return Problem{Kind: BadSignature, Certificate: name(child),
		Details: fmt.Sprintf("the signature of %q does not verify with the key of %q%s: %q was signed by another key of that name (a renewed or different CA), or it was altered",
			name(child), name(parent), from(p, i+1), name(child)),
		Remediation: fmt.Sprintf("use the certificate of %q whose key signed %q (on the CA, certutil -ca.cert exports the current one) in place of the one%s",
			name(parent), name(child), from(p, i+1))}
}

func weakKey(p *path, i int) Problem {
	child, parent := p.certs[i], p.certs[i+1]
	bits := 0
	if k, ok := parent.PublicKey.(*zrsa.PublicKey); ok && k.N != nil {
		bits = k.N.BitLen()
	}
	return Problem{Kind: WeakKey, Certificate: name(parent),
		Details: fmt.Sprintf("the RSA key of %q is only %d bits, so the signature of %q cannot be accepted: Windows rejects RSA keys below 1024 bits in a chain (KB2661254)",
			name(parent), bits, name(child)),
		Remediation: fmt.Sprintf("renew the CA certificate of %q with a 2048-bit key and request new certificates from it", name(parent))}
}

func unsupportedAlgorithm(p *path, i int) Problem {
	child, parent := p.certs[i], p.certs[i+1]
	return Problem{Kind: UnsupportedAlgorithm, Certificate: name(child),
		Details: fmt.Sprintf("the signature of %q by %q uses %s, which uclint cannot check",
			name(child), name(parent), child.SignatureAlgorithmName()),
		Remediation: fmt.Sprintf("request %q again with an RSA SHA-256 signature", name(child))}
}
