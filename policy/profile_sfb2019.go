package policy

// The public sources of the Skype for Business Server 2019 profile.
const (
	citeSfB2019Requirements = "Microsoft, System requirements for Skype for Business Server 2019: Certificates, " +
		"https://learn.microsoft.com/en-us/skypeforbusiness/sfbserver2019/plan/system-requirements"
)

// sfb2019 is Skype for Business Server 2019: its certificate tables are those of Skype for Business Server 2015.
func sfb2019() *Profile {
	return lyncProfile(sfbEdition("sfb2019", "Skype for Business Server 2019", "SFB2019", citeSfB2019Requirements,
		"Skype for Business Server 2015 does not support CNG certificates (nothing says 2019 does)"))
}
