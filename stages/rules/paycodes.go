package rules

// The pay codes the rule families write for worked time and premiums, the one list (docs/FORMATS.md
// "Core pay codes" and the build's additions). Pay codes of absences come from the profiles'
// pay_codes. TestPayCodesInFormats keeps this list and FORMATS.md in step.
const (
	CodeREG         = "REG"
	CodeOT          = "OT"
	CodeDiffEve     = "DIFF_EVE"
	CodeDiffNight   = "DIFF_NIGHT"
	CodeDiffWeekend = "DIFF_WKND"
	CodeDiffCharge  = "DIFF_CHARGE"
	CodeDiffPrecept = "DIFF_PRECEPT"
	CodeDiffHoliday = "DIFF_HOLIDAY"
	CodeDiffShift   = "DIFF_SHIFT"   // PSU second/third shift
	CodeDiffExt     = "DIFF_EXT"     // extension incentive at management request (SHIFT-17)
	CodeDiffRegular = "DIFF_REGULAR" // regular-shift differential where it is a blend of evening and night
	CodeHolPremium  = "HOL_PREMIUM"
	CodeHolBenefit  = "HOL_BENEFIT"
	CodeHolPayout   = "HOL_BANK_PAYOUT"
	CodeHolUsed     = "HOL_BANK_USED"
	CodeHolComp     = "HOL_COMP_EARNED" // zero-amount line: holiday comp credited (hours only)
	CodeClosPremium = "CLOSURE_PREMIUM"
	CodeClosComp    = "CLOSURE_COMP_EARNED" // zero-amount line: closure comp credited (hours only)
	CodeCompEarned  = "COMP_EARNED"         // zero-amount line: FLSA comp credited (hours only)
	CodeOnCall      = "ONCALL"
	CodeGuarantee   = "CALLBACK_GUARANTEE"
	CodeSleep       = "SLEEP"
	CodeStandby     = "STANDBY"
	CodeTrueUp      = "REG_RATE_TRUEUP"
)

// PayCodes lists the codes above.
var PayCodes = []string{CodeREG, CodeOT, CodeDiffEve, CodeDiffNight, CodeDiffWeekend, CodeDiffCharge,
	CodeDiffPrecept, CodeDiffHoliday, CodeDiffShift, CodeDiffExt, CodeDiffRegular, CodeHolPremium,
	CodeHolBenefit, CodeHolPayout, CodeHolUsed, CodeHolComp, CodeClosPremium, CodeClosComp,
	CodeCompEarned, CodeOnCall, CodeGuarantee, CodeSleep, CodeStandby, CodeTrueUp, CodeSalary}
