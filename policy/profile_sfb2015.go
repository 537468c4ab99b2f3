package policy

// The public sources of the Skype for Business Server 2015 profile.
const (
	citeSfB2015Environment = "Microsoft, Environmental requirements for Skype for Business Server 2015: Certificates, " +
		"https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/requirements-for-your-environment/environmental-requirements"
	citeSfBServerToServer = "Microsoft, Assign a server-to-server authentication certificate to Skype for Business Server " +
		"(the same certificate on all Front End Servers; \"the certificate must be at least 2048 bits\"), " +
		"https://learn.microsoft.com/en-us/skypeforbusiness/manage/authentication/assign-a-server-to-server-certificate"
	citeSfBCNG = "MicrosoftDocs/OfficeDocs-SkypeForBusiness pull request 3861: Skype for Business Server 2015 does not support CNG certificates, " +
		"https://github.com/MicrosoftDocs/OfficeDocs-SkypeForBusiness/pull/3861"
)

// sfbEdition is what Skype for Business Server 2015 and 2019 share: the same tables (one "Certificates for the
// Director" table, whose Default example leaves the pool FQDN out of the SAN and whose Web external row lists the
// meet URLs), and an OAuthTokenIssuer certificate of at least 2048 bits.
func sfbEdition(id, name, source, tables, cngSays string) lyncEdition {
	return lyncEdition{
		id: id, name: name, shortName: "Skype for Business", source: source,
		tables:    tables,
		mobility:  tables + ": Certificates for mobility (SAN=lyncdiscoverinternal.<sipdomain>, SAN=lyncdiscover.<sipdomain>, or SAN=*.<sipdomain>)",
		suffix:    tables + ": Certificates for mobility; " + citeLync2013DNSAutodiscover,
		wildcards: tables + ": \"Wildcard entries are supported for the simple URL entries\"; " + citeLync2013Wildcards,
		common:    tables,
		cng:       citeSfBCNG,
		cngSays:   cngSays,
		pss:       tables,
		// The OAuthTokenIssuer certificate, and the Director table's readings.
		oauthMinimum:            2048,
		oauthNote:               "the OAuthTokenIssuer certificate must be at least 2048 bits (server-to-server authentication)",
		oauthCitation:           citeSfBServerToServer,
		directorDefaultPoolWarn: true,
		directorExternalMeet:    true,
	}
}

// sfb2015 is Skype for Business Server 2015.
func sfb2015() *Profile {
	return lyncProfile(sfbEdition("sfb2015", "Skype for Business Server 2015", "SFB2015", citeSfB2015Environment,
		"Skype for Business Server 2015 does not support CNG certificates"))
}
