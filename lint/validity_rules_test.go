package lint

import (
	"testing"
	"time"

	zlint "github.com/zmap/zlint/v3/lint"
)

func TestExpired(t *testing.T) {
	runCases(t, nameExpired, []ruleCase{
		{"valid", "se01", ctxSE, "", zlint.Pass},
		{"expired", "se01-expired", ctxSE, "", zlint.Error},
	})
}

func TestNotYetValid(t *testing.T) {
	runCases(t, nameNotYetValid, []ruleCase{
		{"valid", "se01", ctxSE, "", zlint.Pass},
		{"not yet valid", "se01-not-yet-valid", ctxSE, "", zlint.Error},
	})
}

func TestExpiringSoon(t *testing.T) {
	runCases(t, nameExpiringSoon, []ruleCase{
		{"twenty years left", "se01", ctxSE, "", zlint.Pass},
		{"19 days left", "pool01-old", ctxPool, "", zlint.Warn},
		{"14 days left", "se01-expiring-soon", ctxSE, "", zlint.Warn},
		{"expired", "se01-expired", ctxSE, "", zlint.NA},
	})
}

func TestExpiringCritical(t *testing.T) {
	runCases(t, nameExpiringCritical, []ruleCase{
		{"twenty years left", "se01", ctxSE, "", zlint.Pass},
		{"19 days left", "pool01-old", ctxPool, "", zlint.Pass},
		{"expired", "se01-expired", ctxSE, "", zlint.NA},
	})
}

func TestExpiringCriticalWithinSevenDays(t *testing.T) {
	in := input(t, "se01-expiring-soon", ctxSE)
	in.At = time.Date(2026, 6, 12, 0, 0, 0, 0, time.UTC) // three days before it expires
	if res, _ := runRule(t, nameExpiringCritical, in); res.Status != zlint.Error {
		t.Fatalf("3 days left: got %s (%q), want error", res.Status, res.Details)
	}
	if res, _ := runRule(t, nameExpiringSoon, in); res.Status != zlint.NA {
		t.Fatalf("3 days left: the warning rule gave %s, want NA (the critical rule owns it)", res.Status)
	}
}
