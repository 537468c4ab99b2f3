package policy

// The public sources of the Lync Server 2013 profile.
const (
	citeLync2013Tables = "Microsoft, Certificate requirements for internal servers in Lync Server 2013, " +
		"https://learn.microsoft.com/en-us/previous-versions/office/lync-server-2013/lync-server-2013-certificate-requirements-for-internal-servers"
	citeLync2013Autodiscover = "Microsoft, Certificate summary - Autodiscover in Lync Server 2013, " +
		"https://learn.microsoft.com/en-us/previous-versions/office/lync-server-2013/lync-server-2013-certificate-summary-autodiscover"
	citeLync2013DNSAutodiscover = "Microsoft, Lync Server 2013: DNS summary - Autodiscover (lyncdiscoverinternal.<internal domain name>), " +
		"http://unifiedpeople.ru/lyncserver2013_itpro.en/html/b336a2ae-0e58-4b74-b606-aedbbd411587.htm"
	citeLync2013Wildcards = "Microsoft, Wildcard certificate support in Lync Server 2013 (no wildcard as the subject name for any role; " +
		"wildcard SAN entries for the simple URLs and LyncDiscover in the Front End and Director web components), " +
		"https://learn.microsoft.com/en-us/previous-versions/office/lync-server-2013/lync-server-2013-wildcard-certificate-support"
	citeLync2013DirectorSummary = "Microsoft, Lync Server 2013: Certificate summary - Director (OAuthTokenIssuer: \"the minimum key length is 1024, " +
		"but you may receive a warning that the minimum recommended key length is 2048 bits\"), " +
		"http://unifiedpeople.ru/lyncserver2013_itpro.en/html/8318a1a4-b423-47b7-95e6-9541adfad391.htm"
	citeLync2013ServerToServer = "Microsoft, Assigning a server-to-server authentication certificate to Microsoft Lync Server 2013 " +
		"(the same certificate on all Front End Servers; \"the certificate must be at least 2048 bits\"), " +
		"https://learn.microsoft.com/en-us/previous-versions/office/lync-server-2013/lync-server-2013-assigning-a-server-to-server-authentication-certificate-to-lync-server-2013"
)

// lync2013 is Lync Server 2013: as Lync Server 2010, plus the OAuthTokenIssuer certificate, whose minimum key
// length Microsoft's pages disagree on (1024 in the certificate summaries, 2048 on the server-to-server
// authentication page): below 2048 bits is a warning that says so.
func lync2013() *Profile {
	return lyncProfile(lyncEdition{
		id: "lync2013", name: "Lync Server 2013", shortName: "Lync", source: "LYNC2013",
		tables:       citeLync2013Tables,
		mobility:     citeLync2013Autodiscover + "; " + citeLync2013Tables,
		suffix:       citeLync2013DNSAutodiscover + "; " + citeLync2013Autodiscover,
		wildcards:    citeLync2013Wildcards,
		common:       citeLync2013Infrastructure,
		cng:          citeLyncCNG,
		cngSays:      lyncCNGSays,
		pss:          citeLync2013Infrastructure,
		oauthMinimum: 1024,
		oauthNote: "for the OAuthTokenIssuer certificate Microsoft's pages disagree: the server-to-server authentication page says it " +
			"\"must be at least 2048 bits\", the Lync Server 2013 certificate summaries give 1024 as the minimum key length",
		oauthCitation: citeLync2013ServerToServer + "; " + citeLync2013DirectorSummary,
	})
}
