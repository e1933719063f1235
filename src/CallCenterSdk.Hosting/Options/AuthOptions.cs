namespace CallCenterSdk.Hosting.Options;

/// <summary>Sign-in to the REST API and SignalR hub.</summary>
public sealed class AuthOptions
{
    /// <summary>Lifetime of an issued bearer token, minutes [480].</summary>
    public int TokenLifetimeMinutes { get; set; } = 480;
}
