// Package lint holds uclint's rules for OCS 2007 R2 server certificates, written as zlint lints under the source
// "OCS2007R2", and the runner that lints each certificate with its target's role context, together with the
// zlint lints of the default RFC sources. It does no I/O.
package lint

import (
	zlint "github.com/zmap/zlint/v3/lint"
)

// Source is the zlint lint source under which uclint's rules are registered.
const Source zlint.LintSource = "OCS2007R2"

// Citations for rule metadata. The reference texts live in shared/reference beside the project.
const (
	citeTables      = "Microsoft, OCS 2007 R2 Certificates for Internal Servers, Tables 1-4 (reference/ocs2007r2-internal-server-certificates.txt)"
	citeTable2      = "Microsoft, OCS 2007 R2 Certificates for Internal Servers, Table 2 (reference/ocs2007r2-internal-server-certificates.txt)"
	citeTable12     = "Microsoft, OCS 2007 R2 Certificates for Internal Servers, Tables 1-2: assign the Web Components certificate with the IIS snap-in (reference/ocs2007r2-internal-server-certificates.txt)"
	citeNames       = "reference/REQUIREMENTS.md, Names: FQDNs only"
	citeWildcards   = "reference/REQUIREMENTS.md, Names: Wildcards"
	citeCNInSAN     = "reference/REQUIREMENTS.md, Names: CN repeated in the SAN; RFC 2818 section 3.1; RFC 6125 section 6.4.4"
	citeEKU         = "reference/REQUIREMENTS.md, Certificate contents: EKU (OCS Certificate Infrastructure, TechNet bb870336)"
	citeCRLDP       = "reference/REQUIREMENTS.md, Certificate contents: CRL distribution point (TechNet bb870336)"
	citeKeyLength   = "reference/REQUIREMENTS.md, Certificate contents: Key length"
	citeSignature   = "reference/REQUIREMENTS.md, Certificate contents: Signature (KB938397, KB968730)"
	citeKeyUsage    = "reference/REQUIREMENTS.md, Certificate contents: Key Usage (digitalSignature + keyEncipherment)"
	citeValidity    = "reference/REQUIREMENTS.md, What admins most often get wrong: an expired certificate; RFC 5280 section 4.1.2.5"
	citeTrust       = "reference/REQUIREMENTS.md, What admins most often get wrong: the internal root missing; Tables 1-4: Enterprise CA recommended"
	citePublicCA    = "Microsoft, OCS 2007 R2 Certificates for Internal Servers, Tables 1-4: Recommended CA: Enterprise CA (reference/ocs2007r2-internal-server-certificates.txt)"
	citeIncomplete  = "reference/REQUIREMENTS.md, What admins most often get wrong: the intermediate not sent"
	citePoolMembers = "Microsoft, OCS 2007 R2 Certificates for Internal Servers, Table 2: The certificate must be installed on each server in the pool (reference/ocs2007r2-internal-server-certificates.txt)"
)
