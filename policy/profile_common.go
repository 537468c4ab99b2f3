package policy

// commonRules are the rules every product words alike: the form of a certificate's names, its validity dates and
// the chain a server sends. Each product's table lists them among its own rules, in its own order.
type commonRules struct {
	nameTrailingDot, sanMissingSubjectCN                 RuleSpec
	expired, notYetValid, expiringSoon, expiringCritical RuleSpec
	chainIncomplete                                      RuleSpec
}

func newCommonRules() commonRules {
	return commonRules{
		nameTrailingDot: RuleSpec{Rule: "name_trailing_dot", Severity: "warn", Check: "trailing_dot",
			Description: "No CN or SAN DNS name should end in a dot: clients compare names without it and may not match",
			Citation:    citeRFC1035},
		sanMissingSubjectCN: RuleSpec{Rule: "san_missing_subject_cn", Severity: "warn", Check: "cn_in_san",
			Description: "When a SAN is present it should repeat the Subject CN: clients that follow RFC 2818 ignore the CN",
			Citation:    citeRFC6125CN},
		expired: RuleSpec{Rule: "certificate_expired", Severity: "error", Check: "expired",
			Description: "The certificate has expired",
			Citation:    citeRFC5280Validity},
		notYetValid: RuleSpec{Rule: "certificate_not_yet_valid", Severity: "error", Check: "not_yet_valid",
			Description: "The certificate is not valid yet",
			Citation:    citeRFC5280Validity},
		expiringSoon: RuleSpec{Rule: "certificate_expiring_soon", Severity: "warn", Check: "expiring_soon",
			Description: "The certificate expires within --expiry-warning (default 30 days) but not yet within --expiry-critical",
			Citation:    citeRFC5280Validity},
		expiringCritical: RuleSpec{Rule: "certificate_expiring_critical", Severity: "error", Check: "expiring_critical",
			Description: "The certificate expires within --expiry-critical (default 7 days)",
			Citation:    citeRFC5280Validity},
		chainIncomplete: RuleSpec{Rule: "chain_incomplete", Severity: "warn", Check: "chain_incomplete",
			Description: "The server does not send the intermediate certificates that lead to a trust anchor",
			Citation:    citeRFC5246Chain},
	}
}
