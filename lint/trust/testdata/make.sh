#!/bin/sh
# Regenerates the openssl-made test PKI of lint/trust: `sh make.sh` in this directory (OpenSSL 3). Every
# certificate is issued with `openssl ca` at fixed dates around the time the tests judge at, 2030-01-01: the CAs
# are valid 2020-01-01..2045-01-01 and the leaves 2024-01-01..2040-01-01 unless a case needs otherwise. The keys
# are thrown away: the tests need only the certificates. The README.md beside this script lists what each file is.
set -eu
cd "$(dirname "$0")"
WORK=$(mktemp -d)
export WORK
trap 'rm -rf "$WORK"' EXIT
mkdir "$WORK/new"
: >"$WORK/index.txt"
echo 1000 >"$WORK/serial"
CNF=$PWD/openssl.cnf
SAN=DNS:placeholder
export SAN

# run COMMAND...: runs an openssl command quietly, showing its output only when it fails.
run() {
	if ! "$@" >"$WORK/log" 2>&1; then
		cat "$WORK/log" >&2
		exit 1
	fi
}

CA_FROM=20200101000000Z CA_TO=20450101000000Z
LEAF_FROM=20240101000000Z LEAF_TO=20400101000000Z

# key NAME [ALGORITHM OPTIONS...]: a new private key (RSA 2048 unless told).
key() {
	k=$1
	shift
	if [ $# -eq 0 ]; then set -- RSA -pkeyopt rsa_keygen_bits:2048; fi
	run openssl genpkey -algorithm "$@" -out "$WORK/$k.key"
}

# csr NAME KEY CN: a request for CN with KEY.
csr() {
	run openssl req -new -config "$CNF" -key "$WORK/$2.key" -subj "/CN=$3/O=Uclint Test" -out "$WORK/$1.csr"
}

# root NAME KEY CN MD FROM TO [EXTENSIONS]: a self-signed certificate (version 1 when EXTENSIONS is "v1").
root() {
	n=$1 k=$2 md=$4 from=$5 to=$6 ext=${7:-v3_root}
	csr "$n" "$k" "$3"
	extopt="-extensions $ext"
	[ "$ext" = v1 ] && extopt=""
	# shellcheck disable=SC2086 # extopt is two words or none
	run openssl ca -batch -notext -config "$CNF" -selfsign -keyfile "$WORK/$k.key" -in "$WORK/$n.csr" -out "$n.pem" \
		-md "$md" -startdate "$from" -enddate "$to" $extopt
	cp "$WORK/$k.key" "$WORK/$n.signkey"
}

# issue NAME KEY CN ISSUER EXTENSIONS MD FROM TO [SAN] [SIGOPTS...]: a certificate for CN with KEY, signed by ISSUER.
issue() {
	n=$1 k=$2 cn=$3 iss=$4 ext=$5 md=$6 from=$7 to=$8
	SAN=${9:-DNS:placeholder}
	shift 8
	[ $# -gt 0 ] && shift
	csr "$n" "$k" "$cn"
	run openssl ca -batch -notext -config "$CNF" -cert "$iss.pem" -keyfile "$WORK/$iss.signkey" -in "$WORK/$n.csr" \
		-out "$n.pem" -md "$md" -startdate "$from" -enddate "$to" -extensions "$ext" "$@"
	cp "$WORK/$k.key" "$WORK/$n.signkey"
}

leaf() { # leaf NAME CN ISSUER [SAN] [MD] [SIGOPTS...]
	n=$1 cn=$2 iss=$3 san=${4:-DNS:$2} md=${5:-sha256}
	shift 3
	[ $# -gt 0 ] && shift
	[ $# -gt 0 ] && shift
	key "$n"
	issue "$n" "$n" "$cn" "$iss" v3_leaf "$md" $LEAF_FROM $LEAF_TO "$san" "$@"
}

rm -f ./*.pem

# The main PKI: root, issuing CA, server certificate; a second root nobody passes.
key root
root root root "OSSL Root CA" sha256 $CA_FROM $CA_TO
key inter
issue inter inter "OSSL Issuing CA" root v3_ca sha256 $CA_FROM $CA_TO
leaf leaf se01.contoso.com inter "DNS:se01.contoso.com,DNS:sip.contoso.com"
key root2
root root2 root2 "OSSL Other Root CA" sha256 $CA_FROM $CA_TO

# Copies of the issuing CA: expired before its renewal (same key), cross-signed by the other root (same key),
# and one with the same name and another key.
issue inter-old inter "OSSL Issuing CA" root v3_ca sha256 20150101000000Z 20250101000000Z
issue inter-cross inter "OSSL Issuing CA" root2 v3_ca sha256 $CA_FROM $CA_TO
key otherkey
issue inter-otherkey otherkey "OSSL Issuing CA" root v3_ca sha256 $CA_FROM $CA_TO

# Name constraints: permitted DNS contoso.com and IP 10.0.0.0/8, excluded DNS secret.contoso.com.
key nc
issue inter-nc nc "OSSL Constrained CA" root v3_ca_constrained sha256 $CA_FROM $CA_TO
leaf leaf-nc-ok se01.contoso.com inter-nc "DNS:se01.contoso.com,IP:10.0.0.10"
leaf leaf-nc-permitted se01.fabrikam.com inter-nc "DNS:se01.fabrikam.com"
leaf leaf-nc-excluded web.secret.contoso.com inter-nc "DNS:web.secret.contoso.com"
leaf leaf-nc-ip se01.contoso.com inter-nc "DNS:se01.contoso.com,IP:192.168.1.10"

# EKU nesting: a CA for Client Authentication only, and one that allows Server Authentication.
key eku
issue inter-eku eku "OSSL Client Auth CA" root v3_ca_client_only sha256 $CA_FROM $CA_TO
leaf leaf-eku se01.contoso.com inter-eku
key ekuok
issue inter-eku-ok ekuok "OSSL Server Auth CA" root v3_ca_server_eku sha256 $CA_FROM $CA_TO
leaf leaf-eku-ok se01.contoso.com inter-eku-ok

# Path length: a CA with pathlen:0 and a CA below it.
key pl0
issue inter-pl0 pl0 "OSSL Policy CA" root v3_ca_pathlen0 sha256 $CA_FROM $CA_TO
key sub
issue sub-pl sub "OSSL Sub CA" inter-pl0 v3_ca sha256 $CA_FROM $CA_TO
leaf leaf-pl se01.contoso.com sub-pl

# Validity of a CA: expired on 2025-01-01; valid only from 2035-01-01.
key expired
issue inter-expired expired "OSSL Expired CA" root v3_ca sha256 20150101000000Z 20250101000000Z
leaf leaf-expired-ca se01.contoso.com inter-expired
key future
issue inter-future future "OSSL Future CA" root v3_ca sha256 20350101000000Z 20450101000000Z
leaf leaf-future-ca se01.contoso.com inter-future

# Issuers that are not CAs: a server certificate (CA:false), and a CA whose Key Usage lacks keyCertSign.
leaf notca notca.contoso.com inter
leaf leaf-notca se01.contoso.com notca
key nocertsign
issue inter-nocertsign nocertsign "OSSL No CertSign CA" root v3_ca_no_certsign sha256 $CA_FROM $CA_TO
leaf leaf-nocertsign se01.contoso.com inter-nocertsign

# SHA-1 and MD5 signed chains (OCS 2007 era).
key rootsha1
root root-sha1 rootsha1 "OSSL SHA1 Root CA" sha1 $CA_FROM $CA_TO
key intersha1
issue inter-sha1 intersha1 "OSSL SHA1 Issuing CA" root-sha1 v3_ca sha1 $CA_FROM $CA_TO
leaf leaf-sha1 se01.contoso.com inter-sha1 "DNS:se01.contoso.com" sha1
key rootmd5
root root-md5 rootmd5 "OSSL MD5 Root CA" md5 $CA_FROM $CA_TO
key intermd5
issue inter-md5 intermd5 "OSSL MD5 Issuing CA" root-md5 v3_ca md5 $CA_FROM $CA_TO
leaf leaf-md5 se01.contoso.com inter-md5 "DNS:se01.contoso.com" md5
# SHA-1 and MD5 server certificates under the SHA-256 issuing CA.
leaf leaf-sha1-mixed se01.contoso.com inter "DNS:se01.contoso.com" sha1
leaf leaf-md5-mixed se01.contoso.com inter "DNS:se01.contoso.com" md5

# A version 1 root (as old Windows CAs issued them), an issuing CA under it.
key rootv1
root root-v1 rootv1 "OSSL V1 Root CA" sha256 $CA_FROM $CA_TO v1
key interv1
issue inter-v1root interv1 "OSSL Under V1 CA" root-v1 v3_ca_under_v1 sha256 $CA_FROM $CA_TO
leaf leaf-v1root se01.contoso.com inter-v1root

# Keys and algorithms: a 512-bit RSA CA, a DSA CA, ECDSA P-384, Ed25519, RSASSA-PSS.
key weak RSA -pkeyopt rsa_keygen_bits:512
issue inter-weak weak "OSSL Weak Key CA" root v3_ca sha256 $CA_FROM $CA_TO
leaf leaf-weak se01.contoso.com inter-weak
run openssl genpkey -genparam -algorithm DSA -pkeyopt dsa_paramgen_bits:2048 -out "$WORK/dsa.params"
run openssl genpkey -paramfile "$WORK/dsa.params" -out "$WORK/dsa.key"
issue inter-dsa dsa "OSSL DSA CA" root v3_ca sha256 $CA_FROM $CA_TO
leaf leaf-dsa se01.contoso.com inter-dsa
key rootec EC -pkeyopt ec_paramgen_curve:P-384
root root-ec rootec "OSSL ECDSA Root CA" sha384 $CA_FROM $CA_TO
key interec EC -pkeyopt ec_paramgen_curve:P-256
issue inter-ec interec "OSSL ECDSA Issuing CA" root-ec v3_ca sha384 $CA_FROM $CA_TO
leaf leaf-ec se01.contoso.com inter-ec
key ed ED25519
issue inter-ed ed "OSSL Ed25519 CA" root v3_ca sha256 $CA_FROM $CA_TO
leaf leaf-ed se01.contoso.com inter-ed "DNS:se01.contoso.com" null
leaf leaf-pss se01.contoso.com inter "DNS:se01.contoso.com" sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:digest
leaf leaf-pss-salt20 se01.contoso.com inter "DNS:se01.contoso.com" sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:20

# Without key identifiers: a root, another root with the same name and another key, an issuing CA, a leaf.
key rootnoids
root root-noids rootnoids "OSSL Plain Root CA" sha256 $CA_FROM $CA_TO v3_ca_noids
key rootnoids2
root root-noids-other rootnoids2 "OSSL Plain Root CA" sha256 $CA_FROM $CA_TO v3_ca_noids
key internoids
issue inter-noids internoids "OSSL Plain Issuing CA" root-noids v3_ca_noids sha256 $CA_FROM $CA_TO
key leafnoids
issue leaf-noids leafnoids se01.contoso.com inter-noids v3_leaf_noids sha256 $LEAF_FROM $LEAF_TO "DNS:se01.contoso.com"

# A self-signed server certificate (as IIS makes them).
key self
csr leaf-self self se01.contoso.com
SAN=DNS:se01.contoso.com run openssl ca -batch -notext -config "$CNF" -selfsign -keyfile "$WORK/self.key" \
	-in "$WORK/leaf-self.csr" -out leaf-self.pem -startdate $LEAF_FROM -enddate $LEAF_TO -extensions v3_leaf_self

echo "made $(ls ./*.pem | wc -l) certificates"
