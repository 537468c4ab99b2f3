package policy

// The public sources of the Lync Server 2010 profile.
const (
	citeLync2010Tables = "Microsoft, Lync Server 2010: Certificate Requirements for Internal Servers, " +
		"https://learn.microsoft.com/en-us/previous-versions/office/skype-server-2010/gg398094(v=ocs.14)"
	citeLync2010Mobility = "Microsoft, Lync Server 2010: Certificate Requirements for Mobility (SAN=lyncdiscoverinternal.<sipdomain>, " +
		"SAN=lyncdiscover.<sipdomain> on the Director pool and Front End pool certificates, or SAN=*.<sipdomain>), " +
		"https://learn.microsoft.com/en-us/previous-versions/office/skype-server-2010/hh690044(v=ocs.14)"
	citeLync2010Infrastructure = "Microsoft, Lync Server 2010: Certificate Infrastructure Requirements, " +
		"http://unifiedpeople.ru/lync_itpro.en/html/47aa5c95-eb60-4d4b-81d5-7fdaef1a1145.htm"
	citeLync2013Infrastructure = "Microsoft, Certificate infrastructure requirements for Lync Server 2013, " +
		"https://learn.microsoft.com/en-us/previous-versions/office/lync-server-2013/lync-server-2013-certificate-infrastructure-requirements"
	citeLyncCNG = "Perficient, Lync support for CryptoAPI-NG certificates (Lync Server 2010 and 2013 support only certificates " +
		"from legacy CryptoAPI providers), https://blogs.perficient.com/2013/12/09/lync-support-for-cryptoaping-certificates"
)

// lyncCNGSays is what citeLyncCNG says, in a sentence.
const lyncCNGSays = "Lync Server 2010 and 2013 support only certificates from legacy CryptoAPI providers (a practitioner's report)"

// lync2010 is Lync Server 2010: Default, Web internal and Web external certificates per server; no
// OAuthTokenIssuer certificate yet. Its wildcard page is the one that warns about a wildcard SAN before the FQDN
// (citeLyncWildcards, shared with the OCS profile).
func lync2010() *Profile {
	return lyncProfile(lyncEdition{
		id: "lync2010", name: "Lync Server 2010", shortName: "Lync", source: "LYNC2010",
		tables:    citeLync2010Tables,
		mobility:  citeLync2010Mobility,
		suffix:    citeLync2010Mobility + "; " + citeLync2013DNSAutodiscover,
		wildcards: citeLyncWildcards,
		// The Lync Server 2010 page states the CA requirements; the common ones (EKU, CDP, key lengths, signature
		// algorithms) are written out on its Lync Server 2013 successor.
		common:        citeLync2010Infrastructure + "; " + citeLync2013Infrastructure,
		cng:           citeLyncCNG,
		cngSays:       lyncCNGSays,
		pss:           citeLync2013Infrastructure,
		wildcardOrder: true,
	})
}
