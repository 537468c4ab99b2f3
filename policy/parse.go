package policy

import (
	"cmp"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// The keys each mapping of the deployment file may hold, in the order messages list them.
func topKeys() []string {
	return []string{"sip_domains", "automatic_client_configuration", "trust", "expiry_warning_days", "expiry_critical_days", "servers", "product",
		"autodiscover", "simple_urls", "clients"}
}
func serverKeys() []string {
	return append([]string{"name", "product", "role", "fqdn"}, append(KnownOptions(), "endpoints", "files", "members")...)
}
func memberKeys() []string    { return []string{"fqdn", "endpoints", "files"} }
func trustKeys() []string     { return []string{"ca_files"} }
func simpleURLKeys() []string { return []string{"meet", "dialin", "admin"} }

// maxExpiryDays bounds the expiry thresholds: ten years is more than any certificate needs, and keeps day counts
// far from overflowing a time.Duration.
const maxExpiryDays = 3650

// maxProblems caps the problems reported: past it, a file is likely not a deployment file at all.
const maxProblems = 50

// parser walks the YAML nodes of one deployment file, collecting every problem with its line.
type parser struct {
	path string
	errs []*FileError
	more []int                     // the lines of the problems found past maxProblems
	keys map[*yaml.Node]*yaml.Node // value → its key, for problems that are best shown on the key's line
	// domain is the administrator's DNS domain once known (the first SIP domain): examples in messages use it.
	domain string
}

// example is an example FQDN in the administrator's domain for a message: "fe01.fabrikam.com"; with no SIP
// domain given, in contoso.com, Microsoft's example domain.
func (p *parser) example(host string) string {
	domain := p.domain
	if domain == "" {
		domain = "contoso.com"
	}
	return ExampleName(host, domain)
}

// keyOf returns the key whose value is n, or n: a block list or mapping starts on the line after its key, and a
// problem with the whole value reads best on the key's line.
func (p *parser) keyOf(n *yaml.Node) *yaml.Node {
	if k := p.keys[n]; k != nil {
		return k
	}
	return n
}

func (p *parser) fail(n *yaml.Node, format string, args ...any) { p.failErr(n, nil, format, args...) }

// full reports whether maxProblems are found: further ones are counted, not described.
func (p *parser) full() bool { return len(p.errs) >= maxProblems }

func (p *parser) failErr(n *yaml.Node, err error, format string, args ...any) {
	if p.full() {
		p.more = append(p.more, lineOf(n))
		return
	}
	p.errs = append(p.errs, &FileError{Path: p.path, Line: lineOf(n), Msg: fmt.Sprintf(format, args...), Err: err})
}

// err is nil, the one problem found, or all of them joined in line order.
func (p *parser) err() error {
	switch len(p.errs) {
	case 0:
		return nil
	case 1:
		return p.errs[0]
	}
	slices.SortStableFunc(p.errs, func(a, b *FileError) int { return cmp.Compare(a.Line, b.Line) })
	errs := make([]error, 0, len(p.errs)+1)
	for _, e := range p.errs {
		errs = append(errs, e)
	}
	if len(p.more) > 0 {
		errs = append(errs, &FileError{Path: p.path, Line: slices.Min(p.more),
			Msg: fmt.Sprintf("and %d more problems from here on; fix those above first (is this a deployment file?)", len(p.more))})
	}
	return errors.Join(errs...)
}

// usable reports whether n holds a value to read, reporting an alias or an empty value. n is nil when the key is
// absent: not usable, and not a problem here.
func (p *parser) usable(n *yaml.Node, what string) bool {
	switch {
	case n == nil:
		return false
	case n.Kind == yaml.AliasNode:
		p.fail(n, "%s is an alias (*%s); write the value out: uclint does not follow YAML aliases", what, n.Value)
		return false
	case isNull(n):
		p.fail(n, "%s has no value; give one, or remove the key", what)
		return false
	}
	return true
}

// mapping returns the values of the mapping n by key, reporting n if it is not a mapping and each key that is not
// allowed or is given twice. It returns nil when n is absent or not a mapping.
func (p *parser) mapping(n *yaml.Node, what string, allowed []string) map[string]*yaml.Node {
	if !p.usable(n, what) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		p.fail(p.keyOf(n), "%s must be a mapping of key: value lines, not %s; see the example in the README", orFile(what), describe(n))
		return nil
	}
	values := make(map[string]*yaml.Node, len(n.Content)/2)
	lines := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		first, dup := lines[k.Value]
		p.keys[v] = k
		switch {
		case k.Kind != yaml.ScalarNode:
			p.fail(k, "%sa key must be a name, not %s; use one of %s", prefix(what), describe(k), strings.Join(allowed, ", "))
		case k.Value == "<<":
			p.fail(k, "%smerge keys (<<) are not supported; write the keys out", prefix(what))
		case !slices.Contains(allowed, k.Value):
			p.unknownKey(k, v, what, allowed, values)
		case dup:
			p.fail(k, "%skey %q appears twice (first on line %d); keep one", prefix(what), k.Value, first)
		default:
			values[k.Value], lines[k.Value] = v, k.Line
		}
	}
	return values
}

// prefix starts a message about what: "server \"pool01\": ", or nothing for the file's top level ("").
func prefix(what string) string {
	if what == "" {
		return ""
	}
	return what + ": "
}

// orFile names what, or the file for its top level.
func orFile(what string) string {
	if what == "" {
		return "the deployment file"
	}
	return what
}

// unknownKey reports the key k, and files its value v under the key it is likely a typo of (if not given as well),
// so that the typo is the only problem reported.
func (p *parser) unknownKey(k, v *yaml.Node, what string, allowed []string, values map[string]*yaml.Node) {
	if p.full() { // only counted: spare the search for a likely key
		p.fail(k, "unknown key")
		return
	}
	typo := likelyKey(k.Value, allowed)
	if typo == "" {
		p.fail(k, "%sunknown key %q; use one of %s", prefix(what), k.Value, strings.Join(allowed, ", "))
		return
	}
	p.fail(k, "%sunknown key %q; did you mean %q?", prefix(what), k.Value, typo)
	if values[typo] == nil {
		values[typo] = v
	}
}

// seq returns the items of the list n; nil when n is absent or not a list.
func (p *parser) seq(n *yaml.Node, what string) []*yaml.Node {
	if !p.usable(n, what) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		fix := "write the items as [a, b] or as lines starting with -"
		if n.Kind == yaml.ScalarNode {
			fix = fmt.Sprintf("write [%s]", n.Value)
		}
		p.fail(p.keyOf(n), "%s must be a list, not %s; %s", what, describe(n), fix)
		return nil
	}
	return n.Content
}

// isEmptySeq reports whether n is a list without items: "servers: []".
func isEmptySeq(n *yaml.Node) bool {
	return n != nil && n.Kind == yaml.SequenceNode && len(n.Content) == 0
}

// scalar returns the single value n holds; ok is false when n is absent or not a single value.
func (p *parser) scalar(n *yaml.Node, what string) (string, bool) {
	if !p.usable(n, what) {
		return "", false
	}
	if n.Kind != yaml.ScalarNode {
		p.fail(p.keyOf(n), "%s is %s; give a single value", what, describe(n))
		return "", false
	}
	return n.Value, true
}

// boolean reads true or false; yes/no and on/off are accepted too, as YAML 1.1 and most admins' habits have them.
func (p *parser) boolean(n *yaml.Node, what string) bool {
	v, ok := p.scalar(n, what)
	if !ok {
		return false
	}
	switch strings.ToLower(v) {
	case "true", "yes", "on":
		return true
	case "false", "no", "off":
		return false
	}
	p.fail(n, "%s is %q; write true or false", what, v)
	return false
}

func (p *parser) days(n *yaml.Node, what string) int {
	v, ok := p.scalar(n, what)
	if !ok {
		return 0
	}
	d, err := strconv.Atoi(v)
	if err != nil || d < 0 || d > maxExpiryDays {
		p.fail(n, "%s is %q; give a whole number of days from 0 to %d, e.g. %s: 30", what, v, maxExpiryDays, what)
		return 0
	}
	return d
}

func (p *parser) deployment(root *yaml.Node) *Deployment {
	d := &Deployment{Path: p.path, Product: defaultProfile}
	f := p.mapping(root, "", topKeys())
	if f == nil {
		return d
	}
	if prod := p.product(f["product"], "product", nil); prod != nil {
		d.Product = prod
	}
	d.SIPDomains = p.sipDomains(f["sip_domains"])
	if len(d.SIPDomains) > 0 {
		p.domain = d.SIPDomains[0]
	}
	d.AutoConfig = p.boolean(f["automatic_client_configuration"], "automatic_client_configuration")
	if d.AutoConfig && f["sip_domains"] == nil {
		p.fail(f["automatic_client_configuration"], "automatic_client_configuration is on but there are no sip_domains; "+
			"list the SIP domains users sign in with, e.g. sip_domains: [contoso.com]")
	}
	d.ExpiryWarningDays = p.days(f["expiry_warning_days"], "expiry_warning_days")
	d.ExpiryCriticalDays = p.days(f["expiry_critical_days"], "expiry_critical_days")
	if w, c := d.ExpiryWarningDays, d.ExpiryCriticalDays; w > 0 && c > w {
		p.fail(f["expiry_critical_days"], "expiry_critical_days (%d) is more than expiry_warning_days (%d); "+
			"the critical threshold is the nearer one, e.g. warning 30 and critical 7", c, w)
	}
	d.CAFiles = p.trust(f["trust"])
	if n := f["autodiscover"]; n != nil {
		d.NoAutodiscover = !p.boolean(n, "autodiscover")
	}
	d.SimpleURLs = p.simpleURLs(f["simple_urls"], "")
	d.Clients = p.clients(f["clients"])
	d.Servers = p.servers(root, f["servers"], d.Product)
	return d
}

// product reads a product: key; nil when absent or unknown (reported), or fallback.
func (p *parser) product(n *yaml.Node, what string, fallback *Profile) *Profile {
	if n == nil {
		return fallback
	}
	v, ok := p.scalar(n, what)
	if !ok {
		return fallback
	}
	prof, err := Product(strings.TrimSpace(v))
	if err != nil {
		p.fail(n, "%s: unknown product %q; use one of %s", what, strings.TrimSpace(v), ProductIDs())
		return fallback
	}
	return prof
}

func (p *parser) sipDomains(n *yaml.Node) []string {
	items := p.seq(n, "sip_domains")
	if isEmptySeq(n) {
		p.fail(n, "sip_domains is empty; list the SIP domains users sign in with (e.g. [contoso.com]), or remove the key")
	}
	var domains []string
	lines := map[string]int{}
	for _, item := range items {
		v, ok := p.scalar(item, "a SIP domain")
		if !ok {
			continue
		}
		if strings.TrimSpace(v) == "" {
			p.fail(item, "a SIP domain is empty; give the part after @ in users' SIP addresses, e.g. contoso.com")
			continue
		}
		if msg := SIPDomainProblem(v); msg != "" {
			p.fail(item, "%s", msg)
			continue
		}
		domain := NormalizeName(v)
		if first, dup := lines[domain]; dup {
			p.fail(item, "SIP domain %s is listed twice (first on line %d); list it once", domain, first)
			continue
		}
		lines[domain] = item.Line
		domains = append(domains, domain)
	}
	return domains
}

func (p *parser) trust(n *yaml.Node) []string {
	f := p.mapping(n, "trust", trustKeys())
	if f == nil {
		return nil
	}
	if f["ca_files"] == nil {
		p.fail(p.keyOf(n), "trust has no ca_files; add ca_files: [your-root-ca.pem], or remove trust")
		return nil
	}
	var files []string
	for _, item := range p.seq(f["ca_files"], "trust: ca_files") {
		if path, ok := p.caFile(item); ok {
			files = append(files, path)
		}
	}
	return files
}

// caFile resolves one entry of trust.ca_files and checks that the file can be read.
func (p *parser) caFile(n *yaml.Node) (string, bool) {
	name, ok := p.scalar(n, "trust: a CA file")
	if !ok {
		return "", false
	}
	if strings.TrimSpace(name) == "" {
		p.fail(n, "trust: a CA file name is empty; give the path of a PEM file holding your CA certificates")
		return "", false
	}
	path := resolvePath(p.path, name)
	if err := checkReadable(path); err != nil {
		p.failErr(n, err, "trust: CA file %s: %v; give a PEM file holding your CA certificates "+
			"(a relative path starts from the deployment file's folder)", path, unwrapPathError(err))
		return "", false
	}
	return path, true
}

// resolvePath resolves name, written with / or the platform's separator, against the folder of the deployment file
// unless it is absolute.
func resolvePath(deploymentFile, name string) string {
	name = filepath.FromSlash(name)
	if filepath.IsAbs(name) {
		return filepath.Clean(name)
	}
	return filepath.Join(filepath.Dir(deploymentFile), name)
}

// checkReadable returns nil when path is a file that can be opened for reading.
func checkReadable(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err //nolint:wrapcheck // a *PathError, which names the file
	}
	defer func() { _ = f.Close() }()
	info, err := f.Stat()
	if err != nil {
		return err //nolint:wrapcheck // a *PathError, which names the file
	}
	if info.IsDir() {
		return &os.PathError{Op: "open", Path: path, Err: errors.New("is a folder, not a file")}
	}
	return nil
}

func (p *parser) servers(root, n *yaml.Node, product *Profile) []Server {
	items := p.seq(n, "servers")
	if n == nil || isEmptySeq(n) {
		at := root
		if n != nil {
			at = n
		}
		p.fail(at, "no servers; describe at least one under servers: (name, role, fqdn)")
	}
	var servers []Server
	lines := map[string]int{}
	for i, item := range items {
		s := p.server(item, i, product)
		if s.Name != "" {
			key := strings.ToLower(s.Name)
			if first, dup := lines[key]; dup {
				p.fail(item, "server %q is described twice (first on line %d); give each server a unique name", s.Name, first)
			} else {
				lines[key] = s.Line
			}
		}
		servers = append(servers, s)
	}
	return servers
}

// serverLabel names a server in messages: by its name, or by its place in the list when it has none.
func serverLabel(n *yaml.Node, index int) string {
	if name := peek(n, "name"); name != "" {
		return fmt.Sprintf("server %q", name)
	}
	return fmt.Sprintf("server #%d", index+1)
}

func (p *parser) server(n *yaml.Node, index int, product *Profile) Server {
	label := serverLabel(n, index)
	s := Server{Line: lineOf(n), Product: product}
	f := p.mapping(n, label, serverKeys())
	if f == nil {
		return s
	}
	s.Name = p.name(n, f["name"], label)
	s.Product = p.product(f["product"], label+": product", product)
	spec := p.role(n, f["role"], label, s.Product)
	if spec != nil {
		s.Role = Role(spec.Name)
	}
	whose := "the server's FQDN"
	if spec != nil {
		whose = spec.FQDNLabel
	}
	s.FQDN = p.fqdn(n, f["fqdn"], label, whose)
	s.WebFarm = p.host(p.option(f, OptionWebFarm, label, spec), label, "web farm", "the internal web farm FQDN or URL (e.g. https://"+p.example("webpool01")+"/)")
	s.InternalWeb = p.host(p.option(f, OptionInternalWeb, label, spec), label, "internal_web_fqdn", "the internal web services FQDN")
	s.ExternalWeb = p.host(p.option(f, OptionExternalWeb, label, spec), label, "external_web_fqdn", "the external web services FQDN")
	s.SimpleURLs = p.simpleURLs(p.option(f, OptionSimpleURLs, label, spec), label)
	if n := p.option(f, OptionClientLogon, label, spec); n != nil {
		s.ClientLogon = p.boolean(n, label+": client_logon")
	}
	s.Perimeter = p.perimeter(n, f, label, spec)
	s.Endpoints = p.serverEndpoints(f["endpoints"], label, spec)
	s.Files = p.files(f["files"], label, spec)
	s.Members = p.members(n, f["members"], label, s, spec)
	p.endpointsNeed(f, s, label, spec)
	return s
}

// option returns the value of a role option key, reporting it when the role does not take it.
func (p *parser) option(f map[string]*yaml.Node, opt, label string, spec *RoleSpec) *yaml.Node {
	n := f[opt]
	if n == nil || spec == nil {
		return n
	}
	if !spec.HasOption(opt) {
		p.fail(p.keyOf(n), "%s: %s applies to %s only; remove it", label, opt, rolesTaking(opt))
		return nil
	}
	return n
}

// rolesTaking says which roles take an option: "an enterprise-pool", "a director or director-pool".
func rolesTaking(opt string) string {
	var roles []string
	for _, prof := range Profiles() {
		for _, r := range prof.Roles {
			if r.HasOption(opt) && !slices.Contains(roles, r.Name) {
				roles = append(roles, r.Name)
			}
		}
	}
	if len(roles) == 0 {
		return "no role"
	}
	if len(roles) == 1 {
		return withArticle(roles[0])
	}
	return withArticle(strings.Join(roles[:len(roles)-1], ", ")) + " or " + roles[len(roles)-1]
}

// withArticle puts "a" or "an" before a role's name or label: "an enterprise-pool", "an Edge Server".
func withArticle(s string) string {
	if s != "" && strings.ContainsAny(strings.ToLower(s[:1]), "aeiou") {
		return "an " + s
	}
	return "a " + s
}

// host reads a name given as an FQDN or a URL.
func (p *parser) host(n *yaml.Node, label, key, what string) string {
	if n == nil {
		return ""
	}
	written := key // as the file writes it
	if key == "web farm" {
		written = OptionWebFarm
	}
	v, ok := p.scalar(n, prefix(label)+written)
	if !ok {
		return ""
	}
	host, err := HostOf(key, v)
	switch {
	case err != nil:
		p.fail(n, "%s%v", prefix(label), err)
	case host == "":
		p.fail(n, "%s%s is empty; give %s, or remove the key", prefix(label), written, what)
	}
	return host
}

// simpleURLs reads simple_urls: {meet: [URL, ...] or URL, dialin: URL, admin: URL}; label names the server, or is
// "" for the deployment's own simple_urls.
func (p *parser) simpleURLs(n *yaml.Node, label string) SimpleURLs {
	what := prefix(label) + "simple_urls"
	f := p.mapping(n, what, simpleURLKeys())
	if f == nil {
		return SimpleURLs{}
	}
	var urls SimpleURLs
	if m := f["meet"]; m != nil {
		items := []*yaml.Node{m}
		if m.Kind == yaml.SequenceNode {
			items = p.seq(m, what+": meet")
		}
		for _, item := range items {
			if h := p.host(item, label, "simple_urls: meet", "a meeting URL, e.g. https://"+p.example("meet")); h != "" && !slices.Contains(urls.Meet, h) {
				urls.Meet = append(urls.Meet, h)
			}
		}
	}
	urls.Dialin = p.host(f["dialin"], label, "simple_urls: dialin", "the dial-in URL, e.g. https://"+p.example("dialin"))
	urls.Admin = p.host(f["admin"], label, "simple_urls: admin", "the admin URL, e.g. https://"+p.example("admin"))
	return urls
}

// files reads files: {KIND: path}, certificate files to check for the server's certificates of that kind.
func (p *parser) files(n *yaml.Node, label string, spec *RoleSpec) Files {
	if spec == nil {
		return nil
	}
	what := label + ": files"
	f := p.mapping(n, what, spec.CertificateKinds())
	if len(f) == 0 {
		return nil
	}
	files := Files{}
	for kind, v := range f {
		name, ok := p.scalar(v, what+": "+kind)
		if !ok {
			continue
		}
		if strings.TrimSpace(name) == "" {
			p.fail(v, "%s: %s is empty; give the path of the certificate file (PEM, DER, PKCS#7 or PFX)", what, kind)
			continue
		}
		files[kind] = resolvePath(p.path, name)
	}
	return files
}

func (p *parser) name(server, n *yaml.Node, label string) string {
	if n == nil {
		p.fail(server, "%s has no name; add name: (any label, e.g. pool01)", label)
		return ""
	}
	v, ok := p.scalar(n, label+": name")
	if ok && strings.TrimSpace(v) == "" {
		p.fail(n, "%s: name is empty; give any label, e.g. pool01", label)
		return ""
	}
	return v
}

func (p *parser) role(server, n *yaml.Node, label string, product *Profile) *RoleSpec {
	if product == nil {
		return nil
	}
	if n == nil {
		p.fail(server, "%s has no role; add role: (one of %s)", label, product.RoleNames())
		return nil
	}
	v, ok := p.scalar(n, label+": role")
	if !ok {
		return nil
	}
	r, ok := product.Role(v)
	if !ok {
		suffix := ""
		if product.ID != DefaultProduct {
			suffix = " (the roles of " + product.ID + ")"
		}
		p.fail(n, "%s: unknown role %q; use one of %s%s", label, v, product.RoleNames(), suffix)
		return nil
	}
	return r
}

// fqdn reads a server's or member's fqdn; whose says whose FQDN it must be.
func (p *parser) fqdn(parent, n *yaml.Node, label, whose string) string {
	if n == nil {
		p.fail(parent, "%s has no fqdn; add fqdn: (%s)", label, whose)
		return ""
	}
	v, ok := p.scalar(n, label+": fqdn")
	switch {
	case !ok:
		return ""
	case strings.TrimSpace(v) == "":
		p.fail(n, "%s: fqdn is empty; give %s", label, whose)
		return ""
	}
	if err := CheckFQDNIn(v, p.domain); err != nil {
		p.fail(n, "%s: fqdn %v", label, err)
		return ""
	}
	return NormalizeName(v)
}

// serverEndpoints reads the endpoints of a server that is not a pool: a pool's endpoints belong to its members.
func (p *parser) serverEndpoints(n *yaml.Node, label string, spec *RoleSpec) Endpoints {
	if n != nil && spec != nil && spec.Pool {
		p.fail(p.keyOf(n), "%s: a pool's endpoints belong to its members; move endpoints: under each member", label)
		return nil
	}
	return p.endpoints(n, label, spec)
}

func (p *parser) endpoints(n *yaml.Node, label string, spec *RoleSpec) Endpoints {
	what := label + ": endpoints"
	if spec == nil {
		return nil
	}
	names := spec.EndpointNames()
	if n != nil && n.Kind == yaml.MappingNode && len(n.Content) > 0 {
		if n = p.dropForeignEndpoints(n, label, spec); len(n.Content) == 0 {
			return nil
		}
	}
	f := p.mapping(n, what, names)
	if f == nil {
		return nil
	}
	if len(n.Content) == 0 {
		p.fail(p.keyOf(n), "%s is empty; give %s addresses (host:port), or remove it to scan the defaults", what, strings.Join(names, "/"))
	}
	e := Endpoints{}
	for _, name := range names {
		if addr := p.address(f[name], label, name); addr != "" {
			e[name] = addr
		}
	}
	return e
}

// dropForeignEndpoints reports the endpoints of other roles given to this one ("a Director has no web endpoint")
// and returns the mapping without them, so that they are not reported a second time as unknown keys.
func (p *parser) dropForeignEndpoints(n *yaml.Node, label string, spec *RoleSpec) *yaml.Node {
	own := spec.EndpointNames()
	kept := &yaml.Node{Kind: n.Kind, Tag: n.Tag, Line: n.Line, Column: n.Column}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if !slices.Contains(own, k.Value) && isEndpointName(k.Value) {
			p.fail(k, "%s: %s has no %s endpoint; remove it (its endpoints: %s)", label, withArticle(spec.Label), k.Value, strings.Join(own, ", "))
			continue
		}
		kept.Content = append(kept.Content, k, n.Content[i+1])
	}
	if k := p.keys[n]; k != nil {
		p.keys[kept] = k
	}
	return kept
}

// isEndpointName reports whether name is an endpoint of any role of any product.
func isEndpointName(name string) bool {
	for _, prof := range Profiles() {
		for _, r := range prof.Roles {
			if slices.Contains(r.EndpointNames(), name) {
				return true
			}
		}
	}
	return false
}

func (p *parser) address(n *yaml.Node, label, kind string) string {
	v, ok := p.scalar(n, fmt.Sprintf("%s: %s endpoint", label, kind))
	if !ok {
		return ""
	}
	if err := CheckAddress(v); err != nil {
		p.fail(n, "%s: %s endpoint: %v", label, kind, err)
		return ""
	}
	return v
}

// members reads the members of s, a pool whose name, role and FQDN are read.
func (p *parser) members(server, n *yaml.Node, label string, s Server, spec *RoleSpec) []Member {
	role := s.Role
	isPool := spec != nil && spec.Pool
	switch {
	case n == nil:
		if isPool {
			p.fail(server, "%s: a pool needs members; %s", label, p.membersHint(role))
		}
		return nil
	case spec != nil && !isPool:
		p.fail(p.keyOf(n), "%s: members apply to a pool role only (%s); a %s is one server: remove members, or use a pool role", label, poolRoles(s.Product), role)
		return nil
	}
	items := p.seq(n, label+": members")
	if isEmptySeq(n) {
		p.fail(n, "%s: a pool needs members; %s", label, p.membersHint(role))
	}
	var members []Member
	lines := map[string]int{}
	for i, item := range items {
		m := p.member(item, i, label, spec)
		if m.FQDN == "" {
			continue
		}
		if first, dup := lines[m.FQDN]; dup {
			p.fail(item, "%s: member %s is listed twice (first on line %d); list each member once", label, m.FQDN, first)
			continue
		}
		if m.FQDN == s.FQDN {
			p.fail(item, "%s: member %s is the pool's own FQDN; give the member server's own FQDN (clients reach the pool FQDN through the load balancer)", label, m.FQDN)
			continue
		}
		lines[m.FQDN] = m.Line
		members = append(members, m)
	}
	return members
}

// poolRoles lists a product's pool roles.
func poolRoles(product *Profile) string {
	var roles []string
	for _, r := range product.Roles {
		if r.Pool {
			roles = append(roles, r.Name)
		}
	}
	return strings.Join(roles, ", ")
}

func (p *parser) membersHint(role Role) string {
	if strings.Contains(string(role), "director") {
		return "list each Director's FQDN under members: (- fqdn: " + p.example("dir01") + ")"
	}
	if role == EdgeArray {
		return "list each Edge Server's internal FQDN under members: (- fqdn: " + p.example("edge01") + ")"
	}
	return "list each front end server's FQDN under members: (- fqdn: " + p.example("fe01") + ")"
}

func (p *parser) member(n *yaml.Node, index int, pool string, spec *RoleSpec) Member {
	label := fmt.Sprintf("%s member #%d", pool, index+1)
	if fqdn := peek(n, "fqdn"); fqdn != "" {
		label = fmt.Sprintf("%s member %s", pool, fqdn)
	}
	m := Member{Line: lineOf(n)}
	if n.Kind == yaml.ScalarNode && !isNull(n) {
		p.fail(n, "%s: a member is a mapping; write - fqdn: %s", label, n.Value)
		return m
	}
	f := p.mapping(n, label, memberKeys())
	if f == nil {
		return m
	}
	m.FQDN = p.fqdn(n, f["fqdn"], label, "the member server's own FQDN, e.g. "+p.example("fe01"))
	m.Endpoints = p.endpoints(f["endpoints"], label, spec)
	m.Files = p.files(f["files"], label, spec)
	return m
}
