namespace CallCenterSdk.Hosting.Options;

/// <summary>A weekly opening-hours schedule with holidays.</summary>
public sealed class BusinessHoursOptions
{
    /// <summary>Schedule id (what an IVR <c>schedule</c> step names).</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>IANA time zone [UTC].</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Day name (<c>Monday</c>...) to ranges <c>HH:mm-HH:mm</c>; a range may cross midnight; a missing day is closed.</summary>
    public IDictionary<string, IList<string>> Weekly { get; } = new Dictionary<string, IList<string>>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Holidays: <c>yyyy-MM-dd</c> to the holiday's name.</summary>
    public IDictionary<string, string> Holidays { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
