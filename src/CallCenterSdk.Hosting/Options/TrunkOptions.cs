namespace CallCenterSdk.Hosting.Options;

/// <summary>A SIP trunk to a carrier.</summary>
public sealed class TrunkOptions
{
    /// <summary>Trunk id, unique.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>The tenant whose calls use the trunk.</summary>
    public string Tenant { get; set; } = string.Empty;

    /// <summary>Carrier host (IP literal or name).</summary>
    public string Host { get; set; } = string.Empty;

    /// <summary>Carrier port [5060].</summary>
    public int Port { get; set; } = 5060;

    /// <summary><c>udp</c> or <c>tcp</c> [udp].</summary>
    public string Transport { get; set; } = "udp";

    /// <summary>Digest user name, when the carrier challenges.</summary>
    public string? Username { get; set; }

    /// <summary>Digest password, required with <see cref="Username"/>.</summary>
    public string? Password { get; set; }
}
