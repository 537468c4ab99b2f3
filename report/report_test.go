package report

import (
	"crypto/sha256"
	stdx509 "crypto/x509"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zmap/zcrypto/x509"

	"github.com/uclint/uclint/fixtures"
	"github.com/uclint/uclint/lint"
)

var fixtureTime = fixtures.At

// TestDescribe compares what the report says of a certificate with what Go's crypto/x509 reads from the same
// file.
func TestDescribe(t *testing.T) {
	for _, name := range []string{"pool01.pem", "se01-sha1.pem", "se01-expired.pem", "se01-no-san.pem"} {
		data, err := os.ReadFile(fixtures.Path("pki", name))
		if err != nil {
			t.Fatal(err)
		}
		block, _ := pem.Decode(data)
		std, err := stdx509.ParseCertificate(block.Bytes)
		if err != nil {
			t.Fatal(err)
		}
		z, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			t.Fatal(err)
		}
		c := Describe(z, 2, fixtureTime)
		sum := sha256.Sum256(block.Bytes)
		wantSAN := std.DNSNames
		if wantSAN == nil {
			wantSAN = []string{}
		}
		if c.SubjectCN != std.Subject.CommonName || !reflect.DeepEqual(c.SANDNS, wantSAN) || c.SHA256 != hex.EncodeToString(sum[:]) ||
			c.NotAfter != std.NotAfter.UTC().Format(time.RFC3339) || c.NotBefore != std.NotBefore.UTC().Format(time.RFC3339) ||
			c.Serial != strings.ToUpper(std.SerialNumber.Text(16)) || strings.ReplaceAll(c.Issuer, ", ", ",") != std.Issuer.String() || c.ChainLength != 2 {
			t.Errorf("%s: %+v\nGo reads CN %q SAN %v issuer %q serial %X", name, c, std.Subject.CommonName, std.DNSNames, std.Issuer, std.SerialNumber)
		}
		if want := int(std.NotAfter.Sub(fixtureTime).Hours() / 24); std.NotAfter.After(fixtureTime) && c.DaysLeft != want {
			t.Errorf("%s: %d days left, want %d", name, c.DaysLeft, want)
		}
		if name == "se01-expired.pem" && c.DaysLeft >= 0 {
			t.Errorf("expired, %d days left", c.DaysLeft)
		}
	}
}

// TestJSONRoundTrip: the JSON report reads back into the same report, field for field.
func TestJSONRoundTrip(t *testing.T) {
	for _, r := range []*Report{checkReport(), scanReport()} {
		var back Report
		if err := json.Unmarshal([]byte(render(t, r, FormatJSON, Options{})), &back); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(&back, r) {
			t.Errorf("read back differently:\n%+v\n%+v", back, *r)
		}
	}
}

func TestNew(t *testing.T) {
	start := time.Now().Add(-1500 * time.Millisecond)
	r := New(start, 30*24*time.Hour, 36*time.Hour)
	r.Finish()
	if r.SchemaVersion != 1 || r.Started != start.UTC().Format(time.RFC3339) || r.ExpiryWarningDays != 30 || r.ExpiryCriticalDays != 1.5 ||
		r.DurationSeconds < 1.5 || r.DurationSeconds > 60 {
		t.Fatalf("%+v", r)
	}
	// The last-run metric comes from the exact start.
	if out := render(t, r, FormatPrometheus, Options{}); !strings.Contains(out, "uclint_last_run_timestamp_seconds "+strconv.FormatInt(start.Unix(), 10)+"\n") {
		t.Fatalf("last run:\n%s", out)
	}
}

func TestSortFindings(t *testing.T) {
	fs := []Finding{finding("w_b", lint.Warn, "", "", ""), finding("n_a", lint.Notice, "", "", ""), finding("e_z", lint.Error, "", "", ""), finding("e_a", lint.Error, "", "", "")}
	SortFindings(fs)
	var ids []string
	for _, f := range fs {
		ids = append(ids, f.Lint)
	}
	if strings.Join(ids, ",") != "e_a,e_z,w_b,n_a" {
		t.Fatalf("%v", ids)
	}
}
