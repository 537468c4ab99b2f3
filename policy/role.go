// Package policy describes a unified-communications deployment and what must hold for its certificates: the
// product profiles (roles, their certificates, the names each must carry, default endpoints), the deployment file,
// and the expansion of both into targets. It does no network I/O.
package policy

// Role names a role of a product's profile, as --role and the deployment file's role give it.
type Role string

// The roles of the OCS 2007 R2 internal certificate tables (Tables 1–4).
const (
	StandardEdition Role = "standard-edition" // Table 1: Standard Edition server, all roles collocated
	EnterprisePool  Role = "enterprise-pool"  // Table 2: Enterprise pool, consolidated topology
	Director        Role = "director"         // Table 3: Director, Standard Edition topology
	DirectorPool    Role = "director-pool"    // Table 4: Director, Enterprise pool topology
)
