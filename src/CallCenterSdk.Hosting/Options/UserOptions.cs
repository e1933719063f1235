namespace CallCenterSdk.Hosting.Options;

/// <summary>A user of the REST API and web pages.</summary>
public sealed class UserOptions
{
    /// <summary>Sign-in name, unique in the tenant.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Password (at least 8 characters). Kept in configuration: use a secret store outside demos.</summary>
    public string Password { get; set; } = string.Empty;

    /// <summary>Roles: any of <c>agent</c>, <c>supervisor</c>, <c>admin</c>.</summary>
    public IList<string> Roles { get; } = [];

    /// <summary>The agent this user works as (required for the role <c>agent</c>).</summary>
    public string? Agent { get; set; }
}
