package calendars

import "time"

// The built-in holiday lists. Each restates a catalog rule; change the list, not the code.

const shareSource = "contract 004 (SHARE); SHARE-HOL-01 list and classes, SHARE-HOL-17 observed days"

// shareHolidays is SHARE-HOL-01: "The SHARE holidays are: New Year's Day, Martin Luther King Day,
// Presidents Day, Memorial Day, Independence Day, Labor Day, Columbus Day, Veterans Day,
// Thanksgiving Day, and Christmas Day." "The minor holidays are Martin Luther King Day, Presidents
// Day, Columbus Day and Veterans Day." Weekend holidays: SHARE-HOL-17, "Usually a Saturday
// holiday is observed on the preceding Friday, and a Sunday holiday is observed on the following
// Monday" (the default; a designated override would replace the table, HOL-17).
var shareHolidays = []Spec{
	{Name: "New Year's Day", Rule: Fixed(time.January, 1), Class: Major},
	{Name: "Martin Luther King Day", Rule: NthWeekday(3, time.Monday, time.January), Class: Minor},
	{Name: "Presidents Day", Rule: NthWeekday(3, time.Monday, time.February), Class: Minor},
	{Name: "Memorial Day", Rule: LastWeekday(time.Monday, time.May), Class: Major},
	{Name: "Independence Day", Rule: Fixed(time.July, 4), Class: Major},
	{Name: "Labor Day", Rule: NthWeekday(1, time.Monday, time.September), Class: Major},
	{Name: "Columbus Day", Rule: NthWeekday(2, time.Monday, time.October), Class: Minor},
	{Name: "Veterans Day", Rule: Fixed(time.November, 11), Class: Minor},
	{Name: "Thanksgiving Day", Rule: NthWeekday(4, time.Thursday, time.November), Class: Major},
	{Name: "Christmas Day", Rule: Fixed(time.December, 25), Class: Major},
}

const psuSource = "contract 003 (PSU) Art. 21; PSU-21.1/21.2 list, PSU-21.4 weekend holidays " +
	"(Commonwealth rule, M.G.L. c.4 §7 cl.18), PSU-39.10-F $1.00 differential"

// psuHolidays is PSU-21.1 (Section 21.1's eleven days; Evacuation Day and Bunker Hill Day are not in
// it, so they are not holidays here) plus PSU-21.2: "bargaining unit members shall not be required
// to work on the immediate two work days preceding the day on which the New Year's Day holiday is
// celebrated ... such days shall be considered holidays", read as University business days before
// the observed New Year's Day (the catalog's recommendation). Diff marks the five days of
// PSU-39.10-F: "New Year's Day, Independence Day, Labor Day, Thanksgiving Day, or Christmas Day
// shall receive a holiday differential of at least one dollar ($1.00) per hour worked".
// PSU-21.4 defers weekend holidays to "the Commonwealth's rules and regulations" and the catalog
// does not encode them; the Commonwealth rule is M.G.L. c.4 §7 cl.18 (a Sunday holiday is kept the
// Monday after, a Saturday holiday on the Saturday), hence SundayToMonday.
var psuHolidays = []Spec{
	{Name: "New Year's Day", Rule: Fixed(time.January, 1), Class: Standard, Diff: true},
	{Name: "Martin Luther King Day", Rule: NthWeekday(3, time.Monday, time.January), Class: Standard},
	{Name: "Presidents Day", Rule: NthWeekday(3, time.Monday, time.February), Class: Standard},
	{Name: "Patriots Day", Rule: NthWeekday(3, time.Monday, time.April), Class: Standard},
	{Name: "Memorial Day", Rule: LastWeekday(time.Monday, time.May), Class: Standard},
	{Name: "Independence Day", Rule: Fixed(time.July, 4), Class: Standard, Diff: true},
	{Name: "Labor Day", Rule: NthWeekday(1, time.Monday, time.September), Class: Standard, Diff: true},
	{Name: "Columbus Day", Rule: NthWeekday(2, time.Monday, time.October), Class: Standard},
	{Name: "Veterans Day", Rule: Fixed(time.November, 11), Class: Standard},
	{Name: "Thanksgiving Day", Rule: NthWeekday(4, time.Thursday, time.November), Class: Standard, Diff: true},
	{Name: "Christmas Day", Rule: Fixed(time.December, 25), Class: Standard, Diff: true},
	{Name: "New Year's work day (2nd before, Art. 21.2)", Rule: WorkdayBeforeNewYear(2), Class: Standard},
	{Name: "New Year's work day (1st before, Art. 21.2)", Rule: WorkdayBeforeNewYear(1), Class: Standard},
}

const nonUnitSource = "university non-unit staff (seeds 001/002): no NUT-* holiday list in the " +
	"catalog; the university's eleven Commonwealth holidays of PSU-21.1 with the Commonwealth weekend rule"

// nonUnitHolidays: neither the non-unit terms (seed 002, NUT-*) nor the HR guidelines (seed 001)
// list holidays; they only say holiday time is not hours worked (NU-OT-DEF) and UMPO is open
// Monday to Friday "excluding holidays". The university's list is PSU-21.1's eleven days. The
// PSU-21.2 New Year's work days and the $1.00 differential are bargained for the unit (PSU-39.10-F
// is "only for PSU non-exempt", catalog §C4), so they are left out.
var nonUnitHolidays = []Spec{
	{Name: "New Year's Day", Rule: Fixed(time.January, 1), Class: Standard},
	{Name: "Martin Luther King Day", Rule: NthWeekday(3, time.Monday, time.January), Class: Standard},
	{Name: "Presidents Day", Rule: NthWeekday(3, time.Monday, time.February), Class: Standard},
	{Name: "Patriots Day", Rule: NthWeekday(3, time.Monday, time.April), Class: Standard},
	{Name: "Memorial Day", Rule: LastWeekday(time.Monday, time.May), Class: Standard},
	{Name: "Independence Day", Rule: Fixed(time.July, 4), Class: Standard},
	{Name: "Labor Day", Rule: NthWeekday(1, time.Monday, time.September), Class: Standard},
	{Name: "Columbus Day", Rule: NthWeekday(2, time.Monday, time.October), Class: Standard},
	{Name: "Veterans Day", Rule: Fixed(time.November, 11), Class: Standard},
	{Name: "Thanksgiving Day", Rule: NthWeekday(4, time.Thursday, time.November), Class: Standard},
	{Name: "Christmas Day", Rule: Fixed(time.December, 25), Class: Standard},
}
