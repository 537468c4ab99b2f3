package policy

import (
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Deployment is an OCS 2007 R2 deployment as its deployment file describes it.
type Deployment struct {
	Path               string   // the file it was read from
	SIPDomains         []string // normalized
	AutoConfig         bool     // automatic client configuration is on
	CAFiles            []string // trust.ca_files, resolved against the file's folder
	ExpiryWarningDays  int      // 0: not set
	ExpiryCriticalDays int      // 0: not set
	Servers            []Server
}

// Server is a Standard Edition server, an Enterprise pool, a Director or a Director pool.
type Server struct {
	Name        string
	Role        Role
	FQDN        string // the server's FQDN, or the pool's
	WebFarm     string // enterprise pool: the internal web farm FQDN (host only, normalized)
	ClientLogon bool   // Directors: all clients log on through it
	Endpoints   Endpoints
	Members     []Member // pools only
	Line        int
}

// Member is one server of a pool.
type Member struct {
	FQDN      string
	Endpoints Endpoints
	Line      int
}

// Endpoints are explicit addresses to scan; "" means the role's default. When any is given, only those given are
// scanned.
type Endpoints struct {
	SIP, Web string
}

func (e Endpoints) set() bool { return e.SIP != "" || e.Web != "" }

// FileError is a problem in a deployment file, at a line.
type FileError struct {
	Path string
	Line int
	Msg  string
}

func (e *FileError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Msg)
}

// maxDeploymentFile caps what is read of a deployment file.
const maxDeploymentFile = 4 << 20

// Load reads and validates a deployment file.
func Load(path string) (*Deployment, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, &FileError{Path: path, Msg: fmt.Sprintf("cannot read the deployment file: %v", unwrapPathError(err))}
	}
	if info.Size() > maxDeploymentFile {
		return nil, &FileError{Path: path, Msg: "the deployment file is larger than 4 MiB"}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &FileError{Path: path, Msg: fmt.Sprintf("cannot read the deployment file: %v", unwrapPathError(err))}
	}
	return Parse(data, path)
}

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Parse validates a deployment file's contents. path names the file in messages and anchors relative CA files.
// Every problem found is reported, each as a *FileError with its line, joined with errors.Join.
func Parse(data []byte, path string) (d *Deployment, err error) {
	defer func() {
		if r := recover(); r != nil {
			d, err = nil, &FileError{Path: path, Msg: fmt.Sprintf("cannot parse the deployment file: %v", r)}
		}
	}()
	p := &parser{path: path}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, p.yamlError(err)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, &FileError{Path: path, Msg: "the deployment file is empty: describe at least one server under servers:"}
	}
	d = p.deployment(doc.Content[0])
	if len(p.errs) > 0 {
		return nil, errors.Join(p.errs...)
	}
	return d, nil
}

// parser walks the YAML nodes, collecting every problem with its line.
type parser struct {
	path string
	errs []error
}

func (p *parser) fail(n *yaml.Node, format string, args ...any) {
	line := 0
	if n != nil {
		line = n.Line
	}
	p.errs = append(p.errs, &FileError{Path: p.path, Line: line, Msg: fmt.Sprintf(format, args...)})
}

func (p *parser) yamlError(err error) error {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "yaml: ")
	line := 0
	if strings.HasPrefix(msg, "line ") {
		rest := strings.TrimPrefix(msg, "line ")
		if i := strings.Index(rest, ":"); i > 0 {
			if n, convErr := strconv.Atoi(rest[:i]); convErr == nil {
				line, msg = n, strings.TrimSpace(rest[i+1:])
			}
		}
	}
	return &FileError{Path: p.path, Line: line, Msg: "not valid YAML: " + msg}
}

// fields checks that n is a mapping with only the allowed keys and returns its values by key.
func (p *parser) fields(n *yaml.Node, what string, allowed ...string) map[string]*yaml.Node {
	if n.Kind != yaml.MappingNode {
		p.fail(n, "%s must be a mapping of keys to values, not %s", what, kindName(n))
		return nil
	}
	out := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch {
		case !contains(allowed, k.Value):
			p.fail(k, "unknown key %q in %s; known keys: %s", k.Value, what, strings.Join(allowed, ", "))
		case out[k.Value] != nil:
			p.fail(k, "key %q appears twice in %s", k.Value, what)
		default:
			out[k.Value] = v
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	case yaml.ScalarNode:
		return fmt.Sprintf("%q", n.Value)
	case yaml.AliasNode:
		return "an alias"
	}
	return "nothing"
}

func (p *parser) str(n *yaml.Node, what string) string {
	if n == nil {
		return ""
	}
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		p.fail(n, "%s must be a string, not %s", what, kindName(n))
		return ""
	}
	return n.Value
}

func (p *parser) boolean(n *yaml.Node, what string) bool {
	if n == nil {
		return false
	}
	var b bool
	if n.Kind != yaml.ScalarNode || n.Decode(&b) != nil {
		p.fail(n, "%s must be true or false, not %s", what, kindName(n))
	}
	return b
}

func (p *parser) days(n *yaml.Node, what string) int {
	if n == nil {
		return 0
	}
	var v int
	if n.Kind != yaml.ScalarNode || n.Decode(&v) != nil || v < 0 {
		p.fail(n, "%s must be a whole number of days, 0 or more, not %s", what, kindName(n))
		return 0
	}
	return v
}

func (p *parser) list(n *yaml.Node, what string) []*yaml.Node {
	if n == nil {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		p.fail(n, "%s must be a list, not %s", what, kindName(n))
		return nil
	}
	return n.Content
}

func (p *parser) deployment(root *yaml.Node) *Deployment {
	d := &Deployment{Path: p.path}
	f := p.fields(root, "the deployment file", "sip_domains", "automatic_client_configuration", "trust", "expiry_warning_days", "expiry_critical_days", "servers")
	if f == nil {
		return d
	}
	for _, n := range p.list(f["sip_domains"], "sip_domains") {
		domain := p.str(n, "a SIP domain")
		if err := CheckFQDN(domain); domain != "" && err != nil {
			p.fail(n, "SIP domain: %v", err)
		}
		d.SIPDomains = append(d.SIPDomains, NormalizeName(domain))
	}
	d.AutoConfig = p.boolean(f["automatic_client_configuration"], "automatic_client_configuration")
	d.ExpiryWarningDays = p.days(f["expiry_warning_days"], "expiry_warning_days")
	d.ExpiryCriticalDays = p.days(f["expiry_critical_days"], "expiry_critical_days")
	if t := f["trust"]; t != nil {
		d.CAFiles = p.trust(t)
	}
	servers := p.list(f["servers"], "servers")
	if len(servers) == 0 {
		p.fail(root, "no servers: describe at least one under servers:")
	}
	names := map[string]int{}
	for _, n := range servers {
		s, ok := p.server(n)
		if !ok {
			continue
		}
		if line, dup := names[strings.ToLower(s.Name)]; dup {
			p.fail(n, "server %q is described twice (first on line %d): give each server a unique name", s.Name, line)
			continue
		}
		names[strings.ToLower(s.Name)] = s.Line
		d.Servers = append(d.Servers, s)
	}
	return d
}

func (p *parser) trust(n *yaml.Node) []string {
	f := p.fields(n, "trust", "ca_files")
	var files []string
	for _, fn := range p.list(f["ca_files"], "trust.ca_files") {
		name := p.str(fn, "a CA file")
		if name == "" {
			continue
		}
		path := name
		if !filepath.IsAbs(path) {
			path = filepath.Join(filepath.Dir(p.path), filepath.FromSlash(name))
		}
		if fh, err := os.Open(path); err != nil {
			p.fail(fn, "CA file %s: %v; give a PEM bundle of your Enterprise CA, relative to this file", path, unwrapPathError(err))
		} else {
			_ = fh.Close()
		}
		files = append(files, path)
	}
	return files
}

func (p *parser) server(n *yaml.Node) (Server, bool) {
	f := p.fields(n, "a server", "name", "role", "fqdn", "web_farm", "client_logon", "endpoints", "members")
	if f == nil {
		return Server{}, false
	}
	s := Server{Name: p.str(f["name"], "name"), Line: n.Line}
	errorsBefore := len(p.errs)
	label := fmt.Sprintf("server %q", s.Name)
	if s.Name == "" {
		p.fail(n, "a server without a name: add name: (any label, e.g. pool01)")
		label = "a server"
	}
	role, err := ParseRole(p.str(f["role"], "role"))
	switch {
	case f["role"] == nil:
		p.fail(n, "%s has no role: add role: (%s)", label, RoleNames())
	case err != nil:
		p.fail(f["role"], "%s: unknown role %q; use one of %s", label, f["role"].Value, RoleNames())
	}
	s.Role = role
	s.FQDN = p.fqdn(n, f["fqdn"], label)
	if wf := f["web_farm"]; wf != nil {
		if role != "" && role != EnterprisePool {
			p.fail(wf, "%s: web_farm applies to an enterprise-pool only", label)
		} else if host, err := WebFarmHost(p.str(wf, "web_farm")); err != nil {
			p.fail(wf, "%s: %v", label, err)
		} else {
			s.WebFarm = host
		}
	}
	if cl := f["client_logon"]; cl != nil {
		s.ClientLogon = p.boolean(cl, "client_logon")
		if role != "" && !role.IsDirector() {
			p.fail(cl, "%s: client_logon applies to a director or director-pool only", label)
		}
	}
	s.Endpoints = p.endpoints(f["endpoints"], label, role)
	members := f["members"]
	switch {
	case members != nil && role != "" && !role.IsPool():
		p.fail(members, "%s: members apply to an enterprise-pool or director-pool only; a %s is one server", label, role)
	case members == nil && role.IsPool():
		p.fail(n, "%s: a pool needs members: list each front end server's FQDN under members:", label)
	case members != nil:
		s.Members = p.members(members, label, role)
		if role.IsPool() && len(s.Members) == 0 && len(p.errs) == errorsBefore {
			p.fail(members, "%s: a pool needs members: list each front end server's FQDN under members:", label)
		}
	}
	return s, len(p.errs) == errorsBefore
}

func (p *parser) fqdn(parent, n *yaml.Node, label string) string {
	if n == nil {
		p.fail(parent, "%s has no fqdn: add fqdn: (the server's or pool's fully qualified domain name)", label)
		return ""
	}
	name := p.str(n, "fqdn")
	if err := CheckFQDN(name); err != nil {
		p.fail(n, "%s: fqdn: %v", label, err)
		return ""
	}
	return NormalizeName(name)
}

func (p *parser) members(n *yaml.Node, label string, role Role) []Member {
	var members []Member
	seen := map[string]int{}
	for _, mn := range p.list(n, "members") {
		f := p.fields(mn, "a pool member", "fqdn", "endpoints")
		if f == nil {
			continue
		}
		m := Member{FQDN: p.fqdn(mn, f["fqdn"], label+" member"), Line: mn.Line}
		m.Endpoints = p.endpoints(f["endpoints"], label+" member "+m.FQDN, role)
		if m.FQDN == "" {
			continue
		}
		if line, dup := seen[m.FQDN]; dup {
			p.fail(mn, "%s: member %s is listed twice (first on line %d)", label, m.FQDN, line)
			continue
		}
		seen[m.FQDN] = m.Line
		members = append(members, m)
	}
	return members
}

func (p *parser) endpoints(n *yaml.Node, label string, role Role) Endpoints {
	if n == nil {
		return Endpoints{}
	}
	f := p.fields(n, label+" endpoints", SIPEndpoint, WebEndpoint)
	e := Endpoints{SIP: p.address(f[SIPEndpoint], label), Web: p.address(f[WebEndpoint], label)}
	if f[WebEndpoint] != nil && role.IsDirector() {
		p.fail(f[WebEndpoint], "%s: a Director has no Web Components: remove the web endpoint", label)
	}
	return e
}

func (p *parser) address(n *yaml.Node, label string) string {
	if n == nil {
		return ""
	}
	a := p.str(n, "an endpoint address")
	if err := CheckAddress(a); err != nil {
		p.fail(n, "%s: %v", label, err)
		return ""
	}
	return a
}

// CheckAddress returns nil when a is host:port with a port from 1 to 65535 (an IPv6 host in brackets).
func CheckAddress(a string) error {
	host, port, err := net.SplitHostPort(a)
	if err != nil {
		return fmt.Errorf("address %q is not host:port (e.g. fe01.contoso.com:5061 or [2001:db8::11]:5061)", a)
	}
	n, err := strconv.Atoi(port)
	if err != nil || n < 1 || n > 65535 {
		return fmt.Errorf("address %q: the port must be a number from 1 to 65535", a)
	}
	if host == "" {
		return fmt.Errorf("address %q has no host", a)
	}
	if net.ParseIP(host) == nil {
		if err := CheckFQDN(host); err != nil && strings.Contains(host, ".") {
			return fmt.Errorf("address %q: %w", a, err)
		}
	}
	return nil
}

// Server returns the server of that name (case-insensitive).
func (d *Deployment) Server(name string) (Server, bool) {
	for _, s := range d.Servers {
		if strings.EqualFold(s.Name, name) {
			return s, true
		}
	}
	return Server{}, false
}

// Context is what must hold for the certificates of s.
func (d *Deployment) Context(s Server) Context {
	return Context{
		Role:        s.Role,
		FQDN:        s.FQDN,
		WebFarm:     s.WebFarm,
		SIPDomains:  append([]string(nil), d.SIPDomains...),
		AutoConfig:  d.AutoConfig,
		ClientLogon: s.ClientLogon,
	}
}

// ServerNames lists the servers' names, in file order.
func (d *Deployment) ServerNames() []string {
	names := make([]string, 0, len(d.Servers))
	for _, s := range d.Servers {
		names = append(names, s.Name)
	}
	return names
}
