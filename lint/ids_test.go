package lint

// The IDs of the OCS 2007 R2 rules the tests run.
const (
	nameExpired                   = "e_ocs_certificate_expired"
	nameExpiringCritical          = "e_ocs_certificate_expiring_critical"
	nameExpiringSoon              = "w_ocs_certificate_expiring_soon"
	nameNotYetValid               = "e_ocs_certificate_not_yet_valid"
	nameChainIncomplete           = "w_ocs_chain_incomplete"
	nameChainUntrusted            = "e_ocs_chain_untrusted"
	nameKeyEncipherment           = "w_ocs_key_usage_lacks_key_encipherment"
	nameMD5                       = "e_ocs_md5_signature"
	nameMissingCRLDP              = "e_ocs_missing_crl_distribution_point"
	nameMissingServerAuth         = "e_ocs_missing_server_auth_eku"
	namePoolMembersDiffer         = "n_ocs_pool_members_differ"
	namePublicCA                  = "n_ocs_public_ca"
	nameRSABelow1024              = "e_ocs_rsa_key_below_1024"
	nameRSABelow2048              = "w_ocs_rsa_key_below_2048"
	nameSANMissingSIPDomain       = "e_ocs_san_missing_sip_domain"
	nameSANMissingCN              = "w_ocs_san_missing_subject_cn"
	nameSANMissingWebFarm         = "e_ocs_san_missing_web_farm"
	nameSHA1                      = "w_ocs_sha1_signature"
	nameCNNotFQDN                 = "e_ocs_subject_cn_not_fqdn"
	nameCNNotRoleFQDN             = "e_ocs_subject_cn_not_role_fqdn"
	nameWebComponentsNameMismatch = "e_ocs_web_components_name_mismatch"
	nameWildcard                  = "e_ocs_wildcard_name"
)

// The IDs of the rules issue 8 added.
const (
	nameNonRSAKey   = "e_ocs_non_rsa_key"
	nameRSAOver4096 = "w_ocs_rsa_key_over_4096"
	namePSS         = "e_ocs_rsassa_pss_signature"
	nameMultipleCN  = "e_ocs_subject_multiple_cn"
	nameTrailingDot = "w_ocs_name_trailing_dot"
	nameRSAKexKU    = "e_ocs_rsa_key_exchange_without_key_encipherment"
	nameSNIDiffers  = "w_ocs_sni_certificates_differ"
)
