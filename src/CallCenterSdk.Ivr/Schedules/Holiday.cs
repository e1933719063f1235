namespace CallCenterSdk.Ivr.Schedules;

/// <summary>
/// A closed day or range of days. A recurring holiday repeats every year on the same month and day (its
/// year is ignored) and may wrap the new year (Dec 31 - Jan 2).
/// </summary>
/// <param name="Name">Shown in traces and readable in flows as <c>schedule.name</c>.</param>
/// <param name="Start">First day (inclusive).</param>
/// <param name="End">Last day (inclusive).</param>
/// <param name="Recurring">True to repeat every year.</param>
public sealed record Holiday(string Name, DateOnly Start, DateOnly End, bool Recurring = false)
{
    /// <summary>A single fixed date.</summary>
    public static Holiday On(string name, DateOnly date, bool recurring = false) => new(name, date, date, recurring);

    /// <summary>True when <paramref name="date"/> falls in the holiday.</summary>
    public bool Contains(DateOnly date)
    {
        if (!Recurring)
        {
            return date >= Start && date <= End;
        }

        int day = Key(date.Month, date.Day);
        int start = Key(Start.Month, Start.Day);
        int end = Key(End.Month, End.Day);
        return start <= end ? day >= start && day <= end : day >= start || day <= end;
    }

    private static int Key(int month, int day) => (month * 100) + day;
}
