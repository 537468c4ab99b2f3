package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/uclint/uclint/policy"
	"github.com/uclint/uclint/request"
)

// requestOptions are the flags of request.
type requestOptions struct {
	options
	format string
	out    string
	keyOut string
}

func (a *app) requestCommand() *cobra.Command {
	var opts requestOptions
	c := &cobra.Command{
		Use:   "request (--config deployment.yaml --server NAME | --role ROLE --fqdn FQDN ...) [--certificate KIND]",
		Short: "Write a certificate request that passes the role's rules: a certreq INF, an OpenSSL configuration or a CSR",
		Long: "request writes what you need to get a compliant certificate for one certificate of one server:\n" +
			"  --format inf      a certreq policy file: certreq -new makes the key on the server (SChannel provider, KeySpec 1)\n" +
			"  --format openssl  an OpenSSL configuration for openssl req -new\n" +
			"  --format csr      a PKCS #10 request with a new RSA key, written to --key-out (mode 0600)\n" +
			"The Subject and SAN names come from the role's rules and the deployment, so the request passes 'uclint check'.",
		Example: "  uclint request --config deployment.yaml --server pool01 > pool01.inf\n" +
			"  uclint request --config deployment.yaml --server pool01 --certificate web --format openssl --out pool01-web.cnf\n" +
			"  uclint request --role standard-edition --fqdn se01.contoso.com --sip-domain contoso.com --sip-domain fabrikam.com \\\n" +
			"    --auto-config --format csr --key-out se01.key --out se01.csr",
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error { return opts.run(a) },
	}
	opts.addRoleFlags(c)
	f := c.Flags()
	f.StringVar(&opts.format, "format", "inf", "what to write: inf (certreq), openssl (an OpenSSL configuration) or csr (a CSR with a new key)")
	f.StringVar(&opts.out, "out", "", "write to this file (never overwritten) instead of stdout")
	f.StringVar(&opts.keyOut, "key-out", "", "--format csr: write the new private key to this file (mode 0600, never overwritten)")
	return c
}

// run builds the request and writes it.
func (o *requestOptions) run(a *app) error {
	switch o.format {
	case "inf", "openssl":
		if o.keyOut != "" {
			return usageError("--key-out applies to --format csr only: with --format %s the key is made when the request is (certreq -new, openssl req -new)", o.format)
		}
	case "csr":
		if o.keyOut == "" {
			return usageError("--format csr makes a new private key: give --key-out FILE to say where to keep it")
		}
		if o.out != "" && o.out == o.keyOut {
			return usageError("--out and --key-out name the same file")
		}
	default:
		return usageError("--format %q: use inf, openssl or csr", o.format)
	}
	ctx, err := o.requestContext()
	if err != nil {
		return err
	}
	spec, err := request.New(ctx)
	if err != nil {
		return usageError("%v", err)
	}
	if o.out != "" {
		spec.Name = strings.TrimSuffix(filepath.Base(o.out), filepath.Ext(o.out))
	}
	var data []byte
	var steps string
	switch o.format {
	case "inf":
		data, steps = spec.INF(), spec.INFSteps()
	case "openssl":
		data, steps = spec.OpenSSLConfig(), spec.OpenSSLSteps()
	case "csr":
		if data, err = o.csr(spec); err != nil {
			return err
		}
		steps = spec.CSRSteps(o.keyOut)
	}
	if err := o.write(a.stdout, data); err != nil {
		return err
	}
	fmt.Fprintf(a.stderr, "uclint: wrote the request for the %s of %s %s: CN=%s, SAN %s.\nNext: %s.\n",
		spec.Certificate.Label, spec.Role.Label, spec.Subject, spec.Subject, strings.Join(spec.SAN, ", "), steps)
	return nil
}

// requestContext is the context of the certificate to request: the --server of the deployment file, or the role
// flags, with --certificate, --member and --clients.
func (o *requestOptions) requestContext() (policy.Context, error) {
	d, err := o.loadDeployment()
	if err != nil {
		return policy.Context{}, err
	}
	ctx, err := o.roleContext(d, true)
	if err != nil {
		return ctx, err
	}
	if ctx.Role == "" {
		return ctx, usageError("request needs to know the server: give --config deployment.yaml --server NAME, or --role and --fqdn")
	}
	ctx.Clients, err = o.resolveClients(d)
	return ctx, err
}

// csr makes the key, writes it to --key-out and returns the signed request. The key file is written first and
// removed again if the request cannot be made.
func (o *requestOptions) csr(spec *request.Spec) ([]byte, error) {
	key, err := spec.NewKey()
	if err != nil {
		return nil, fmt.Errorf("request: %w", err)
	}
	keyPEM, err := request.KeyPEM(key)
	if err != nil {
		return nil, fmt.Errorf("request: %w", err)
	}
	csr, err := spec.CSR(key)
	if err != nil {
		return nil, fmt.Errorf("request: %w", err)
	}
	if err := request.WriteNew(o.keyOut, keyPEM, 0o600); err != nil {
		return nil, usageError("--key-out: %v", err)
	}
	return csr, nil
}

// write writes the request to --out, or stdout.
func (o *requestOptions) write(stdout io.Writer, data []byte) error {
	if o.out == "" {
		if _, err := stdout.Write(data); err != nil {
			return fmt.Errorf("write the request: %w", err)
		}
		return nil
	}
	if err := request.WriteNew(o.out, data, 0o644); err != nil {
		if o.keyOut != "" {
			return usageError("--out: %v (the key was written to %s: remove it, or use it with the request you already have)", err, o.keyOut)
		}
		return usageError("--out: %v", err)
	}
	return nil
}
