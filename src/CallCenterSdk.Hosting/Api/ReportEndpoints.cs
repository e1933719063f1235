using System.Globalization;
using System.Security.Claims;
using CallCenterSdk.Crm.Paging;
using CallCenterSdk.Crm.Recordings;
using CallCenterSdk.Crm.Reports;
using CallCenterSdk.Hosting.Crm;
using CallCenterSdk.Hosting.Options;
using CallCenterSdk.Hosting.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CallCenterSdk.Hosting.Api;

/// <summary>KPI reports and recordings: <c>/api/tenants/{tenant}/reports/...</c> and <c>/recordings/...</c>.</summary>
internal static class ReportEndpoints
{
    public static void Map(RouteGroupBuilder tenant)
    {
        var reports = tenant.MapGroup("/reports").RequireAuthorization(CallCenterPolicies.Supervisor);
        reports.MapGet("/kpis", KpisAsync);

        var recordings = tenant.MapGroup("/recordings").RequireAuthorization(CallCenterPolicies.Supervisor);
        recordings.MapGet("/", (HttpContext http, ClaimsPrincipal user, CrmStoreHost crm, string? from, string? to, string? agent, string? queue, int? size, string? page, CancellationToken ct) =>
            Problems.Crm(async () =>
            {
                if (!TryRange(http, from, to, out var range, out var error))
                {
                    return Problems.BadRequest(error);
                }

                var result = await crm.Store.Recordings.SearchAsync(
                    CallCenterRequestContext.Crm(TenantScopeFilter.Of(http)), new RecordingQuery(range.From, range.To, agent, null, queue),
                    new PageRequest(size ?? 100, page), CallCenterRequestContext.CrmRoleOf(user), ct).ConfigureAwait(false);
                return Results.Ok(result);
            }));
        recordings.MapGet("/{id}/audio", (string id, HttpContext http, ClaimsPrincipal user, CrmStoreHost crm, CancellationToken ct) =>
            Problems.Crm(async () =>
            {
                // Opening writes the access audit row, granted or refused, before any byte is served.
                var recording = await crm.Store.Recordings.OpenAsync(
                    CallCenterRequestContext.Crm(TenantScopeFilter.Of(http)), id, user.Identity!.Name!, CallCenterRequestContext.CrmRoleOf(user), RecordingAccessKind.Listen, ct).ConfigureAwait(false);
                return File.Exists(recording.Location)
                    ? Results.File(recording.Location, recording.Format == "wav" ? "audio/wav" : "application/octet-stream", enableRangeProcessing: true)
                    : Problems.NotFound($"The audio of recording '{id}' is no longer stored.");
            }));
        recordings.MapGet("/{id}/audit", (string id, HttpContext http, CrmStoreHost crm, CancellationToken ct) =>
            Problems.Crm(async () => Results.Ok(await crm.Store.Recordings.GetAccessLogAsync(CallCenterRequestContext.Crm(TenantScopeFilter.Of(http)), id, ct).ConfigureAwait(false))));
    }

    private static Task<IResult> KpisAsync(HttpContext http, CrmStoreHost crm, string? from, string? to, string? granularity, string? dimension, string? format, int? threshold, CancellationToken ct) =>
        Problems.Crm(async () =>
        {
            if (!TryRange(http, from, to, out var range, out var error))
            {
                return Problems.BadRequest(error);
            }

            if (!TryEnum<ReportGranularity>(granularity, ReportGranularity.Interval30, out var g))
            {
                return Problems.BadRequest($"granularity must be one of {string.Join(", ", Enum.GetNames<ReportGranularity>())}.");
            }

            if (!TryEnum<ReportDimension>(dimension, ReportDimension.Queue, out var d))
            {
                return Problems.BadRequest($"dimension must be one of {string.Join(", ", Enum.GetNames<ReportDimension>())}.");
            }

            var rows = await crm.Store.Reports.GetKpisAsync(
                CallCenterRequestContext.Crm(TenantScopeFilter.Of(http)), new KpiRequest(range.From, range.To, g, d, threshold ?? 20, TimeZone: TenantScopeFilter.Of(http).Options.Zone), ct).ConfigureAwait(false);
            if (string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase))
            {
                using var writer = new StringWriter(CultureInfo.InvariantCulture);
                await KpiCsvExport.WriteAsync(rows, writer, ct).ConfigureAwait(false);
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"kpis-{TenantScopeFilter.Of(http).Tenant.Value}-{range.From:yyyyMMdd}.csv\"";
                return Results.Text(writer.ToString(), "text/csv");
            }

            return Results.Ok(rows);
        });

    // A date (yyyy-MM-dd) is the start of that day where the tenant is; anything else is an instant (UTC unless it says).
    private static bool TryBound(TenantOptions tenant, string text, out DateTimeOffset bound, out DateOnly? date)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            date = day;
            bound = tenant.DayStart(day);
            return true;
        }

        date = null;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out bound);
    }

    private static bool TryEnum<T>(string? text, T fallback, out T value)
        where T : struct, Enum
    {
        value = fallback;
        return text is null || (Enum.TryParse(text, ignoreCase: true, out value) && Enum.IsDefined(value) && !int.TryParse(text, CultureInfo.InvariantCulture, out _));
    }

    /// <summary>
    /// From/to as ISO 8601 instants or dates; a date is the start of that day in the tenant's time zone; the default
    /// is the tenant's today (what the wallboard's "today" counts).
    /// </summary>
    private static bool TryRange(HttpContext http, string? from, string? to, out (DateTimeOffset From, DateTimeOffset To) range, out string error)
    {
        var scope = TenantScopeFilter.Of(http);
        var tenant = scope.Options;
        var today = tenant.LocalDate(scope.Time.GetUtcNow());
        range = (tenant.DayStart(today), tenant.DayStart(today.AddDays(1)));
        error = string.Empty;
        if (from is not null)
        {
            if (!TryBound(tenant, from, out var f, out var fromDate))
            {
                error = $"from '{from}' is not an ISO 8601 date or instant.";
                return false;
            }

            range.From = f;
            range.To = to is not null ? range.To : fromDate is { } d ? tenant.DayStart(d.AddDays(1)) : f.AddDays(1);
        }

        if (to is not null)
        {
            if (!TryBound(tenant, to, out var t, out _))
            {
                error = $"to '{to}' is not an ISO 8601 date or instant.";
                return false;
            }

            range.To = t;
        }

        if (range.To <= range.From)
        {
            error = "to must be after from.";
            return false;
        }

        return true;
    }
}
