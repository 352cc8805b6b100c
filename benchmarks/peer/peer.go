package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/payclose/payclose/rates"
)

// The catalog rules each pay line of the peer names. The peer implements only these; payclose
// implements them and the rest.
var families = map[string]struct{ reg, ot, eve, night, wknd string }{
	// SHARE-G-06 base rate; SHARE-OT-A "one and one half (1-1/2) times their regular rate for each
	// hour ... worked in excess of 40 hours in a workweek"; SHARE-SHIFT-03 evening/night and
	// SHARE-SHIFT-04 weekend differentials (SHIFT-ALG, in closed form: shiftAlg).
	"share": {reg: "SHARE-G-06", ot: "SHARE-OT-A", eve: "SHARE-SHIFT-03", night: "SHARE-SHIFT-03", wknd: "SHARE-SHIFT-04"},
	// PSU-39.6-E1 "straight time up to 40 h / 8 h"; PSU-39.6-E2 "time and one-half".
	"psu": {reg: "PSU-39.6-E1", ot: "PSU-39.6-E2"},
	// NU-OT-1 "one and one-half times (1.5) ... in excess of eight (8) hours in any one Tour of
	// Duty or forty (40) hours in any one Workweek".
	"nonunit": {reg: "NU-OT-1", ot: "NU-OT-1"},
}

// params is the profiles' numbers as two small SQL tables (rule sets and pay codes), so the SQL
// holds no contract number of its own.
func params(reg *rates.Registry, week time.Time) (string, error) {
	var rs, pc []string
	names := reg.Names()
	sort.Strings(names)
	for _, name := range names {
		r, err := reg.Lookup(name, week)
		if err != nil {
			continue // no version in force this week: its employees are left out
		}
		f, ok := families[r.Family]
		if !ok {
			continue // exempt families: not part of the peer
		}
		if r.Family == "share" && (r.RoundMinutes <= 0 || r.RoundMode != "NEAREST") {
			return "", fmt.Errorf("peer: rule set %s: SHIFT-ALG needs punches rounded to the nearest quarter hour (have %d %s)", name, r.RoundMinutes, r.RoundMode)
		}
		dailyOT := r.DailyOT
		if r.Family == "share" {
			// SHARE's daily threshold depends on the schedule (OT-B standard 8, OT-C flexible:
			// budgeted daily hours when over 8), which the peer does not read: weekly OT only.
			dailyOT = 0
		}
		if r.WeekStartDay != "Sunday" {
			return "", fmt.Errorf("peer: rule set %s: the week starts on %s; the peer knows only Sunday weeks", name, r.WeekStartDay)
		}
		rs = append(rs, fmt.Sprintf("(%s, %s, %d, %d, %d, %d, %d, %d, %d, %d, %d, %d, %d, %d, %d, %d, %d, %d, %d, %d, %d, %d, %d, %d, %s, %s, %s, %s, %s)",
			q(name), q(r.Family), r.RoundMinutes*60, r.SpanGapMerge, r.MealDeduct, r.MealAfter, r.MaxSpan,
			r.Evening, r.Night, r.Weekend, r.OTMult.Num, r.OTMult.Den, dailyOT, r.WeeklyOT,
			r.SalaryDivisor, r.WeeksPerYear, r.DayFrom, r.EveningFrom, r.NightFrom, r.WithinHour,
			r.EveningCutoff, r.WeekendFrom, r.WeekendTo,
			breakS(r),
			q(f.reg), q(f.ot), q(f.eve), q(f.night), q(f.wknd)))
		codes := make([]string, 0, len(r.PayCodes))
		for in := range r.PayCodes {
			codes = append(codes, in)
		}
		sort.Strings(codes)
		for _, in := range codes {
			c := r.PayCodes[in]
			if !c.Paid || c.Span || c.LumpSum || c.RuleID == "" {
				continue // LWOP, on-call/standby spans and cash: not part of the peer
			}
			pc = append(pc, fmt.Sprintf("(%s, %s, %s, %s)", q(name), q(in), q(c.Code), q(c.RuleID)))
		}
	}
	if len(rs) == 0 {
		return "", fmt.Errorf("peer: no SHARE, PSU or non-unit rule set in force on %s", week.Format("2006-01-02"))
	}
	return `CREATE TEMP TABLE params (rule_set VARCHAR, family VARCHAR, round_s BIGINT, gap_s BIGINT, meal_s BIGINT,
  meal_after_s BIGINT, max_span_s BIGINT, eve_r BIGINT, night_r BIGINT, wknd_r BIGINT, ot_num BIGINT, ot_den BIGINT,
  daily_s BIGINT, weekly_s BIGINT, salary_div BIGINT, weeks_per_year BIGINT, day_s BIGINT, evening_s BIGINT,
  night_s BIGINT, within_s BIGINT, cutoff_s BIGINT, wknd_from_s BIGINT, wknd_to_s BIGINT,
  break_s BIGINT, reg_rule VARCHAR, ot_rule VARCHAR, eve_rule VARCHAR, night_rule VARCHAR, wknd_rule VARCHAR);
INSERT INTO params VALUES ` + strings.Join(rs, ",\n  ") + `;
CREATE TEMP TABLE paycodes (rule_set VARCHAR, name VARCHAR, code VARCHAR, rule_id VARCHAR);
INSERT INTO paycodes VALUES ` + strings.Join(pc, ",\n  ") + `;
`, nil
}

// shiftAlg is SHARE-SHIFT-ALG in closed form. The catalog classifies each 15-minute slice t of a
// span [s, e) by its clock time c and its midnight x; the class is constant on six segments of
// each day, so the hours of a worked piece [a, b) in each class are its overlaps with those
// segments, for the two days a piece of at most 24 hours can touch (x0 = midnight of a, and the
// next). Same answer as slicing, without a row per slice.
//
//	[x, x+day)                      night, unless s in [x+day-within, x+day) (RS-9)
//	[x+day, x+day+within)           night if s < x+day-within and e <= x+day+within (RS-8)
//	[x+evening-within, x+evening)   evening if s in [x+evening-within, x+evening) (RS-3)
//	[x+evening, x+night)            night if s in [x+night-within, x+night) (RS-6), else evening if
//	                                s >= x+evening-within or e >= x+cutoff (RS-3 / RS-1), else none (RS-2)
//	[x+night, x+24h)                evening if s < x+night-within and e <= x+24h (RS-5), none if s in
//	                                [x+24h+day-within, x+24h+day) (RS-9), else night (RS-4 / RS-6)
//
// SHIFT-04's weekend, Friday wknd_from to Sunday wknd_to, is the overlap with the window that
// ends in this week and the one that starts in it.
func shiftAlg() (eve, night, wknd string) {
	var e, n []string
	for d := 0; d <= 1; d++ {
		x := fmt.Sprintf("(x0 + %d)", d*86400)
		ov := func(lo, hi string) string {
			return fmt.Sprintf("greatest(0, least(b, %s + %s) - greatest(a, %s + %s))", x, hi, x, lo)
		}
		in := func(lo, hi string) string { return fmt.Sprintf("(s >= %s + %s AND s < %s + %s)", x, lo, x, hi) }
		when := func(cond, ov string) string { return fmt.Sprintf("CASE WHEN %s THEN %s ELSE 0 END", cond, ov) }
		n = append(n,
			when("NOT "+in("day_s - within_s", "day_s"), ov("0", "day_s")),
			when(fmt.Sprintf("s < %s + day_s - within_s AND e <= %s + day_s + within_s", x, x), ov("day_s", "day_s + within_s")),
			when(in("night_s - within_s", "night_s"), ov("evening_s", "night_s")),
			when(fmt.Sprintf("NOT (s < %s + night_s - within_s AND e <= %s + 86400) AND NOT %s", x, x, in("86400 + day_s - within_s", "86400 + day_s")), ov("night_s", "86400")))
		e = append(e,
			when(in("evening_s - within_s", "evening_s"), ov("evening_s - within_s", "evening_s")),
			when(fmt.Sprintf("NOT %s AND (s >= %s + evening_s - within_s OR e >= %s + cutoff_s)", in("night_s - within_s", "night_s"), x, x), ov("evening_s", "night_s")),
			when(fmt.Sprintf("s < %s + night_s - within_s AND e <= %s + 86400", x, x), ov("night_s", "86400")))
	}
	// The week's Sunday is WEEK_S; its weekend windows are [WEEK_S - 2d + from, WEEK_S + to) and
	// [WEEK_S + 5d + from, WEEK_S + 7d + to).
	w := "greatest(0, least(b, WEEK_S + wknd_to_s) - greatest(a, WEEK_S - 2 * 86400 + wknd_from_s))" +
		" + greatest(0, least(b, WEEK_S + 7 * 86400 + wknd_to_s) - greatest(a, WEEK_S + 5 * 86400 + wknd_from_s))"
	return strings.Join(e, "\n      + "), strings.Join(n, "\n      + "), w
}

func q(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// The SQL of the peer. Times are whole epoch seconds of the export's wall clock (the export has
// no zone; the peer ignores DST), rates are BIGINT in 1/10,000 dollar, amounts are rounded once
// per line to the cent, half up: integer arithmetic throughout, no DOUBLE.
//
// What it does: reads punches.csv and roster.csv (not the schedule), parses both date styles of
// the export, drops rows that are unusable (missing or unparseable punch, out not after in, longer
// than the profile's max span, unknown WORKRULE, unknown or out-of-scope employee, unparseable
// HOURS, a stray comma, a row starting before the employee's previous row ended), rounds SHARE
// punches to the quarter hour (7/8-minute rule), pairs punch rows into spans (rows closer than
// span_gap_merge_hours are one span, the gap an unpaid meal; a gap shorter than the profile's
// paid_break_under_minutes is paid; a SHARE single-row span of meal_after_hours or more has the meal deducted at its
// midpoint), classifies SHARE time by SHIFT-ALG (RS-1..RS-9, in closed form: shiftAlg) and the
// weekend window, pays SHARE weekly OT over 40 at 1.5 x the regular rate (differentials included,
// FLSA half-time on top of base), PSU/non-unit daily OT over 8 per workday (the date the span
// starts) and weekly OT over 40 on straight hours at 1.5 x base (PSU: annual salary / 1950), and
// pays PTO rows at base. One Parquet file of pay lines.
//
// What it leaves out (payclose does all of it): SHARE daily OT (OT-B/C), the schedule (OT-F
// workday anchoring, flex thresholds, SHIFT-17/18 extension and shift-change differentials,
// stay-late, call-back and call-in minimums, sleep time), charge/preceptor differentials, on-call
// and standby pay, holidays, PSU shift differential, comp time elections, salaried continuation,
// PTO counting toward OT and differentials on PTO, the previous Saturday night's hours after
// Sunday 00:00 toward the 40 (model.Week.CarryIn less that day's daily overtime: the peer reads no
// row starting before the week, and counts a Saturday night of its own week whole), bank balances
// and accruals, DST, labor accounts per slice (one account per employee-day), exempt rule sets,
// rejects and exceptions files, approvals, the ledger (run ids, manifests, hashes, re-close
// safety) and the reports. It writes one Parquet file instead of partitioned parts.
const peerSQL = `
SET preserve_insertion_order = false;
-- ek, a dense integer key, is what the window passes partition by: cheaper than the id string.
CREATE TEMP TABLE roster AS
SELECT r.PERSONNUM AS emp, row_number() OVER () AS ek, p.rule_set,
  CASE WHEN coalesce(r.BASE_RATE, '') <> '' THEN round(try_cast(r.BASE_RATE AS DECIMAL(12,4)) * 10000)::BIGINT
       WHEN p.salary_div > 0 THEN (round(try_cast(r.ANNUAL_SALARY AS DECIMAL(14,2)) * 100)::BIGINT * 100 + p.salary_div // 2) // p.salary_div
       ELSE (round(try_cast(r.ANNUAL_SALARY AS DECIMAL(14,2)) * 100)::BIGINT * 10000
             + p.weeks_per_year * round(try_cast(r.BUDGETED_WEEKLY_HOURS AS DECIMAL(6,2)) * 100)::BIGINT // 2)
            // (p.weeks_per_year * round(try_cast(r.BUDGETED_WEEKLY_HOURS AS DECIMAL(6,2)) * 100)::BIGINT)
  END AS base
FROM read_csv('INDIR/roster.csv', header = true, all_varchar = true, ignore_errors = true) r
JOIN params p ON p.rule_set = r.RULESET;

CREATE TEMP TABLE punch AS
SELECT PERSONNUM AS emp, coalesce(PAYCODENAME, '') AS code, coalesce(LABORACCOUNT, '') AS acct,
  coalesce(WORKRULE, '') AS wrule, coalesce(HOURS, '') AS hrs,
  coalesce(try_strptime(EVENTDATE, '%m/%d/%Y'), try_strptime(EVENTDATE, '%Y-%m-%d'))::DATE AS evdate,
  epoch(coalesce(try_strptime(PUNCHDTM, '%m/%d/%Y %H:%M'), try_strptime(PUNCHDTM, '%Y-%m-%dT%H:%M')))::BIGINT AS t_in,
  epoch(coalesce(try_strptime(ENDPUNCHDTM, '%m/%d/%Y %H:%M'), try_strptime(ENDPUNCHDTM, '%Y-%m-%dT%H:%M')))::BIGINT AS t_out
FROM read_csv('INDIR/punches.csv', header = true, all_varchar = true, ignore_errors = true);

COPY (
WITH worked AS (
  -- Only what the window passes need: every column here is sorted three times.
  SELECT ro.ek, p.acct, p.t_in, p.t_out, ro.rule_set,
    CASE WHEN pa.round_s > 0 THEN ((p.t_in + pa.round_s // 2) // pa.round_s) * pa.round_s ELSE p.t_in END AS r_in,
    CASE WHEN pa.round_s > 0 THEN ((p.t_out + pa.round_s // 2) // pa.round_s) * pa.round_s ELSE p.t_out END AS r_out
  FROM punch p JOIN roster ro USING (emp) JOIN params pa USING (rule_set)
  WHERE p.code = '' AND p.t_in IS NOT NULL AND p.t_out IS NOT NULL AND p.t_out > p.t_in
    AND p.t_out - p.t_in <= pa.max_span_s
    -- A span belongs to the week it starts in (SHARE-G-02 SHIFT_START): rows of the next day are
    -- read so a night shift's second half pairs with its first, then spans starting later are dropped.
    AND p.t_in >= WEEK_S AND p.t_in < WEEK_S + 8 * 86400
    AND (p.wrule = '' OR regexp_full_match(p.wrule,
      '(CHARGE|PRECEPTOR|MGMT_REQUEST|INSERVICE|RESTRICTED|CALLED_IN|NO_LUNCH|CLOSURE)([;|](CHARGE|PRECEPTOR|MGMT_REQUEST|INSERVICE|RESTRICTED|CALLED_IN|NO_LUNCH|CLOSURE))*'))
),
-- A row that starts before the employee's previous row has ended overlaps it and is dropped.
clean AS (
  SELECT * EXCLUDE (prev_out) FROM (SELECT *, lag(t_out) OVER (PARTITION BY ek ORDER BY t_in, t_out) AS prev_out FROM worked)
  WHERE prev_out IS NULL OR t_in >= prev_out
),
-- Pairing: a row starts a new span unless it begins less than span_gap_merge after the previous
-- row of the employee ended.
marked AS (
  SELECT c.*, CASE WHEN r_in - lag(r_out) OVER w < pa.gap_s THEN 0 ELSE 1 END AS brk, lead(r_in) OVER w AS next_in
  FROM clean c JOIN params pa USING (rule_set)
  WINDOW w AS (PARTITION BY ek ORDER BY r_in, r_out)
),
numbered AS (
  SELECT *, sum(brk) OVER (PARTITION BY ek ORDER BY r_in, r_out ROWS UNBOUNDED PRECEDING) AS span_no FROM marked
),
spans AS (
  SELECT ek, span_no, min(r_in) AS s, max(r_out) AS e, count(*) AS nrows FROM numbered GROUP BY ek, span_no
),
prows AS (
  SELECT n.ek, n.acct, n.r_in, n.r_out, sp.s, sp.e, sp.s // 86400 AS workday, pa.*,
    -- SHARE-BRK-01: a span punched straight through has the meal deducted at its midpoint, on the quarter hour.
    CASE WHEN pa.meal_s > 0 AND sp.nrows = 1 AND sp.e - sp.s >= pa.meal_after_s
         THEN ((sp.s + sp.e) // 2 - pa.meal_s // 2) - ((sp.s + sp.e) // 2 - pa.meal_s // 2) % pa.round_s END AS meal_at,
    -- A punched break inside a span shorter than paid_break_under_minutes is paid (rules.PaidBreak,
    -- SHARE with its switch short_break_paid).
    CASE WHEN n.next_in > n.r_out AND n.next_in - n.r_out < pa.break_s
          AND n.next_in - n.r_out < pa.gap_s THEN n.next_in ELSE n.r_out END AS r_end
  FROM numbered n JOIN spans sp USING (ek, span_no) JOIN params pa USING (rule_set)
  WHERE sp.s < WEEK_S + 7 * 86400
),
-- Worked pieces of SHARE rows: the row less a deducted meal.
pieces AS (
  SELECT ek, acct, workday, s, e, r_in AS a, CASE WHEN meal_at IS NULL THEN r_end ELSE least(r_end, meal_at) END AS b,
    day_s, evening_s, night_s, within_s, cutoff_s, wknd_from_s, wknd_to_s
  FROM prows WHERE family = 'share'
  UNION ALL
  SELECT ek, acct, workday, s, e, greatest(r_in, meal_at + meal_s), r_end,
    day_s, evening_s, night_s, within_s, cutoff_s, wknd_from_s, wknd_to_s
  FROM prows WHERE family = 'share' AND meal_at IS NOT NULL
),
days AS (
  SELECT ek, workday, min(acct) AS acct, sum(b - a)::BIGINT AS worked,
    sum(SHARE_EVE)::BIGINT AS eve, sum(SHARE_NIGHT)::BIGINT AS night, sum(SHARE_WKND)::BIGINT AS wknd
  FROM (SELECT *, a - a % 86400 AS x0 FROM pieces WHERE b > a) GROUP BY ek, workday
  UNION ALL
  SELECT ek, workday, min(acct), sum(r_end - r_in)::BIGINT, 0, 0, 0 FROM prows WHERE family <> 'share' GROUP BY ek, workday
),
daily AS (
  SELECT d.*, ro.rule_set, ro.base, pa.weekly_s,
    CASE WHEN pa.daily_s > 0 AND d.worked > pa.daily_s THEN d.worked - pa.daily_s ELSE 0 END AS dot,
    ro.base * d.worked + pa.eve_r * d.eve + pa.night_r * d.night + pa.wknd_r * d.wknd AS pay
  FROM days d JOIN roster ro USING (ek) JOIN params pa USING (rule_set)
),
weekly AS (
  SELECT *,
    (sum(worked - dot) OVER (PARTITION BY ek ORDER BY workday ROWS UNBOUNDED PRECEDING))::BIGINT AS cum,
    (sum(worked) OVER (PARTITION BY ek))::BIGINT AS wk_worked,
    (sum(pay) OVER (PARTITION BY ek))::BIGINT AS wk_pay
  FROM daily
),
ot AS (
  SELECT w.*, pa.* EXCLUDE (rule_set, weekly_s), dot + greatest(0, least(worked - dot, cum - w.weekly_s)) AS ot_s,
    -- SHARE-OT-E: the regular rate includes the differentials paid in the week.
    (wk_pay + wk_worked // 2) // nullif(wk_worked, 0) AS rr
  FROM weekly w JOIN params pa USING (rule_set)
),
pto AS (
  SELECT ro.ek, ro.rule_set, epoch(p.evdate)::BIGINT // 86400 AS workday, pc.code AS pay_code, pc.rule_id, p.acct,
    CASE WHEN contains(p.hrs, ':') THEN
           CASE WHEN try_cast(split_part(p.hrs, ':', 2) AS INTEGER) BETWEEN 0 AND 59
                THEN try_cast(split_part(p.hrs, ':', 1) AS INTEGER) * 3600 + try_cast(split_part(p.hrs, ':', 2) AS INTEGER) * 60 END
         ELSE round(try_cast(p.hrs AS DECIMAL(9,4)) * 3600)::BIGINT END AS secs,
    ro.base
  FROM punch p JOIN roster ro USING (emp) JOIN paycodes pc ON pc.rule_set = ro.rule_set AND pc.name = p.code
  WHERE p.code <> '' AND p.evdate >= to_timestamp(WEEK_S)::DATE AND p.evdate < to_timestamp(WEEK_S + 7 * 86400)::DATE
),
lines AS (
  SELECT ek, rule_set, workday, 'REG' AS pay_code, reg_rule AS rule_id, acct, worked - ot_s AS secs, base AS rate FROM ot WHERE worked > ot_s
  UNION ALL
  -- Overtime hours: base (their straight time) plus (multiplier - 1) x the regular rate, so with
  -- the differential lines they come to 1.5 x the regular rate.
  SELECT ek, rule_set, workday, 'OT', ot_rule, acct, ot_s,
    CASE WHEN family = 'share' THEN base + (rr * (ot_num - ot_den) + ot_den // 2) // ot_den
         ELSE (base * ot_num + ot_den // 2) // ot_den END
  FROM ot WHERE ot_s > 0
  UNION ALL SELECT ek, rule_set, workday, 'DIFF_EVE', eve_rule, acct, eve, eve_r FROM ot WHERE eve > 0
  UNION ALL SELECT ek, rule_set, workday, 'DIFF_NIGHT', night_rule, acct, night, night_r FROM ot WHERE night > 0
  UNION ALL SELECT ek, rule_set, workday, 'DIFF_WKND', wknd_rule, acct, wknd, wknd_r FROM ot WHERE wknd > 0
  UNION ALL
  SELECT * FROM pto WHERE secs <= 86400
)
SELECT ro.emp AS employee_id, l.rule_set, (DATE '1970-01-01' + workday::INTEGER) AS work_date, pay_code,
  (((secs * 10000 + 1800) // 3600)::DECIMAL(18,0) * 0.0001)::DECIMAL(10,4) AS hours,
  (rate::DECIMAL(18,0) * 0.0001)::DECIMAL(12,4) AS rate,
  (((secs * rate + 180000) // 360000)::DECIMAL(18,0) * 0.01)::DECIMAL(18,2) AS amount,
  rule_id, acct AS labor_account
FROM lines l JOIN roster ro USING (ek) WHERE secs > 0
) TO 'OUT' (FORMAT parquet, COMPRESSION snappy);
`

// Run closes the week of the export in dir (punches.csv, roster.csv) into one Parquet file of pay
// lines at out, and returns the number of lines written. A profile file name turns on DuckDB's
// query profiler (the last statement's tree is written there).
func Run(ctx context.Context, db *sql.DB, dir, out string, week time.Time, profile string) (int64, error) {
	p, err := params(rates.Default, week)
	if err != nil {
		return 0, err
	}
	if _, err := os.Stat(filepath.Join(dir, "punches.csv")); err != nil {
		return 0, err
	}
	esc := func(s string) string { return strings.ReplaceAll(filepath.ToSlash(s), "'", "''") }
	eve, night, wknd := shiftAlg()
	text := strings.NewReplacer("SHARE_EVE", eve, "SHARE_NIGHT", night, "SHARE_WKND", wknd).Replace(p + peerSQL)
	text = strings.NewReplacer("INDIR", esc(dir), "'OUT'", "'"+esc(out)+"'", "WEEK_S", fmt.Sprint(week.Unix())).Replace(text)
	// TEMP tables live in one connection: every statement runs on the same one.
	conn, err := db.Conn(ctx)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	if profile != "" {
		if _, err := conn.ExecContext(ctx, "PRAGMA enable_profiling = 'json'; PRAGMA profiling_output = '"+esc(profile)+"'"); err != nil {
			return 0, err
		}
	}
	var lines int64
	for _, stmt := range strings.Split(text, ";\n") {
		if strings.TrimSpace(stmt) == "" {
			continue
		}
		res, err := conn.ExecContext(ctx, stmt)
		if err != nil {
			return 0, fmt.Errorf("peer: %w\n%s", err, stmt)
		}
		if strings.HasPrefix(strings.TrimSpace(stmt), "COPY") {
			lines, _ = res.RowsAffected()
		}
	}
	return lines, nil
}

// breakS is the longest punched break a rule set pays, in seconds, 0 for none (rules.PaidBreak:
// paid_break_under_minutes; SHARE only with its switch short_break_paid).
func breakS(r *rates.RuleSet) int64 {
	if r.Family == "share" && !r.Switch("short_break_paid") {
		return 0
	}
	return int64(r.PaidBreakUnder) * 60
}
