using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AzBackupTroubleshoot.Emulator.Http;

/// <summary>
/// ARM-style paging: "value" holds one page, "nextLink" is an absolute URL to the next page carrying a $skiptoken.
/// The token is the offset into the (stable, insertion-ordered) result; clients must treat it as opaque.
/// </summary>
internal static class Paging
{
    private static readonly Regex SkipTokenParameter = new(@"&?\$skiptoken=[^&]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    public static ArmReply Page(ArmRequest request, IReadOnlyList<JsonObject> all, Func<JsonObject, string?>? omit = null, Func<JsonObject, JsonObject>? project = null)
    {
        var skip = int.TryParse(request.Query("$skiptoken"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
        var page = all.Skip(skip).Take(request.PageSize).Select(r => project == null ? (r, omit?.Invoke(r)) : (project(r), null));
        var next = skip + request.PageSize < all.Count ? NextLink(request, skip + request.PageSize) : null;
        return ArmReply.Json(ResourceJson.WritePage(page, next));
    }

    private static string NextLink(ArmRequest request, int offset)
    {
        var query = SkipTokenParameter.Replace(request.RawQuery.TrimStart('?'), "").TrimStart('&');
        return $"{request.BaseUrl}{request.RawPath.TrimStart('/')}?{query}&$skiptoken={offset}";
    }
}
