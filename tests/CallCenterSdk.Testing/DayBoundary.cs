namespace CallCenterSdk.Testing;

/// <summary>
/// The wallboard's and the reports' "today" is the tenant's day: a test that places calls and then compares today's
/// figures must not straddle midnight (a call offered at 23:59:50 is in neither day's "today" the test reads at
/// 00:00:06).
/// </summary>
public static class DayBoundary
{
    /// <summary>When the next <paramref name="span"/> would cross midnight in any of <paramref name="zones"/> (UTC when none), waits until just after it.</summary>
    public static async Task AvoidMidnightAsync(TimeSpan span, params string[] zones)
    {
        foreach (var id in zones.Length == 0 ? ["UTC"] : zones)
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            var now = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone);
            var nextMidnight = now.Date.AddDays(1);
            var wait = new DateTimeOffset(nextMidnight, zone.GetUtcOffset(nextMidnight)) - now;
            if (wait <= span)
            {
                await Task.Delay(wait + TimeSpan.FromSeconds(1));
            }
        }
    }
}
