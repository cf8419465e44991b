using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using AzBackupTroubleshoot.Checks;

namespace AzBackupTroubleshoot.Reports
{
    /// <summary>
    /// A single self-contained HTML page (no external assets, works offline and as a CI artifact): summaries by
    /// status, check and scope, then every result in one table with status/check filters and a search box. The
    /// filter state lives in the URL fragment (<c>#status=Fail,Warning&amp;check=Agent.Ready&amp;q=text</c>), so a
    /// link opens the same view. Rows are rendered here, not by script, so the page reads even with scripts off.
    /// </summary>
    internal static class HtmlReport
    {
        public static void Write(ReportSummary summary, ReportOptions options, TextWriter w)
        {
            var lang = summary.Languages.Count == 1 ? summary.Languages[0] : "en";
            w.WriteLine("<!DOCTYPE html>");
            w.WriteLine($"<html lang=\"{E(lang)}\"><head><meta charset=\"utf-8\">");
            w.WriteLine("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
            w.WriteLine($"<title>{E(options.Title)}</title>");
            w.WriteLine("<style>" + Css + "</style></head><body>");
            w.WriteLine($"<header><h1>{E(options.Title)}</h1><p class=\"meta\">{summary.Vms.Count} VM(s), {summary.Results.Count} result(s), generated {E(options.GeneratedAt.ToString("u"))}; " +
                        $"texts in {E(string.Join(", ", summary.Languages.DefaultIfEmpty("en")))}.</p></header>");

            WriteStatusTiles(summary, w);
            WriteChecks(summary, w);
            WriteScopes(summary, w);
            WriteResults(summary, options, w);

            w.WriteLine("<script>" + Script + "</script>");
            w.WriteLine("</body></html>");
        }

        private static void WriteStatusTiles(ReportSummary summary, TextWriter w)
        {
            w.WriteLine("<section id=\"by-status\"><h2>By status</h2><div class=\"tiles\">");
            foreach (var status in ReportSummary.AllStatuses)
            {
                w.WriteLine($"<div class=\"tile s-{status}\"><span class=\"n\">{summary.ByStatus[status]}</span> {status} results" +
                            $"<br><small>{summary.VmsWith(status)} VM(s) at worst {status}</small></div>");
            }
            w.WriteLine("</div></section>");
        }

        private static void WriteChecks(ReportSummary summary, TextWriter w)
        {
            w.WriteLine("<section id=\"by-check\"><h2>By check</h2><table><thead><tr><th>Check</th><th>Title</th><th>Severity</th>");
            foreach (var status in ReportSummary.AllStatuses) w.Write($"<th>{status}</th>");
            w.WriteLine("</tr></thead><tbody>");
            foreach (var check in summary.Checks)
            {
                w.Write($"<tr><td><code>{E(check.CheckId)}</code></td><td>{E(check.Title)}</td><td>{check.Severity}</td>");
                foreach (var status in ReportSummary.AllStatuses)
                {
                    var n = check.Count(status);
                    w.Write(n == 0 ? "<td class=\"zero\">0</td>" : $"<td class=\"s-{status}\">{n}</td>");
                }
                w.WriteLine("</tr>");
            }
            w.WriteLine("</tbody></table></section>");
        }

        private static void WriteScopes(ReportSummary summary, TextWriter w)
        {
            w.WriteLine("<section id=\"by-scope\"><h2>By subscription and resource group</h2><table><thead><tr>" +
                        "<th>Subscription</th><th>Resource group</th><th>VMs</th><th>Fail</th><th>Warning</th><th>Error</th></tr></thead><tbody>");
            foreach (var scope in summary.Scopes)
            {
                w.WriteLine($"<tr><td><code>{E(scope.SubscriptionId)}</code></td><td>{E(scope.ResourceGroup)}</td><td>{scope.Vms}</td>" +
                            $"<td>{scope.Failed}</td><td>{scope.Warnings}</td><td>{scope.Errors}</td></tr>");
            }
            w.WriteLine("</tbody></table></section>");
        }

        private static void WriteResults(ReportSummary summary, ReportOptions options, TextWriter w)
        {
            w.WriteLine("<section id=\"results\"><h2>Results</h2><form id=\"filters\" onsubmit=\"return false\">");
            foreach (var status in ReportSummary.AllStatuses)
            {
                var on = ReportSummary.NeedsAction(status) ? " checked" : "";
                w.WriteLine($"<label class=\"s-{status}\"><input type=\"checkbox\" name=\"status\" value=\"{status}\"{on}> {status}</label>");
            }
            w.WriteLine("<select id=\"check\" aria-label=\"Check\"><option value=\"\">All checks</option>");
            foreach (var check in summary.Checks.OrderBy(c => c.CheckId, System.StringComparer.Ordinal))
                w.WriteLine($"<option value=\"{E(check.CheckId)}\">{E(check.CheckId)}</option>");
            w.WriteLine("</select><input id=\"q\" type=\"search\" placeholder=\"Search VM, code, message…\" aria-label=\"Search\">");
            w.WriteLine($"<span id=\"shown\">{summary.Findings.Count} of {summary.Results.Count} shown</span></form>");

            w.WriteLine("<table id=\"result-table\"><thead><tr><th>Status</th><th>VM</th><th>Check</th><th>Severity</th><th>Codes</th><th>Finding</th></tr></thead><tbody>");
            var ordered = summary.Findings.Concat(summary.Results.Where(r => !ReportSummary.NeedsAction(r))
                .OrderByDescending(r => ReportSummary.Rank(r.Status)).ThenBy(r => r.VmName, System.StringComparer.OrdinalIgnoreCase).ThenBy(r => r.CheckId, System.StringComparer.Ordinal));
            foreach (var r in ordered) WriteRow(r, options, w);
            w.WriteLine("</tbody></table></section>");
        }

        private static void WriteRow(CheckResult r, ReportOptions options, TextWriter w)
        {
            var hidden = ReportSummary.NeedsAction(r) ? "" : " hidden";
            var searchText = string.Join(" ", new[] { r.VmName, r.VmId, r.CheckId, r.Title, r.Message, r.Remediation ?? "" }.Concat(r.Codes)).ToLowerInvariant();
            w.Write($"<tr class=\"row\" data-status=\"{r.Status}\" data-check=\"{E(r.CheckId)}\" data-text=\"{E(searchText)}\"{hidden}>");
            w.Write($"<td class=\"s-{r.Status}\">{r.Status}</td>");
            w.Write($"<td title=\"{E(r.VmId)}\">{E(r.VmName)}<br><small>{E(r.ResourceGroup)}</small></td>");
            w.Write($"<td><code>{E(r.CheckId)}</code><br><small>{E(r.Title)}</small></td><td>{r.Severity}</td>");
            w.Write($"<td>{string.Join("<br>", r.Codes.Select(c => "<code>" + E(c) + "</code>"))}</td>");
            w.Write($"<td><p>{E(r.Message)}</p>");
            if (!string.IsNullOrEmpty(r.Remediation)) w.Write($"<p class=\"fix\"><b>Fix:</b> {E(r.Remediation!)}</p>");
            if (!string.IsNullOrEmpty(r.RepairCommand)) w.Write($"<p class=\"fix\"><b>Repair:</b> <code>{E(r.RepairCommand!)}</code></p>");
            if (r.Evidence.Length > 0)
            {
                w.Write($"<details><summary>Evidence ({r.Evidence.Length})</summary><ul>");
                foreach (var e in r.Evidence) w.Write($"<li><code>{E(e.Path)}</code> = <code>{E(e.Value ?? "null")}</code><br><small>{E(e.ResourceId)}</small></li>");
                w.Write("</ul></details>");
            }
            var link = options.DocLink(r.DocPage);
            if (link != null) w.Write($"<p><a href=\"{E(link)}\">About this check</a></p>");
            else if (!string.IsNullOrEmpty(r.DocPage)) w.Write($"<p><small>Docs: {E(r.DocPage)}</small></p>");
            w.WriteLine("</td></tr>");
        }

        private static string E(string text) => WebUtility.HtmlEncode(text);

        private const string Css = @"
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:1.5rem;color:#1b1b1b;background:#fff}
h1{font-size:1.5rem;margin:0}h2{font-size:1.15rem;margin-top:1.8rem}.meta{color:#555;margin:.3rem 0 0}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f4f4f4}td p{margin:.1rem 0 .3rem}.fix{color:#333}.zero{color:#aaa}small{color:#666}code{font-size:.85em}
.tiles{display:flex;flex-wrap:wrap;gap:.6rem}.tile{border:1px solid #ddd;border-radius:6px;padding:.6rem .9rem;min-width:9rem}.tile .n{font-size:1.6rem;font-weight:600}
.s-Fail{color:#b00020;font-weight:600}.s-Error{color:#8a3ffc;font-weight:600}.s-Warning{color:#a86200;font-weight:600}.s-Skipped{color:#666}.s-Pass{color:#1e7b34}
#filters{display:flex;flex-wrap:wrap;gap:.8rem;align-items:center;margin:.5rem 0 .8rem}#q{min-width:18rem;padding:.25rem}#shown{color:#555}
tr[hidden]{display:none}";

        // Filters rows by status, check and search text; keeps the state in the URL fragment.
        private const string Script = @"
(function(){
  var form=document.getElementById('filters'),boxes=form.querySelectorAll('input[name=status]'),check=document.getElementById('check'),
      q=document.getElementById('q'),rows=document.querySelectorAll('#result-table tr.row'),shown=document.getElementById('shown');
  function apply(){
    var statuses={};boxes.forEach(function(b){if(b.checked)statuses[b.value]=true;});
    var c=check.value,text=q.value.trim().toLowerCase(),n=0;
    rows.forEach(function(r){
      var ok=statuses[r.dataset.status]&&(!c||r.dataset.check===c)&&(!text||r.dataset.text.indexOf(text)>=0);
      r.hidden=!ok;if(ok)n++;
    });
    shown.textContent=n+' of '+rows.length+' shown';
    var parts=['status='+Object.keys(statuses).join(',')];if(c)parts.push('check='+encodeURIComponent(c));if(text)parts.push('q='+encodeURIComponent(text));
    history.replaceState(null,'','#'+parts.join('&'));
  }
  function load(){
    var h=location.hash.replace(/^#/,'');if(!h)return;
    h.split('&').forEach(function(p){
      var i=p.indexOf('=');if(i<0)return;var k=p.slice(0,i),v=decodeURIComponent(p.slice(i+1));
      if(k==='status'){var set=v.split(',');boxes.forEach(function(b){b.checked=set.indexOf(b.value)>=0;});}
      else if(k==='check'){check.value=v;}else if(k==='q'){q.value=v;}
    });
  }
  load();apply();
  form.addEventListener('change',apply);q.addEventListener('input',apply);
})();";
    }
}
