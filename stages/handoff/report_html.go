package handoff

// reportHTML is the report's template: one self-contained page, no script, no external resource.
const reportHTML = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>payclose close report {{.Weeks}}</title>
<style>
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px;color:#1d2330;max-width:1200px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #d8dde6;padding-bottom:4px}
.meta{color:#5b6475}.cards{display:flex;gap:12px;flex-wrap:wrap;margin:16px 0}
.card{border:1px solid #d8dde6;border-radius:6px;padding:8px 14px;min-width:120px}.card b{display:block;font-size:20px}
table{border-collapse:collapse;margin:6px 0 10px}th,td{padding:3px 10px;border-bottom:1px solid #eef0f4;text-align:left;vertical-align:top}
th{background:#f4f6f9;font-weight:600}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
tr.flag td{background:#fff4e5}.tag{font-size:12px;padding:1px 6px;border-radius:8px;background:#f0a030;color:#fff}
.tag.new,.tag.gone{background:#6b7a90}.ok{color:#18794e}.bad{color:#c62828}
.grid{display:flex;flex-wrap:wrap;gap:24px}.chart .bar{fill:#3b6fd8}.chart .ct{font-weight:600;font-size:13px}
.chart .cl,.chart .cv{font-size:11px;fill:#1d2330}.note{color:#5b6475;font-size:13px}
</style></head><body>
<h1>Close report</h1>
<div class="meta">run <code id="run-id">{{.RunID}}</code> · weeks {{.Weeks}} · payclose {{.Version}}</div>
<div class="cards">
<div class="card">Gross<b id="total-gross" data-cents="{{.GrossCents}}">{{.Gross}}</b></div>
<div class="card">Employees<b id="total-employees">{{.Employees}}</b></div>
<div class="card">Pay lines<b id="total-pay-lines">{{.PayLines}}</b></div>
<div class="card">Rejected rows<b id="total-rejects">{{.RejectCount}}</b></div>
<div class="card">Exceptions<b id="total-exceptions">{{.ExceptionCount}}</b></div>
<div class="card">Reconciliation<b class="{{if .ReconOK}}ok{{else}}bad{{end}}">{{if .ReconOK}}OK{{else}}FAILED{{end}}</b></div>
</div>

<h2 id="variance">Variance against the previous closed week</h2>
{{if .HasVariance}}
<p class="note">Week {{.VarWeek}} against {{.VarPrev}}. {{.Flagged}} employee(s) moved more than {{.Threshold}}% or are new or gone: listed first, largest move first. Look at these before releasing the pay.</p>
<table id="variance-employees"><thead><tr><th>employee</th><th>department</th><th>rule set</th><th class="n">gross {{.VarPrev}}</th><th class="n">gross {{.VarWeek}}</th><th class="n">change</th><th class="n">%</th><th></th></tr></thead><tbody>
{{range .VarEmployees}}<tr data-employee="{{.Key}}"{{if .Flag}} class="flag"{{end}}><td>{{.Key}}</td><td>{{.Dept}}</td><td>{{.RuleSet}}</td><td class="n">{{.Prev}}</td><td class="n">{{.Now}}</td><td class="n">{{.Delta}}</td><td class="n">{{.Pct}}</td><td>{{if .Flag}}<span class="tag {{.Flag}}">{{.Flag}}</span>{{end}}</td></tr>
{{end}}</tbody></table>
{{if .VarTruncated}}<p class="note">{{.VarTruncated}} more employees moved less (not listed; the register files have every employee).</p>{{end}}
<p class="note">By department: each employee's gross under their department (the labor account with the most money that week).</p>
<table id="variance-departments"><thead><tr><th>department</th><th class="n">gross {{.VarPrev}}</th><th class="n">gross {{.VarWeek}}</th><th class="n">change</th><th class="n">%</th><th></th></tr></thead><tbody>
{{range .VarDepts}}<tr data-department="{{.Key}}"{{if .Flag}} class="flag"{{end}}><td>{{.Key}}</td><td class="n">{{.Prev}}</td><td class="n">{{.Now}}</td><td class="n">{{.Delta}}</td><td class="n">{{.Pct}}</td><td>{{if .Flag}}<span class="tag {{.Flag}}">{{.Flag}}</span>{{end}}</td></tr>
{{end}}</tbody></table>
{{else}}
<p class="note" id="no-variance">No previous closed week: the ledger does not hold the week before this close.</p>
{{end}}

<h2>Gross and hours</h2>
<div class="grid">{{.ChartRuleSets}}{{.ChartDepts}}</div>
<table id="by-rule-set"><thead><tr><th>rule set</th><th class="n">paid hours</th><th class="n">gross</th></tr></thead><tbody>
{{range .RuleSets}}<tr data-rule-set="{{.Key}}"><td>{{.Key}}</td><td class="n">{{.Hours}}</td><td class="n">{{.Amount}}</td></tr>
{{end}}</tbody></table>
<table id="by-department"><thead><tr><th>department</th><th class="n">paid hours</th><th class="n">gross</th></tr></thead><tbody>
{{range .Depts}}<tr data-department="{{.Key}}"><td>{{.Key}}</td><td class="n">{{.Hours}}</td><td class="n">{{.Amount}}</td></tr>
{{end}}</tbody></table>
<div class="grid">{{.ChartPayCodes}}</div>
<table id="by-pay-code"><thead><tr><th>pay code</th><th class="n">hours</th><th class="n">amount</th></tr></thead><tbody>
{{range .PayCodes}}<tr data-pay-code="{{.Key}}"><td>{{.Key}}</td><td class="n">{{.Hours}}</td><td class="n">{{.Amount}}</td></tr>
{{end}}</tbody></table>
<p class="note">Paid hours count the earning codes whose mapping says paid_hours=Y; pay-code hours are the lines' own (a differential's hours are hours already paid).</p>

<h2>Overtime and call-back hot spots</h2>
<div class="grid">{{.ChartHot}}</div>
<table id="hot-spots"><thead><tr><th>department</th><th class="n">OT hours</th><th class="n">OT $</th><th class="n">on-call/call-back hours</th><th class="n">on-call/call-back $</th><th class="n">share of gross</th></tr></thead><tbody>
{{range .Hot}}<tr data-department="{{.Dept}}"><td>{{.Dept}}</td><td class="n">{{.OTHours}}</td><td class="n">{{.OTAmount}}</td><td class="n">{{.CBHours}}</td><td class="n">{{.CBAmount}}</td><td class="n">{{.Share}}</td></tr>
{{end}}</tbody></table>

<h2>Rejected rows ({{.RejectCount}})</h2>
<p class="note">Fix each row in the source system and close again, or pay it by hand and keep the reject as the record ({{.RejectsPath}}).</p>
<table id="rejects"><thead><tr><th>file</th><th class="n">line</th><th>column</th><th>value</th><th>reason</th><th>what was expected</th></tr></thead><tbody>
{{range .Rejects}}<tr><td>{{.File}}</td><td class="n">{{line .Line}}</td><td>{{.Column}}</td><td>{{.Value}}</td><td>{{.Reason}}</td><td>{{.Detail}}</td></tr>
{{end}}</tbody></table>
{{if .RejectsCut}}<p class="note">{{.RejectsCut}} more in {{.RejectsPath}}.</p>{{end}}

<h2>Exceptions to review ({{.ExceptionCount}})</h2>
<table id="exceptions"><thead><tr><th>employee</th><th>date</th><th>code</th><th>rule</th><th>status</th><th>what to look at</th></tr></thead><tbody>
{{range .Exceptions}}<tr><td>{{.Employee}}</td><td>{{date .Date}}</td><td>{{.Code}}</td><td>{{.RuleID}}</td><td>{{status .Status}}</td><td>{{.Detail}}</td></tr>
{{end}}</tbody></table>
{{if .ExceptionsCut}}<p class="note">{{.ExceptionsCut}} more in {{.ExceptionsPath}}.</p>{{end}}
</body></html>
`
