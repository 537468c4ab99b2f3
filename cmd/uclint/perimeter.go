package main

import (
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/uclint/uclint/policy"
)

// perimeterFlags are the flags of the Edge Server, Communicator Web Access and reverse proxy roles: the same facts
// their deployment-file options give.
type perimeterFlags struct {
	accessEdge, webConfEdge, cwaURL string
	federation, anonymous           bool
	publicIM                        []string
}

func (p *perimeterFlags) addFlags(c *cobra.Command) {
	f := c.Flags()
	f.StringVar(&p.accessEdge, "access-edge", "", "Edge Server: the Access Edge's external FQDN (sip.contoso.com)")
	f.StringVar(&p.webConfEdge, "webconf-edge", "", "Edge Server: the Web Conferencing Edge's external FQDN")
	f.StringVar(&p.cwaURL, "cwa-url", "", "Communicator Web Access, reverse proxy: the URL users open CWA at (https://im.contoso.com/)")
	f.BoolVar(&p.federation, "federation", false, "Edge Server: federation with other organizations is enabled")
	f.StringArrayVar(&p.publicIM, "public-im", nil, "Edge Server: a public IM provider you connect to: msn, aol or yahoo (repeat for each)")
	f.BoolVar(&p.anonymous, "anonymous-conferencing", false, "Edge Server: anonymous participants may join web conferences")
}

// flagOf is the flag that gives a role option, with what it holds, for messages.
func flagOf(option string) string {
	switch option {
	case policy.OptionAccessEdge:
		return "--access-edge: the Access Edge's external FQDN, e.g. --access-edge sip.contoso.com"
	case policy.OptionWebConfEdge:
		return "--webconf-edge: the Web Conferencing Edge's external FQDN"
	case policy.OptionCWAURL:
		return "--cwa-url: the URL users open Communicator Web Access at, e.g. --cwa-url https://im.contoso.com/"
	case policy.OptionExternalWeb:
		return "--external-web: the external web farm FQDN it publishes, e.g. --external-web ocsweb.contoso.com"
	}
	return "--" + strings.ReplaceAll(option, "_", "-")
}

// resolve validates the flags and returns the perimeter they declare.
func (p *perimeterFlags) resolve() (policy.Perimeter, error) {
	var per policy.Perimeter
	var err error
	for _, h := range []struct {
		flag, what, value string
		dst               *string
	}{
		{"--access-edge", policy.OptionAccessEdge, p.accessEdge, &per.AccessEdge},
		{"--webconf-edge", policy.OptionWebConfEdge, p.webConfEdge, &per.WebConfEdge},
		{"--cwa-url", policy.OptionCWAURL, p.cwaURL, &per.CWAHost},
	} {
		if *h.dst, err = policy.HostOf(h.what, h.value); err != nil {
			return per, usageError("%s: %v", h.flag, err)
		}
	}
	per.Federation, per.Anonymous = p.federation, p.anonymous
	for _, v := range p.publicIM {
		name := strings.ToLower(strings.TrimSpace(v))
		if !slices.Contains(policy.PublicIMProviders(), name) {
			return per, usageError("--public-im %q: use msn (Windows Live), aol or yahoo", v)
		}
		if !slices.Contains(per.PublicIM, name) {
			per.PublicIM = append(per.PublicIM, name)
		}
	}
	return per, nil
}
