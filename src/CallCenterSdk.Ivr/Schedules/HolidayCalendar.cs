namespace CallCenterSdk.Ivr.Schedules;

/// <summary>A named set of holidays (a country's public holidays, a tenant's own closures) shared by schedules.</summary>
/// <param name="Id">The calendar's id.</param>
/// <param name="Holidays">Its holidays.</param>
public sealed record HolidayCalendar(string Id, IReadOnlyList<Holiday> Holidays)
{
    /// <summary>The first holiday containing <paramref name="date"/>, or null.</summary>
    public Holiday? Find(DateOnly date) => Holidays.FirstOrDefault(h => h.Contains(date));
}
