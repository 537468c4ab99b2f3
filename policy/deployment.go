package policy

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Deployment is a deployment as its deployment file describes it.
type Deployment struct {
	Path               string   // the file it was read from
	Product            *Profile // product: the default product of its servers (ocs2007r2 when not given)
	SIPDomains         []string // the SIP domains users sign in with, normalized
	AutoConfig         bool     // automatic_client_configuration: clients find their server through DNS
	CAFiles            []string // trust.ca_files, relative ones resolved against the deployment file's folder
	ExpiryWarningDays  int      // expiry_warning_days; 0: not set
	ExpiryCriticalDays int      // expiry_critical_days; 0: not set
	Clients            []Client // clients: the era's clients whose limits apply (the client-compatibility rules)
	// NoAutodiscover is autodiscover: false: Lync/SfB clients do not use lyncdiscover, so its names are not required.
	NoAutodiscover bool
	// SimpleURLs are the deployment's simple URLs (simple_urls at the top): those of every Lync/SfB server that
	// takes simple URLs and gives none of its own.
	SimpleURLs SimpleURLs
	Servers    []Server // in file order
}

// Server is one entry under servers: a server, or a pool of member servers, of one role of one product.
type Server struct {
	Name        string     // the admin's label for it, unique in the file (compared case-insensitively)
	Product     *Profile   // its product: its own product:, else the deployment's
	Role        Role       // what it is
	FQDN        string     // the server's FQDN, or the pool's; normalized
	WebFarm     string     // OCS 2007 R2 Enterprise pool: the internal web farm FQDN (host only); "" when not set
	InternalWeb string     // Lync/SfB: internal web services FQDN
	ExternalWeb string     // Lync/SfB: external web services FQDN
	SimpleURLs  SimpleURLs // Lync/SfB: the hosts of the meet, dialin and admin URLs
	ClientLogon bool       // Directors: all clients log on through it
	Perimeter              // Edge Servers, Communicator Web Access, the reverse proxy: their names and declarations
	Endpoints   Endpoints  // explicit addresses to scan instead of the defaults (not for pools: see Member)
	Files       Files      // certificates to check from files, by certificate kind (paths resolved)
	Members     []Member   // pools only: the member servers of the pool, in file order
	Line        int        // where the entry starts in the file
}

// Spec is the server's role in its product's profile.
func (s *Server) Spec() *RoleSpec {
	p := s.Product
	if p == nil {
		p = defaultProfile
	}
	r, _ := p.Role(string(s.Role))
	return r
}

// Member is one server of a pool.
type Member struct {
	FQDN      string    // the member's own FQDN, normalized
	Endpoints Endpoints // explicit addresses to scan instead of the defaults
	Files     Files     // certificates of this member to check from files, by certificate kind (paths resolved)
	Line      int       // where the entry starts in the file
}

// Endpoints are explicit host:port addresses to scan, by endpoint name ("sip", "web"). When none is given the
// role's default endpoints apply; when any is given, only those given are scanned.
type Endpoints map[string]string

// IsSet reports whether any endpoint is given explicitly.
func (e Endpoints) IsSet() bool { return len(e) > 0 }

// Files are certificate files to check, by certificate kind ("oauth": "oauth.pfx").
type Files map[string]string

// FileError is a problem in a deployment file. Its message says what is wrong and what to change.
type FileError struct {
	Path string // the deployment file
	Line int    // 1-based; 0 when the problem is not on a line (the file cannot be read)
	Msg  string // "what is wrong; what to change"
	Err  error  // the underlying error, if any (e.g. a missing CA file's *fs.PathError)
}

// Error gives "path:line: msg", or "path: msg" when there is no line.
func (e *FileError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Msg)
}

// Unwrap returns the underlying error, if any.
func (e *FileError) Unwrap() error { return e.Err }

// FileErrors returns the FileErrors in err, which is one *FileError or several joined with errors.Join; nil when
// err holds none.
func FileErrors(err error) []*FileError {
	switch e := err.(type) { //nolint:errorlint // walks the tree of errors itself
	case *FileError:
		return []*FileError{e}
	case interface{ Unwrap() []error }:
		var out []*FileError
		for _, inner := range e.Unwrap() {
			out = append(out, FileErrors(inner)...)
		}
		return out
	case interface{ Unwrap() error }:
		return FileErrors(e.Unwrap())
	}
	return nil
}

// maxDeploymentFile caps what is read of a deployment file.
const maxDeploymentFile = 4 << 20

// Load reads the deployment file at path and validates it as Parse does.
func Load(path string) (*Deployment, error) {
	data, err := readFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(data, path)
}

// readFile reads at most maxDeploymentFile bytes of a deployment file.
func readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &FileError{Path: path, Msg: fmt.Sprintf("cannot read the deployment file: %v; check the path", unwrapPathError(err)), Err: err}
	}
	defer func() { _ = f.Close() }()
	data, err := io.ReadAll(io.LimitReader(f, maxDeploymentFile+1))
	if err != nil {
		return nil, &FileError{Path: path, Msg: fmt.Sprintf("cannot read the deployment file: %v", unwrapPathError(err)), Err: err}
	}
	if len(data) > maxDeploymentFile {
		return nil, &FileError{Path: path, Msg: "the deployment file is larger than 4 MiB; is it the right file?"}
	}
	return data, nil
}

func unwrapPathError(err error) error {
	if pe, ok := errors.AsType[*os.PathError](err); ok {
		return pe.Err
	}
	return err
}

// Parse validates the contents of a deployment file. path names the file in messages and anchors relative CA
// files, which must exist. Every problem found is reported: the error is a *FileError when there is one, else
// several joined with errors.Join, in line order (FileErrors lists them).
func Parse(data []byte, path string) (*Deployment, error) {
	root, err := decodeYAML(data, path)
	if err != nil {
		return nil, err
	}
	p := &parser{path: path, keys: map[*yaml.Node]*yaml.Node{}}
	d := p.deployment(root)
	if err := p.err(); err != nil {
		return nil, err
	}
	return d, nil
}

// Server returns the server of that name, compared case-insensitively.
func (d *Deployment) Server(name string) (Server, bool) {
	for _, s := range d.Servers {
		if strings.EqualFold(s.Name, name) {
			return s, true
		}
	}
	return Server{}, false
}

// ServerNames lists the servers' names, in file order.
func (d *Deployment) ServerNames() []string {
	names := make([]string, 0, len(d.Servers))
	for _, s := range d.Servers {
		names = append(names, s.Name)
	}
	return names
}

// Context is what must hold for the default certificate of s: its product, role and names, with the
// deployment's SIP domains, automatic client configuration and automatic discovery, and its simple URLs when s
// gives none of its own. Every member of a pool shares its pool's context.
func (d *Deployment) Context(s Server) Context {
	urls := s.SimpleURLs
	if spec := s.Spec(); len(urls.Hosts()) == 0 && spec != nil && spec.HasOption(OptionSimpleURLs) {
		urls = d.SimpleURLs
	}
	ctx := s.context(urls)
	ctx.SIPDomains = append([]string(nil), d.SIPDomains...)
	ctx.AutoConfig = d.AutoConfig
	ctx.Clients = append([]Client(nil), d.Clients...)
	ctx.NoAutodiscover = d.NoAutodiscover
	return ctx
}

// context is what s itself says of its certificates, with urls as its simple URLs: its product, role, names and
// declarations, without what the deployment adds. It shares no list with s.
func (s *Server) context(urls SimpleURLs) Context {
	urls.Meet = append([]string(nil), urls.Meet...)
	return Context{
		Product:     s.Product,
		Role:        s.Role,
		FQDN:        s.FQDN,
		WebFarm:     s.WebFarm,
		InternalWeb: s.InternalWeb,
		ExternalWeb: s.ExternalWeb,
		SimpleURLs:  urls,
		ClientLogon: s.ClientLogon,
		Perimeter:   s.clone(),
	}
}
