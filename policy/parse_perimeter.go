package policy

import (
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// optionHints says what each perimeter option holds, with an example, for messages.
func optionHints() map[string]string {
	return map[string]string{
		OptionAccessEdge:  "the Access Edge's external FQDN, e.g. access_edge_fqdn: sip.contoso.com",
		OptionWebConfEdge: "the Web Conferencing Edge's external FQDN, e.g. webconf_edge_fqdn: webconf.contoso.com",
		OptionCWAURL:      "the URL users open Communicator Web Access at, e.g. cwa_url: https://im.contoso.com/",
		OptionExternalWeb: "the external web farm FQDN the reverse proxy publishes, e.g. external_web_fqdn: ocsweb.contoso.com",
	}
}

// perimeter reads the options of the Edge Server, Communicator Web Access and reverse proxy roles, and reports the
// required options the entry lacks.
func (p *parser) perimeter(server *yaml.Node, f map[string]*yaml.Node, label string, spec *RoleSpec) Perimeter {
	hints := optionHints()
	var per Perimeter
	per.AccessEdge = p.host(p.option(f, OptionAccessEdge, label, spec), label, OptionAccessEdge, hints[OptionAccessEdge])
	per.WebConfEdge = p.host(p.option(f, OptionWebConfEdge, label, spec), label, OptionWebConfEdge, hints[OptionWebConfEdge])
	per.CWAHost = p.host(p.option(f, OptionCWAURL, label, spec), label, OptionCWAURL, hints[OptionCWAURL])
	if n := p.option(f, OptionFederation, label, spec); n != nil {
		per.Federation = p.boolean(n, label+": "+OptionFederation)
	}
	if n := p.option(f, OptionAnonymous, label, spec); n != nil {
		per.Anonymous = p.boolean(n, label+": "+OptionAnonymous)
	}
	per.PublicIM = p.publicIM(p.option(f, OptionPublicIM, label, spec), label)
	if spec != nil {
		for _, opt := range spec.Required {
			if f[opt] == nil {
				p.fail(server, "%s has no %s; add %s", label, opt, hints[opt])
			}
		}
	}
	return per
}

// publicIM reads public_im_connectivity: the providers, as a list ([msn, aol]) or one name.
func (p *parser) publicIM(n *yaml.Node, label string) []string {
	if n == nil {
		return nil
	}
	what := label + ": " + OptionPublicIM
	items := []*yaml.Node{n}
	if n.Kind == yaml.SequenceNode {
		items = p.seq(n, what)
		if len(items) == 0 {
			p.fail(p.keyOf(n), "%s is empty; list the public IM providers you connect to (%s), or remove the key", what, strings.Join(PublicIMProviders(), ", "))
		}
	}
	var providers []string
	for _, item := range items {
		v, ok := p.scalar(item, what)
		if !ok {
			continue
		}
		name := strings.ToLower(strings.TrimSpace(v))
		switch {
		case !slices.Contains(PublicIMProviders(), name):
			p.fail(item, "%s: unknown provider %q; use msn (Windows Live), aol or yahoo", what, v)
		case slices.Contains(providers, name):
			p.fail(item, "%s: %s is listed twice; list it once", what, name)
		default:
			providers = append(providers, name)
		}
	}
	return providers
}

// optionOfTemplate is the option that gives the variable of a name template, for the variables that come from
// an option; "" for the others.
func optionOfTemplate(t string) string {
	switch {
	case strings.Contains(t, "{access_edge_fqdn}"):
		return OptionAccessEdge
	case strings.Contains(t, "{webconf_edge_fqdn}"):
		return OptionWebConfEdge
	case strings.Contains(t, "{cwa_host}"):
		return OptionCWAURL
	case strings.Contains(t, "{external_web_fqdn}"):
		return OptionExternalWeb
	case strings.Contains(t, "{internal_web_fqdn}"):
		return OptionInternalWeb
	}
	return ""
}

// endpointsNeed reports each explicit endpoint of the server or its members whose server name comes from an
// option the entry lacks (the reverse proxy's cwa listener without cwa_url): it would be dialled without the name
// a client sends, and its certificate judged against nothing.
func (p *parser) endpointsNeed(f map[string]*yaml.Node, s Server, label string, spec *RoleSpec) {
	if spec == nil {
		return
	}
	ctx := s.context(s.SimpleURLs)
	check := func(n *yaml.Node, who string, e Endpoints) {
		for _, c := range spec.Certificates {
			for _, ep := range c.Endpoints {
				if e[ep.Name] == "" || len(ctx.Expand(ep.SNI)) > 0 {
					continue
				}
				if opt := optionOfTemplate(ep.SNI); opt != "" {
					hint := optionHints()[opt]
					if hint == "" {
						hint = "it"
					}
					p.fail(n, "%s: the %s endpoint serves the name %s gives, which is missing; add %s", who, ep.Name, opt, hint)
				}
			}
		}
	}
	if n := f["endpoints"]; n != nil {
		check(p.keyOf(n), label, s.Endpoints)
	}
	for _, m := range s.Members {
		check(&yaml.Node{Line: m.Line}, label+" member "+m.FQDN, m.Endpoints)
	}
}
