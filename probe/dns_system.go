//go:build !windows

package probe

// resolvConf is where Unix systems keep their DNS configuration.
const resolvConf = "/etc/resolv.conf"

// systemDNSServers returns the DNS servers (HOST:PORT) and attempts of the system's configuration.
func systemDNSServers() ([]string, int, error) { return readResolvConf(resolvConf) }
