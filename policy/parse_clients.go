package policy

import "go.yaml.in/yaml/v3"

// clients reads the deployment file's clients: the clients of the era whose limits the deployment must respect.
func (p *parser) clients(n *yaml.Node) []Client {
	items := p.seq(n, "clients")
	if isEmptySeq(n) {
		p.fail(n, "clients is empty; list the clients whose limits apply (%s), or remove the key", ClientIDs())
	}
	var out []Client
	lines := map[Client]int{}
	for _, item := range items {
		v, ok := p.scalar(item, "a client")
		if !ok {
			continue
		}
		c, err := ParseClient(v)
		if err != nil {
			p.fail(item, "clients: %v", err)
			continue
		}
		if first, dup := lines[c]; dup {
			p.fail(item, "client %s is listed twice (first on line %d); list it once", c, first)
			continue
		}
		lines[c] = item.Line
		out = append(out, c)
	}
	return out
}
