package lint

import (
	"slices"

	"github.com/zmap/zcrypto/x509"

	"github.com/uclint/uclint/policy"
)

// The deployment-level pass: rules that compare several certificates of one server of the deployment file (the
// members of a pool on one endpoint, an Edge array's A/V authentication certificates, an A/V authentication
// certificate and the Edge's service certificates, the lyncdiscover names any of a Lync server's certificates may
// carry). They need every certificate, so they run once all targets were linted, on what the audit kept of each;
// in the per-certificate pass their target has no pool, no server view and no others, and they do not apply.

// Seen is one certificate of a server of the deployment file, as the audit found it: presented on an endpoint of
// the server or of one of its members, or read from a file the entry names.
type Seen struct {
	Server      string // the entry's name in the deployment file
	Member      string // the member's FQDN; "" for the server itself, or an endpoint shared by a pool's members
	Endpoint    string // the endpoint's name; "" for a file
	Address     string // where the endpoint was dialled
	File        string // the file it was read from
	Certificate *x509.Certificate
	Context     policy.Context // the target's context: its product and role decide which rules apply
}

// Kind is the kind of the role's certificate that was seen ("internal", "av-auth"); "" without a role.
func (s *Seen) Kind() string {
	if s.Context.Certificate != "" {
		return s.Context.Certificate
	}
	if c, ok := s.Context.CertificateSpec(); ok {
		return c.Kind
	}
	return ""
}

// Where says where the certificate was seen, for messages: "edge02.contoso.com internal endpoint at
// 10.0.0.21:5061" or "file edge01-av.pfx".
func (s *Seen) Where() string {
	where := s.Endpoint + " endpoint"
	switch {
	case s.File != "":
		where = "file " + s.File
	case s.Address != "":
		where += " at " + s.Address
	}
	if s.Member != "" {
		where = s.Member + " " + where
	}
	return where
}

// ServerView is every certificate seen of one server of the deployment file (a pool: of all its members).
type ServerView struct {
	Server string
	Seen   []Seen
}

// DeploymentFindings runs the rules that compare several certificates over every server's certificates, once all
// targets were linted: it returns the findings for each index of seen that has some. Certificates of different
// servers (or products) are never compared; certificates seen without a server (the files of one check) are one
// group. Call it from one goroutine after the per-certificate pass.
func (r *Runner) DeploymentFindings(seen []Seen) map[int][]Finding {
	byServer := map[string][]int{}
	for i, s := range seen {
		if s.Certificate != nil {
			key := s.Context.Profile().ID + "\x00" + s.Server
			byServer[key] = append(byServer[key], i)
		}
	}
	only := r.inScope(ScopeDeployment) // the rules that compare several certificates (scope() says so)
	out := map[int][]Finding{}
	for _, idx := range byServer {
		view := &ServerView{Server: seen[idx[0]].Server}
		for _, i := range idx {
			view.Seen = append(view.Seen, seen[i])
		}
		pools := poolComparisons(view)
		byMember := map[string][]int{} // the certificates judged with others, of each member (or of the server itself)
		for k := range view.Seen {
			if NeedsOthers(view.Seen[k].Context) {
				byMember[view.Seen[k].Member] = append(byMember[view.Seen[k].Member], k)
			}
		}
		for k, i := range idx {
			s := seen[i]
			t := &Target{Context: s.Context, Endpoint: s.Endpoint, Server: view, Self: k}
			if s.Member != "" && s.Endpoint != "" {
				t.Pool = pools[s.Endpoint]
			}
			if member := byMember[s.Member]; slices.Contains(member, k) {
				t.Context.Certificate = s.Kind()
				t.Others = othersOf(view, k, member)
			}
			if f := r.lintTarget(s.Certificate, t, only); len(f) > 0 {
				out[i] = f
			}
		}
	}
	return out
}

// poolComparisons gathers, per endpoint, the certificates the server's members presented there.
func poolComparisons(view *ServerView) map[string]*PoolComparison {
	pools := map[string]*PoolComparison{}
	for _, s := range view.Seen {
		if s.Member == "" || s.Endpoint == "" {
			continue
		}
		cmp := pools[s.Endpoint]
		if cmp == nil {
			cmp = &PoolComparison{Pool: view.Server}
			pools[s.Endpoint] = cmp
		}
		cmp.Members = append(cmp.Members, MemberCertificate{Member: s.Member, Fingerprint: Fingerprint(s.Certificate)})
	}
	return pools
}

// othersOf is, by kind, the certificates of the same member (or of the server itself) judged with others, given by
// their indexes in the view, other than the k-th: what the rules judged across a server's certificates
// (names_any) look at.
func othersOf(view *ServerView, k int, member []int) map[string][]*x509.Certificate {
	others := map[string][]*x509.Certificate{}
	for _, j := range member {
		if j != k {
			o := &view.Seen[j]
			others[o.Kind()] = append(others[o.Kind()], o.Certificate)
		}
	}
	return others
}

// self is the certificate being judged in the deployment-level pass.
func (t *Target) self() *Seen { return &t.Server.Seen[t.Self] }
