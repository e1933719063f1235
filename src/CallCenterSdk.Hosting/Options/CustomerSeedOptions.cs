namespace CallCenterSdk.Hosting.Options;

/// <summary>A customer record written to an empty CRM directory at start.</summary>
public sealed class CustomerSeedOptions
{
    /// <summary>Name (required).</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Company.</summary>
    public string? Company { get; set; }

    /// <summary>E-mail.</summary>
    public string? Email { get; set; }

    /// <summary>Phone numbers (screen pop finds the customer by any of them).</summary>
    public IList<string> Phones { get; } = [];
}
