package probe

import (
	"errors"
	"fmt"
	"net"
	"sort"
	"unsafe"

	"golang.org/x/sys/windows"
)

// systemDNSServers returns the DNS servers of the network adapters that are up (those with a default gateway
// first), as Windows itself uses them. Attempts is left to the default.
func systemDNSServers() ([]string, int, error) {
	adapters, err := adapterAddresses()
	if err != nil {
		return nil, 0, fmt.Errorf("read the network adapters' DNS servers: %w; name a DNS server with --dns-server", err)
	}
	type candidate struct {
		server  string
		gateway bool
	}
	var found []candidate
	seen := map[string]bool{}
	for _, aa := range adapters {
		if aa.OperStatus != windows.IfOperStatusUp {
			continue
		}
		for d := aa.FirstDnsServerAddress; d != nil; d = d.Next {
			ip := d.Address.IP()
			if ip == nil || ip.IsUnspecified() {
				continue
			}
			if ip.To4() == nil && ip[0] == 0xfe && ip[1]&0xc0 == 0xc0 {
				continue // fec0::/10: the deprecated site-local default Windows sets when no IPv6 DNS server is given
			}
			s := net.JoinHostPort(ip.String(), "53")
			if !seen[s] {
				seen[s] = true
				found = append(found, candidate{server: s, gateway: aa.FirstGatewayAddress != nil})
			}
		}
	}
	sort.SliceStable(found, func(i, j int) bool { return found[i].gateway && !found[j].gateway })
	servers := make([]string, 0, len(found))
	for _, c := range found {
		servers = append(servers, c.server)
	}
	if len(servers) == 0 {
		return nil, 0, errors.New("no network adapter that is up has a DNS server: name one with --dns-server")
	}
	return servers, 0, nil
}

// adapterAddresses returns the adapters GetAdaptersAddresses lists, growing the buffer as it asks.
func adapterAddresses() ([]*windows.IpAdapterAddresses, error) {
	size := uint32(15000) // the size Microsoft recommends to start with
	for range 8 {
		b := make([]byte, size)
		const flags = windows.GAA_FLAG_INCLUDE_GATEWAYS | windows.GAA_FLAG_SKIP_ANYCAST | windows.GAA_FLAG_SKIP_MULTICAST
		first := (*windows.IpAdapterAddresses)(unsafe.Pointer(&b[0])) //nolint:gosec // the Win32 API fills the buffer with this structure
		err := windows.GetAdaptersAddresses(windows.AF_UNSPEC, flags, 0, first, &size)
		if err == nil {
			if size == 0 {
				return nil, nil
			}
			var list []*windows.IpAdapterAddresses
			for aa := first; aa != nil; aa = aa.Next {
				list = append(list, aa)
			}
			return list, nil
		}
		if !errors.Is(err, windows.ERROR_BUFFER_OVERFLOW) {
			return nil, fmt.Errorf("GetAdaptersAddresses: %w", err)
		}
	}
	return nil, errors.New("GetAdaptersAddresses: the adapter list kept growing")
}
